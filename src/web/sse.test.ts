import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { EventHub } from './hub.js';
import { streamHub } from './sse.js';
import { openSse, recordsOf, until } from './test-utils/sse-client.js';

let server: Server | undefined;
const responses: ServerResponse[] = [];
afterEach(async () => {
  const open = server;
  server = undefined;
  open?.closeAllConnections();
  if (open !== undefined) await new Promise((resolve) => open.close(resolve));
  responses.length = 0;
});

async function serve(hub: EventHub): Promise<string> {
  const created = createServer((request, response) => {
    responses.push(response);
    const header = request.headers['last-event-id'];
    streamHub(request, response, hub, typeof header === 'string' ? Number(header) : 0);
  });
  server = created;
  const listening = created;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`;
}

const ended = (events: DiscussionEvent[]) => events.filter((e) => e.type === 'turn-ended');

describe('EventHub', () => {
  it('numbers every record and keeps a finished turn’s end, not its deltas', () => {
    const hub = new EventHub();
    const events = syntheticRun({ turns: 2, summary: false });
    for (const event of events) hub.publish(event);
    expect(hub.lastId).toBe(events.length);
    const kept = hub.after(0);
    expect(kept.some((entry) => entry.record.type === 'text-delta')).toBe(false);
    expect(kept.map((entry) => entry.id)).toEqual(
      events.flatMap((e, i) => (e.type === 'text-delta' ? [] : [i + 1])),
    );
    expect(hub.after(kept[2]?.id ?? 0, 2).map((e) => e.id)).toEqual([kept[3]?.id, kept[4]?.id]);
  });

  it('keeps the deltas of the turn being spoken, so a viewer joining mid-turn sees its words', () => {
    const hub = new EventHub();
    const events = syntheticRun({ turns: 2, summary: false });
    const midTurn = events.findIndex((e) => e.type === 'text-delta' && e.turn === 2);
    for (const event of events.slice(0, midTurn + 1)) hub.publish(event);
    const deltas = hub.after(0).filter((e) => e.record.type === 'text-delta');
    expect(deltas.map((e) => e.record.type === 'text-delta' && e.record.turn)).toEqual([2]);
  });
});

describe('streamHub', () => {
  it('resumes after Last-Event-ID with nothing lost and nothing repeated', async () => {
    const hub = new EventHub();
    const url = await serve(hub);
    const events = syntheticRun({ turns: 6 });
    const half = Math.floor(events.length / 2);
    for (const event of events.slice(0, half)) hub.publish(event);

    const first = openSse(url);
    await until(() => first.messages.at(-1)?.id === hub.lastId, 'the first half');
    const lastSeen = first.messages.at(-1)?.id ?? 0;
    first.close();
    for (const event of events.slice(half)) hub.publish(event);
    hub.close();

    const second = openSse(url, { lastEventId: lastSeen });
    await second.ended;
    const ids = [...first.messages, ...second.messages].flatMap((m) =>
      m.id === undefined ? [] : [m.id],
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const records = [...recordsOf(first), ...recordsOf(second)];
    expect(records.filter((r) => r.type === 'turn-ended').map((r) => r.text)).toEqual(
      ended(events).map((e) => e.type === 'turn-ended' && e.text),
    );
    expect(second.messages.at(-1)?.event).toBe('end');
  });

  it('serves many viewers at once, each everything, and forgets those that leave', async () => {
    const hub = new EventHub();
    const url = await serve(hub);
    const viewers = Array.from({ length: 25 }, () => openSse(url));
    await until(() => hub.viewers === 25, '25 viewers');
    for (const event of syntheticRun({ turns: 4 })) hub.publish(event);
    await until(() => viewers.every((v) => v.messages.at(-1)?.id === hub.lastId), 'every viewer');
    for (const viewer of viewers.slice(0, 20)) viewer.close();
    await until(() => hub.viewers === 5, 'the 20 that left to be forgotten');
    hub.close();
    await Promise.all(viewers.slice(20).map((v) => v.ended));
    await until(() => hub.viewers === 0, 'no viewer left');
  });

  it('holds at most a slice for a viewer that stops reading, and carries on when it reads again', async () => {
    const hub = new EventHub();
    const url = await serve(hub);
    const slow = openSse(url);
    await until(() => slow.response() !== undefined, 'the response');
    slow.response()?.pause();
    hub.publish({
      type: 'turn-started',
      turn: 1,
      kind: 'turn',
      seat: 1,
      speaker: 'Ada',
      topic: { index: 0, text: 'q' },
      directives: [],
      turnsLeft: 3,
      reason: 'first',
    });
    const piece = 'x'.repeat(10_000);
    for (let i = 0; i < 1000; i++) hub.publish({ type: 'text-delta', turn: 1, text: piece });
    // 10 MB published; what waits in the server's buffer for this viewer stays small.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const server = responses[0];
    expect(server?.writableLength ?? 0).toBeLessThan(64 * 10_100 + 100_000);
    slow.response()?.resume();
    await until(
      () => slow.messages.at(-1)?.id === hub.lastId,
      'the slow viewer to catch up',
      15_000,
    );
    slow.close();
  });
});
