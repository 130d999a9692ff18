// A minimal Server-Sent Events client over node:http, for tests: it records each message's id
// and data, can send Last-Event-ID, and can stop reading (a slow viewer) or hang up.
import { type ClientRequest, type IncomingMessage, request } from 'node:http';

export interface SseMessage {
  readonly id: number | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

export interface SseClient {
  readonly messages: SseMessage[];
  readonly status: Promise<number>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  response(): IncomingMessage | undefined;
  close(): void;
}

export function openSse(
  url: string,
  options: { lastEventId?: number; headers?: Record<string, string> } = {},
): SseClient {
  const messages: SseMessage[] = [];
  let response: IncomingMessage | undefined;
  let req: ClientRequest | undefined;
  let resolveStatus: (status: number) => void = () => {};
  let resolveEnded: () => void = () => {};
  const status = new Promise<number>((resolve) => {
    resolveStatus = resolve;
  });
  const ended = new Promise<void>((resolve) => {
    resolveEnded = resolve;
  });
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
  req = request(url, { headers }, (res) => {
    response = res;
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end < 0) break;
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let id: number | undefined;
        let event: string | undefined;
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) id = Number(line.slice(4));
          else if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length > 0) messages.push({ id, event, data: data.join('\n') });
      }
    });
    res.on('end', () => resolveEnded());
    res.on('close', () => resolveEnded());
  });
  req.on('error', () => {
    resolveStatus(0);
    resolveEnded();
  });
  req.end();
  return {
    messages,
    status,
    ended,
    response: () => response,
    close: () => req?.destroy(),
  };
}

/** The records of the data messages, parsed. */
export function recordsOf(client: SseClient): { type: string; [key: string]: unknown }[] {
  return client.messages
    .filter((m) => m.event === undefined)
    .map((m) => (JSON.parse(m.data) as { record: { type: string } }).record);
}

export async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
