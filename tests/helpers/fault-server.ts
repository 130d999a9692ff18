// A loopback OpenAI-compatible server that misbehaves on cue: each chat request gets the next
// fault from a script (or a normal streamed reply), and every request is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onBody, sendJson } from '../../src/llm/test-utils/fake-openai.js';

export type Fault =
  /**
   * A normal streamed reply: role, text in a few chunks (or exactly `pieces`, one chunk each),
   * finish_reason, usage, [DONE].
   */
  | {
      readonly kind: 'ok';
      readonly text?: string | undefined;
      readonly pieces?: readonly string[] | undefined;
    }
  /** 429 with a Retry-After header (seconds). */
  | { readonly kind: 'rate-limit'; readonly retryAfter: string }
  | { readonly kind: 'server-error'; readonly status?: number | undefined }
  /** Headers and the role chunk, then the socket is destroyed: lost before any text. */
  | { readonly kind: 'drop-before-text' }
  /** Some text, then the socket is destroyed: lost mid-reply. */
  | { readonly kind: 'drop-after-text'; readonly text: string }
  /** Headers, then silence until the client gives up. */
  | { readonly kind: 'stall' }
  /** A line that is not JSON where a chunk should be (then, optionally, more valid text). */
  | {
      readonly kind: 'malformed';
      readonly afterText?: string | undefined;
      readonly thenText?: string | undefined;
    }
  /** Text forever, never a finish_reason: a server that ignores max_tokens. Ends when the client leaves. */
  | { readonly kind: 'endless'; readonly text?: string | undefined }
  /** The stream ends (with [DONE]) without a finish_reason. */
  | { readonly kind: 'no-finish'; readonly text?: string | undefined }
  /** The first token only after this long (less than the stall timeout: not a fault for the client). */
  | { readonly kind: 'slow-first-token'; readonly ms: number; readonly text?: string | undefined }
  /** Any status and JSON body, built from the request (e.g. echoing its headers). */
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: (request: RecordedRequest) => unknown;
      readonly headers?: Readonly<Record<string, string>> | undefined;
    };

export interface RecordedRequest {
  readonly index: number;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  /** What it was served; undefined for anything but chat completions. */
  readonly fault: Fault['kind'] | undefined;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseUrl: string;
  readonly requests: readonly RecordedRequest[];
  /** Chat completion requests only. */
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export interface FaultServerOptions {
  /** The fault for the n-th chat request (0-based); `ok` when it returns undefined. */
  readonly schedule: (index: number) => Fault | undefined;
  readonly models?: readonly string[] | undefined;
  /** The text of a normal reply, written from the request (a scripted model); `okText` if unset. */
  readonly answer?: ((request: RecordedRequest) => string) | undefined;
}

/** The text a normal reply to the n-th chat request carries. */
export function okText(index: number): string {
  return `Point ${index} from the flaky server: keep the viaduct, phase the works.`;
}

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let chats = 0;

  const server = createServer((req, res) => {
    onBody(req, (body) => {
      const isChat = req.method === 'POST' && (req.url ?? '').endsWith('/chat/completions');
      const index = isChat ? chats++ : -1;
      const fault = isChat ? (options.schedule(index) ?? { kind: 'ok' }) : undefined;
      const recorded: RecordedRequest = {
        index,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        fault: fault?.kind,
      };
      requests.push(recorded);
      if (fault === undefined) {
        if ((req.url ?? '').endsWith('/models')) {
          sendJson(res, 200, {
            object: 'list',
            data: (options.models ?? ['fault-model']).map((id) => ({ id, object: 'model' })),
          });
        } else sendJson(res, 404, { error: { message: `no route ${req.url}` } });
        return;
      }
      void serve(fault, recorded, res, options.answer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.fault !== undefined),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

let chunkId = 0;
function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  chunkId += 1;
  const data = {
    id: `chatcmpl-fault-${chunkId}`,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fault-model',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  };
  return `data: ${JSON.stringify(data)}\n\n`;
}

const usageChunk = (completion: number) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-fault-usage',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fault-model',
    choices: [],
    usage: { prompt_tokens: 100, completion_tokens: completion, total_tokens: 100 + completion },
  })}\n\n`;

function textChunks(text: string): string[] {
  const words = text.split(/(?<= )/u);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 3)
    out.push(chunk({ content: words.slice(i, i + 3).join('') }));
  return out;
}

function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) resolve();
    else res.write(text, () => resolve());
  });
}

function startStream(res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  return write(res, chunk({ role: 'assistant', content: '' }));
}

async function finish(res: ServerResponse, completion: number): Promise<void> {
  await write(res, chunk({}, 'stop'));
  await write(res, usageChunk(completion));
  res.end('data: [DONE]\n\n');
}

async function serve(
  fault: Fault,
  request: RecordedRequest,
  res: ServerResponse,
  answer: FaultServerOptions['answer'],
): Promise<void> {
  const text = answer?.(request) ?? okText(request.index);
  switch (fault.kind) {
    case 'ok': {
      await startStream(res);
      const parts =
        fault.pieces?.map((piece) => chunk({ content: piece })) ?? textChunks(fault.text ?? text);
      for (const part of parts) await write(res, part);
      await finish(res, 12);
      return;
    }
    case 'rate-limit':
      sendJson(
        res,
        429,
        { error: { message: 'Rate limit reached, slow down', type: 'rate_limit_error' } },
        { 'retry-after': fault.retryAfter },
      );
      return;
    case 'server-error':
      sendJson(res, fault.status ?? 500, {
        error: { message: 'The server had an error processing your request', type: 'server_error' },
      });
      return;
    case 'drop-before-text':
      await startStream(res);
      res.socket?.destroy();
      return;
    case 'drop-after-text':
      await startStream(res);
      for (const part of textChunks(fault.text)) await write(res, part);
      res.socket?.destroy();
      return;
    case 'stall':
      await startStream(res);
      // The client's stall timer fires; it closes the connection and retries.
      return;
    case 'malformed':
      await startStream(res);
      if (fault.afterText !== undefined) {
        for (const part of textChunks(fault.afterText)) await write(res, part);
      }
      await write(
        res,
        'data: {"id": "broken", "choices": [{"delta": {"content": "unterminated\n\n',
      );
      if (fault.thenText !== undefined) {
        for (const part of textChunks(fault.thenText)) await write(res, part);
        await finish(res, 12);
        return;
      }
      res.end();
      return;
    case 'endless': {
      await startStream(res);
      const part = chunk({ content: fault.text ?? 'and on ' });
      // Paced by the socket: write while the client reads, stop when it leaves.
      while (!res.destroyed) {
        if (!res.write(part)) {
          await new Promise((resolve) => {
            res.once('drain', resolve);
            res.once('close', resolve);
          });
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      return;
    }
    case 'no-finish':
      await startStream(res);
      if (fault.text !== undefined) {
        for (const part of textChunks(fault.text)) await write(res, part);
      }
      res.end('data: [DONE]\n\n');
      return;
    case 'slow-first-token':
      await startStream(res);
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      for (const part of textChunks(fault.text ?? text)) await write(res, part);
      await finish(res, 12);
      return;
    case 'json':
      sendJson(res, fault.status, fault.body(request), fault.headers);
      return;
    default: {
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
}
