import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, type ApiErrorBody, invalidRequest } from './api-error.js';
import type { JsonBodyMemo } from './json-body-memo.js';

/**
 * A request body as JSON, whatever its content type (curl -d sends a form type), or OpenAI's 400
 * for malformed JSON (thrown). An empty body parses to undefined; the route says what is missing.
 */
export function readJsonBody(body: Buffer, bodies: JsonBodyMemo): unknown {
  if (isBlank(body)) return undefined;
  // As Fastify's own parser does: a "__proto__" key would give the parsed body a prototype
  // whose fields look like request parameters no schema checked.
  if (holdsProtoKey(body))
    throw invalidRequest(
      'The request body contains a forbidden "__proto__" key.',
      null,
      'invalid_json',
    );
  try {
    return bodies.parse(body);
  } catch (error) {
    throw invalidRequest(
      `We could not parse the JSON body of your request (${(error as Error).message}). The body must be valid JSON.`,
      null,
      'invalid_json',
    );
  }
}

/** Fastify reads every request body with `readJsonBody`. */
export function acceptJsonBodies(app: FastifyInstance, bodies: JsonBodyMemo): void {
  app.removeAllContentTypeParsers();
  // As a Buffer: a large body's text is never made whole (see json-body.ts).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, raw, done) => {
    let value: unknown;
    try {
      value = readJsonBody(typeof raw === 'string' ? Buffer.from(raw) : raw, bodies);
    } catch (error) {
      done(error as ApiError, undefined);
      return;
    }
    done(null, value);
  });
}

const PROTO_NAME = Buffer.from('__proto__');
const QUOTE = 0x22;

/**
 * Whether the bytes hold "__proto__" in quotes (a key, or a string), as `includes` of that
 * would say. Searched for without its quotes: a needle that starts and ends with the commonest
 * byte of JSON made Node's search crawl (60 us for a replayed request's 55 KB body, 125 us for
 * 108 KB; without the quotes ~1 us), and every request was searched.
 */
export function holdsProtoKey(body: Buffer): boolean {
  for (let at = body.indexOf(PROTO_NAME); at !== -1; at = body.indexOf(PROTO_NAME, at + 1))
    if (body[at - 1] === QUOTE && body[at + PROTO_NAME.length] === QUOTE) return true;
  return false;
}

/** Nothing but whitespace (as String.prototype.trim counts it, for the bytes a body may hold). */
function isBlank(body: Buffer): boolean {
  for (const byte of body) {
    if (
      byte !== 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0d &&
      byte !== 0x0b &&
      byte !== 0x0c
    )
      return byte >= 0x80 && body.toString('utf8').trim() === '';
  }
  return true;
}

/** A failure's status and OpenAI error object; `failed` when it is the server's own (a 500). */
export function errorAnswer(
  error: Partial<FastifyError> | ApiError,
  bodyLimit: number,
): { readonly status: number; readonly body: ApiErrorBody; readonly failed: boolean } {
  if (error instanceof ApiError)
    return { status: error.statusCode, body: error.toBody(), failed: false };
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const tooLarge = new ApiError(
      413,
      `The request body is larger than this server's limit of ${bodyLimit} bytes.`,
      'invalid_request_error',
      null,
      'request_too_large',
    );
    return { status: 413, body: tooLarge.toBody(), failed: false };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const message = error.message ?? '';
    return {
      status,
      body: invalidRequest(message, null, error.code ?? null).toBody(),
      failed: false,
    };
  }
  const failure = new ApiError(
    500,
    'The dummy server failed on this request.',
    'server_error',
    null,
    null,
  );
  return { status: 500, body: failure.toBody(), failed: true };
}

/** Every failure as OpenAI's error object: 413 over the body limit, 404 off the routes, 4xx as is. */
export function answerErrorsLikeOpenAI(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const { status, body, failed } = errorAnswer(error, bodyLimit);
    if (failed) request.log.error({ err: error }, `${request.method} ${request.url} failed`);
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new ApiError(
      404,
      `Unknown request URL: ${request.method} ${request.url}. This server serves POST /v1/chat/completions, POST /v1/completions, GET /v1/models and GET /health.`,
      'invalid_request_error',
      null,
      'unknown_url',
    );
    return reply.code(404).send(error.toBody());
  });
}

/** How Node's HTTP parser names what was wrong, for the 400's message. */
const PARSE_ERRORS: Readonly<Record<string, string>> = {
  HPE_INVALID_METHOD: 'the request line does not start with an HTTP method',
  HPE_INVALID_URL: 'the request line holds no valid URL',
  HPE_INVALID_CONSTANT: 'the request line or a header is not HTTP',
  HPE_INVALID_VERSION: 'the request line holds no valid HTTP version',
  HPE_UNEXPECTED_CONTENT_LENGTH:
    'it has both Content-Length and Transfer-Encoding, which contradict each other',
  HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is invalid or contradicts Content-Length',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not a number, or is given twice',
  HPE_INVALID_HEADER_TOKEN: 'a header name holds a character HTTP does not allow',
  HPE_INVALID_CHUNK_SIZE: 'a chunk of its chunked body has an invalid size',
};

/**
 * The raw HTTP answer to a request Node's parser refused before Fastify saw it: OpenAI's error
 * object as for any other bad request, 431 for headers over the limit, 408 for a request that
 * took too long to arrive, and the connection closed after it.
 */
export function clientErrorResponse(
  error: Error & { code?: string },
  maxHeaderBytes: number,
): string {
  const code = error.code ?? '';
  const status =
    code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? `The request's headers are larger than this server's limit of ${maxHeaderBytes} bytes.`
      : status === 408
        ? 'The request took too long to arrive.'
        : `The request is not valid HTTP: ${PARSE_ERRORS[code] ?? `the parser stopped at it (${code || error.message})`}.`;
  const body = JSON.stringify(
    new ApiError(
      status,
      message,
      'invalid_request_error',
      null,
      status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'invalid_http',
    ).toBody(),
  );
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
  );
}

/** Fastify's `clientErrorHandler`: the answer above, unless the socket is already gone. */
export function answerClientErrors(maxHeaderBytes: number) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(error, maxHeaderBytes));
  };
}
