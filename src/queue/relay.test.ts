import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { syntheticRun } from '../render/test-utils/events.js';
import type { LogEntry } from './protocol.js';
import { EventRelay } from './relay.js';
import type { RunLog } from './run-log.js';

/** A RunLog that records each call's entries; it refuses from call `refuseFrom` on (1-based). */
function fakeLog(options: { refuseFrom?: number; failOn?: number; slowMs?: number } = {}) {
  const calls: LogEntry[][] = [];
  const log = {
    async append(owner: string, ...entries: LogEntry[]) {
      expect(owner).toBe('token');
      calls.push(entries);
      if (options.slowMs !== undefined) await delay(options.slowMs);
      if (calls.length === options.failOn) throw new Error('connection lost');
      return options.refuseFrom === undefined || calls.length < options.refuseFrom;
    },
  };
  return { log: log as unknown as RunLog, calls };
}

const asEntry = (event: DiscussionEvent): LogEntry => ({ kind: 'event', event });
const types = (batch: readonly LogEntry[]) =>
  batch.map((e) => (e.kind === 'event' ? e.event.type : e.kind));

describe("a worker's events on their way to Redis", () => {
  it('go a turn at a time, in order, all of them in Redis before the next request', async () => {
    const { log, calls } = fakeLog();
    const relay = new EventRelay(log, 'token', 60_000);
    const events = syntheticRun().filter((e) => e.type !== 'text-delta');
    for (const event of events) expect(await relay.add(asEntry(event))).toBe(true);
    expect(await relay.flush()).toBe(true);
    // Everything arrived, once, in order…
    expect(calls.flat()).toEqual(events.map(asEntry));
    // …in one call for each turn or phase started (before its request) and one for the end.
    const starts = ['turn-started', 'phase-started', 'discussion-ended'];
    expect(calls).toHaveLength(events.filter((e) => starts.includes(e.type)).length);
    expect(calls.length).toBeLessThan(events.length / 1.5);
    for (const batch of calls) expect(starts).toContain(types(batch).at(-1));
  });

  it('sends the start of a run at once, and what waits longer than the hold on its own', async () => {
    const { log, calls } = fakeLog();
    const relay = new EventRelay(log, 'token', 30);
    const [started, ...rest] = syntheticRun();
    if (started === undefined) throw new Error('fixture');
    await relay.add({ kind: 'segment', run: { tableDir: '/t' } as never });
    expect(calls).toHaveLength(1);
    await relay.add(asEntry(started));
    const ended = rest.find((e) => e.type === 'turn-ended');
    if (ended === undefined) throw new Error('fixture');
    await relay.add(asEntry(ended));
    expect(calls).toHaveLength(1);
    await delay(120);
    expect(calls.map(types)).toEqual([['segment'], ['discussion-started', 'turn-ended']]);
  });

  it('says so once the run is another worker’s, and sends nothing after that', async () => {
    const { log, calls } = fakeLog({ refuseFrom: 2, slowMs: 5 });
    const relay = new EventRelay(log, 'token', 10);
    const events = syntheticRun().filter((e) => e.type !== 'text-delta');
    let owned = true;
    for (const event of events) {
      owned = await relay.add(asEntry(event));
      if (!owned) break;
    }
    expect(owned).toBe(false);
    expect(calls).toHaveLength(2);
    expect(await relay.flush()).toBe(false);
    await delay(50);
    expect(calls).toHaveLength(2);
  });

  it('passes a Redis failure on, even from a batch the timer sent', async () => {
    const { log } = fakeLog({ failOn: 1 });
    const relay = new EventRelay(log, 'token', 5);
    const [started, next] = syntheticRun();
    if (started === undefined || next === undefined) throw new Error('fixture');
    expect(await relay.add(asEntry(started))).toBe(true);
    await delay(40);
    await expect(relay.add(asEntry(next))).rejects.toThrow('connection lost');
    await expect(relay.flush()).rejects.toThrow('connection lost');
    relay.close();
  });
});
