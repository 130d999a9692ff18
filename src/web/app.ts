import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Access } from './access.js';
import { WebError } from './access.js';

/** Small JSON bodies only: a control is a few words. */
const BODY_LIMIT = 64 * 1024;

/**
 * A Fastify app with the web view's common ground: every error a clear sentence with its 4xx
 * status (JSON for scripts, a short page for a browser), no caching, no framing, no sniffing.
 */
export function createWebApp(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  // JSON only: a text body is refused (415) rather than read as a string.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
  });
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof WebError) return sendError(request, reply, error.status, error.message);
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(request, reply, status, badRequestMessage(error as Error, status));
    }
    return sendError(request, reply, 500, 'internal error: the web view could not answer');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, 404, `nothing at ${request.method} ${request.url.split('?')[0]}`),
  );
  // Browsers ask for it unbidden; an empty answer keeps their consoles quiet.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  return app;
}

function badRequestMessage(error: Error, status: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return 'send the body as JSON (content-type: application/json)';
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return `the body is over ${BODY_LIMIT / 1024} KB`;
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'the body is empty: send a JSON object';
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return 'the body is not valid JSON: send an object such as {"type": "pause"}';
  }
  return error.message;
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
): FastifyReply {
  reply.code(status);
  if ((request.headers.accept ?? '').includes('text/html')) {
    const text = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'")
      .send(
        `<!doctype html><meta charset="utf-8"><title>${status}</title><p>${status}: ${text}</p>\n`,
      );
  }
  return reply.type('application/json; charset=utf-8').send({ error: message });
}

/** The id after which a viewer's stream starts: its Last-Event-ID, else `?after=`, else 0. */
export function streamStart(request: FastifyRequest): number {
  const header = request.headers['last-event-id'];
  const query = (request.query as Record<string, unknown>).after;
  const raw = typeof header === 'string' && header !== '' ? header : query;
  if (raw === undefined || raw === '') return 0;
  const text = String(raw);
  if (!/^\d{1,15}$/.test(text)) {
    throw new WebError(
      400,
      `Last-Event-ID / after must be a whole number of 0 or more, not "${text}"`,
    );
  }
  return Number(text);
}

export function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

/** Listens and returns the URL a person opens (with the token when one is needed to view). */
export async function listen(
  app: FastifyInstance,
  access: Access,
  host: string,
  port: number,
): Promise<{ url: string; port: number }> {
  await app.listen({ host, port });
  const address = app.server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  access.port = actual;
  const name = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${name}:${actual}/`, port: actual };
}
