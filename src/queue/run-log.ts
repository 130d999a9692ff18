// A run's events in Redis, appended only by the worker that owns the run now. Ownership is a
// fence: a worker that was given up for dead (its job taken by another) and wakes up finds its
// appends refused, so no turn of a run is ever recorded twice.
import type { Redis } from 'ioredis';
import type { DiscussionEvent } from '../engine/events.js';
import { type LogEntry, type ReadEntry, runKeys } from './protocol.js';

// KEYS: owner, events. ARGV: owner token, then the entries' JSON in order. 1 appended (all of
// them), 0 refused (not the owner: none of them).
const APPEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #ARGV do redis.call('XADD', KEYS[2], '*', 'o', ARGV[1], 'e', ARGV[i]) end
return 1
`;

export class RunLog {
  readonly keys: ReturnType<typeof runKeys>;

  constructor(
    private readonly redis: Redis,
    batch: string,
    run: string,
  ) {
    this.keys = runKeys(batch, run);
  }

  /** From now on only `owner` may append (the worker that took the run's job). */
  async claim(owner: string): Promise<void> {
    await this.redis.set(this.keys.owner, owner);
  }

  /**
   * Appends the entries, in order and all at once (one round trip, one script). False when
   * `owner` no longer owns the run: none was appended; stop at once, another worker has it.
   */
  async append(owner: string, ...entries: LogEntry[]): Promise<boolean> {
    const done = await this.redis.eval(
      APPEND,
      2,
      this.keys.owner,
      this.keys.events,
      owner,
      ...entries.map((entry) => JSON.stringify(entry)),
    );
    return done === 1;
  }

  /** Every entry so far, in order. */
  async readAll(): Promise<ReadEntry[]> {
    const rows = (await this.redis.xrange(this.keys.events, '-', '+')) as [string, string[]][];
    return rows.map(parseEntry);
  }

  /** The events of every segment so far, in order: what a worker taking the run over resumes from. */
  async events(): Promise<DiscussionEvent[]> {
    return (await this.readAll()).flatMap((r) => (r.entry.kind === 'event' ? [r.entry.event] : []));
  }

  /**
   * Starts the log afresh from what the transcript holds (when a run is handed out again after
   * the batch was stopped): the transcript is the record, Redis a relay.
   */
  async reset(owner: string, events: readonly DiscussionEvent[]): Promise<string | undefined> {
    const pipeline = this.redis.multi().del(this.keys.events).set(this.keys.owner, owner);
    for (const event of events) {
      pipeline.xadd(
        this.keys.events,
        '*',
        'o',
        owner,
        'e',
        JSON.stringify({ kind: 'event', event }),
      );
    }
    const results = (await pipeline.exec()) ?? [];
    const last = results.at(-1);
    return events.length === 0 ? undefined : (last?.[1] as string | undefined);
  }

  async remove(): Promise<void> {
    await this.redis.del(this.keys.events, this.keys.owner);
  }
}

/** A stream entry as XRANGE and XREAD return it: `[id, [field, value, …]]`. */
export function parseEntry([id, fields]: [string, string[]]): ReadEntry {
  const value = (name: string) => {
    const i = fields.indexOf(name);
    return i >= 0 && i % 2 === 0 ? fields[i + 1] : undefined;
  };
  return { id, owner: value('o') ?? '', entry: JSON.parse(value('e') ?? '{}') as LogEntry };
}
