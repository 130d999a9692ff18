// A loopback proxy in front of an OpenAI-compatible server that passes each streamed reply on one
// server-sent event at a time and can hold a run at an exact point: before the nth event of its
// kth chat request. A test then acts (kill -9) while the run waits for that event, at the same
// point of the discussion whatever the machine's load, instead of racing a paced server.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestBody } from './request-body.js';

/** Where to hold: before event `event` (0-based; 0 = before any) of chat request `request` (1-based). */
export interface HoldPoint {
  readonly request: number;
  readonly event: number;
}

export interface HoldProxy {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseUrl: string;
  /** The events of each chat request since the last `arm`, in order (the last ends with [DONE]). */
  readonly replies: number[];
  /**
   * Counts requests from 1 again; with a point, the reply there stops before that event and the
   * promise resolves once it has. Replies held before are dropped.
   */
  arm(point?: HoldPoint): Promise<void>;
  close(): Promise<void>;
}

/** `target` is the upstream base URL including /v1. */
export async function startHoldProxy(target: string): Promise<HoldProxy> {
  const upstream = new URL(target);
  const replies: number[] = [];
  const held = new Set<ServerResponse>();
  let point: HoldPoint | undefined;
  let onHeld: () => void = () => {};

  const server = createServer(async (req, res) => {
    const text = await requestBody(req);
    const path = (req.url ?? '').replace(/^\/v1/, '');
    const chat = req.method === 'POST' && path.startsWith('/chat/completions');
    const n = chat ? replies.push(0) : 0;
    let reply: Response;
    try {
      reply = await fetch(`${upstream.origin}${upstream.pathname}${path}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: req.method === 'GET' ? undefined : text,
      });
    } catch {
      res.destroy();
      return;
    }
    res.writeHead(reply.status, Object.fromEntries(reply.headers));
    const hold = (): boolean => {
      if (point?.request !== n || point.event !== replies[n - 1]) return false;
      held.add(res);
      onHeld();
      return true;
    };
    if (hold() || reply.body === null) {
      if (!held.has(res)) res.end();
      return;
    }
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of reply.body) {
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
        const event = pending.slice(0, end + 2);
        pending = pending.slice(end + 2);
        if (chat) {
          if (hold()) return;
          replies[n - 1] = (replies[n - 1] ?? 0) + 1;
        }
        res.write(event);
      }
    }
    res.end(pending);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const drop = () => {
    for (const res of held) res.destroy();
    held.clear();
  };
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    replies,
    arm(next) {
      drop();
      replies.length = 0;
      point = next;
      return new Promise<void>((resolve) => {
        onHeld = resolve;
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        drop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
