// A loopback proxy in front of an OpenAI-compatible server that records every request: when it
// started and ended, how many were in flight, and what each would count against a tokens-a-minute
// limit. It can answer chosen requests with a 429. What the batch's limits are checked against.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { requestTokens } from '../../src/limits/limited-fetch.js';
import { requestBody } from './request-body.js';

export interface RecordedRequest {
  /** 1-based, in arrival order. */
  readonly n: number;
  readonly path: string;
  readonly start: number;
  end: number | undefined;
  readonly tokens: number;
  status: number;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** The most requests ever in flight at once. */
  maxInFlight(): number;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** For request n (1-based): answer 429 asking to wait this many ms, or undefined to pass it on. */
  readonly tooManyRequests?: ((n: number) => number | undefined) | undefined;
}

/** `target` is the upstream base URL including /v1. */
export async function startRecordingProxy(
  target: string,
  options: ProxyOptions = {},
): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer(async (req, res) => {
    const text = await requestBody(req);
    const record: RecordedRequest = {
      n: requests.length + 1,
      path: req.url ?? '',
      start: performance.now(),
      end: undefined,
      tokens: requestTokens(text),
      status: 0,
    };
    requests.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const done = () => {
      if (record.end !== undefined) return;
      record.end = performance.now();
      inFlight -= 1;
    };
    res.on('close', done);
    const wait = options.tooManyRequests?.(record.n);
    if (wait !== undefined) {
      record.status = 429;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': String(wait) });
      res.end(JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error' } }));
      return;
    }
    try {
      const path = (req.url ?? '').replace(/^\/v1/, '');
      const reply = await fetch(`${upstream.origin}${upstream.pathname}${path}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: req.method === 'GET' ? undefined : text,
      });
      record.status = reply.status;
      res.writeHead(reply.status, Object.fromEntries(reply.headers));
      if (reply.body === null) res.end();
      else Readable.fromWeb(reply.body as import('node:stream/web').ReadableStream).pipe(res);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
