import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One step of a scripted SSE reply. */
export type StreamStep =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'finish'; readonly reason?: string }
  | { readonly kind: 'usage'; readonly prompt: number; readonly completion: number }
  /** Written verbatim: a malformed line, a keep-alive comment, an error event. */
  | { readonly kind: 'raw'; readonly data: string }
  | { readonly kind: 'delay'; readonly ms: number }
  /** Send nothing more and keep the connection open until the client gives up. */
  | { readonly kind: 'hang' }
  /** Destroy the socket without ending the response: a connection lost mid-reply. */
  | { readonly kind: 'drop' }
  | { readonly kind: 'done' };

export type Reply =
  | {
      readonly kind: 'stream';
      readonly steps: readonly StreamStep[];
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Any status with a JSON body, e.g. an OpenAI-style error or a /models list. */
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Read the request and never answer, not even with headers. */
  | { readonly kind: 'no-response' };

export interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
  /** True once the response finished as scripted (not cut by the client). */
  completed: boolean;
  /** Resolves when the connection for this request closes, whoever closed it. */
  readonly closed: Promise<void>;
  /** True when the client went away before the scripted reply was complete. */
  clientDisconnected: boolean;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseUrl: string;
  readonly requests: CapturedRequest[];
  /** TCP connections accepted so far (keep-alive reuse shows as fewer than requests). */
  connections(): number;
  /** Replies are served in order, one per request; an unscripted request gets a 599. */
  enqueue(...replies: Reply[]): void;
  close(): Promise<void>;
}

let chunkCounter = 0;

/** A chat.completion.chunk with the fields strict clients check (index, role, created). */
export function chunk(delta: Record<string, unknown>, finishReason: string | null = null): object {
  chunkCounter += 1;
  return {
    id: `chatcmpl-fake-${chunkCounter}`,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

export function openAIError(message: string, type = 'invalid_request_error', code?: string) {
  return { error: { message, type, param: null, code: code ?? null } };
}

/** GET /models answered with these model ids, as OpenAI lists them. */
export function modelList(...ids: string[]): Reply {
  return {
    kind: 'json',
    status: 200,
    body: {
      object: 'list',
      data: ids.map((id) => ({ id, object: 'model', created: 1, owned_by: 'x' })),
    },
  };
}

/** The common case: these text deltas, then a finish_reason, a usage chunk and [DONE]. */
export function streamOf(
  texts: readonly string[],
  options: { usage?: { prompt: number; completion: number }; finish?: string } = {},
): Reply {
  const steps: StreamStep[] = texts.map((text) => ({ kind: 'text', text }));
  steps.push({ kind: 'finish', reason: options.finish ?? 'stop' });
  if (options.usage) steps.push({ kind: 'usage', ...options.usage });
  steps.push({ kind: 'done' });
  return { kind: 'stream', steps };
}

/**
 * Calls `handle` with the request's body once it has all arrived: parsed JSON, undefined when
 * empty, or the raw text when it is not JSON (a test asserting on it will say what arrived).
 */
export function onBody(req: IncomingMessage, handle: (body: unknown) => void): void {
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', () => {
    const raw = Buffer.concat(parts).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      // Kept as text.
    }
    handle(body);
  });
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: Reply[] = [];
  const requests: CapturedRequest[] = [];

  const server: Server = createServer((req, res) => {
    onBody(req, (body) => {
      let resolveClosed: () => void = () => {};
      const captured: CapturedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        completed: false,
        closed: new Promise<void>((resolve) => {
          resolveClosed = resolve;
        }),
        clientDisconnected: false,
      };
      requests.push(captured);
      res.on('close', () => {
        if (!captured.completed) captured.clientDisconnected = true;
        resolveClosed();
      });
      void serve(queue.shift(), res, captured);
    });
  });

  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    connections: () => connections,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** A loopback port that was open a moment ago and is closed now: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function serve(
  reply: Reply | undefined,
  res: ServerResponse,
  captured: CapturedRequest,
): Promise<void> {
  if (reply === undefined) {
    sendJson(res, 599, openAIError('the fake server has no scripted reply for this request'));
    captured.completed = true;
    return;
  }
  switch (reply.kind) {
    case 'json':
      sendJson(res, reply.status, reply.body, reply.headers);
      captured.completed = true;
      return;
    case 'no-response':
      return;
    case 'stream':
      await serveStream(reply.steps, reply.headers ?? {}, res, captured);
      return;
    default:
      return assertNever(reply);
  }
}

async function serveStream(
  steps: readonly StreamStep[],
  headers: Readonly<Record<string, string>>,
  res: ServerResponse,
  captured: CapturedRequest,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  res.flushHeaders();
  let first = true;
  for (const [index, step] of steps.entries()) {
    if (res.destroyed) return;
    switch (step.kind) {
      case 'text':
        await writeEvent(
          res,
          chunk(first ? { role: 'assistant', content: step.text } : { content: step.text }),
        );
        first = false;
        break;
      case 'finish':
        await writeEvent(res, chunk({}, step.reason ?? 'stop'));
        break;
      case 'usage':
        await writeEvent(res, {
          ...chunk({}),
          choices: [],
          usage: {
            prompt_tokens: step.prompt,
            completion_tokens: step.completion,
            total_tokens: step.prompt + step.completion,
          },
        });
        break;
      case 'raw':
        await write(res, step.data);
        break;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, step.ms));
        break;
      case 'hang':
        return;
      case 'drop':
        res.socket?.destroy();
        return;
      case 'done':
        // The end of the body travels with [DONE] when it is last, as from most servers, so
        // the client has read the whole body when it stops at [DONE] and can reuse the socket.
        if (index === steps.length - 1) {
          captured.completed = true;
          res.end('data: [DONE]\n\n');
          return;
        }
        await write(res, 'data: [DONE]\n\n');
        break;
      default:
        assertNever(step);
    }
  }
  captured.completed = true;
  res.end();
}

function writeEvent(res: ServerResponse, data: object): Promise<void> {
  return write(res, `data: ${JSON.stringify(data)}\n\n`);
}

/** Resolves once the bytes are handed to the socket, so a later drop cannot swallow them. */
function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(text, () => resolve());
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function assertNever(value: never): never {
  throw new Error(`unexpected script step ${JSON.stringify(value)}`);
}
