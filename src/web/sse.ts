import type { IncomingMessage, ServerResponse } from 'node:http';
import { terminalSafeValue } from '../render/terminal-safe.js';
import type { EventHub, HubEntry } from './hub.js';

/** Entries read from the hub per step: a reconnecting viewer catches up in bounded slices. */
const BATCH = 64;
const HEARTBEAT_MS = 15_000;

/**
 * One Server-Sent Events message. `data` is one line of JSON (JSON escapes every line break) with
 * the record, terminal-safe like every other view of it, and the page fragment it adds.
 */
export function sseMessage(entry: HubEntry): string {
  const data = JSON.stringify({
    record: terminalSafeValue(entry.record),
    html: entry.html,
    colors: entry.colors,
  });
  return `id: ${entry.id}\ndata: ${data}\n\n`;
}

/**
 * Streams the hub to one viewer from the entry after `after`. The viewer is only a cursor: it
 * writes while the socket takes data and waits for 'drain' when it does not, so a slow viewer
 * never makes the server queue more than one slice, and one that disconnects is forgotten at once.
 * When the hub closes and the viewer has read everything, the stream ends with an `end` event.
 */
export function streamHub(
  request: IncomingMessage,
  response: ServerResponse,
  hub: EventHub,
  after: number,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write('retry: 1000\n\n');
  let cursor = after;
  let blocked = false;
  let finished = false;

  const stop = () => {
    if (finished) return;
    finished = true;
    unsubscribe();
    clearInterval(heartbeat);
  };
  const pump = (): void => {
    if (blocked || finished) return;
    for (;;) {
      const batch = hub.after(cursor, BATCH);
      if (batch.length === 0) break;
      for (const entry of batch) {
        cursor = entry.id;
        if (!response.write(sseMessage(entry))) {
          blocked = true;
          response.once('drain', () => {
            blocked = false;
            pump();
          });
          return;
        }
      }
    }
    if (hub.closed) {
      stop();
      response.end('event: end\ndata: {}\n\n');
    }
  };

  const unsubscribe = hub.subscribe(pump);
  const heartbeat = setInterval(() => {
    if (!blocked && !finished) response.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  request.on('close', stop);
  response.on('close', stop);
  pump();
}
