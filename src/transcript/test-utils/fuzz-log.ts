// Fuzzing the event-log reader: fast-check arbitraries for events.jsonl files, made by editing a
// valid log (lines cut, dropped, doubled, swapped or made up; values replaced by any JSON; keys
// removed; record types changed), and the property every file must keep: resume reads it into
// a discussion it can go on with (its resume point in range, its transcript.md rebuilt, a few
// turns driven without error), or refuses it with an InputError naming the file. Anything else
// is a crash. Shared by the test suite and scripts/fuzz-report.ts.
import fc from 'fast-check';
import { runDiscussion } from '../../engine/discussion.js';
import type { DiscussionEvent } from '../../engine/events.js';
import { resumePoint } from '../../engine/resume.js';
import { FakeModel } from '../../engine/test-utils/fake-model.js';
import { InputError } from '../../errors.js';
import { parseEventsFile } from '../events-file.js';
import { renderMarkdown } from '../markdown.js';
import { recordedDiscussion } from '../recorded-discussion.js';
import { recordedLog } from './recorded-log.js';

type Json = Record<string, unknown>;

const RECORD_TYPES = [
  'run',
  'closed',
  'discussion-started',
  'discussion-resumed',
  'turn-started',
  'turn-ended',
  'topic-changed',
  'summary',
  'retry',
  'error',
  'interjection',
  'command',
  'discussion-ended',
  'phase-started',
  'bids',
  'no-such-type',
];

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-5, 0, 1e9, 99_999, 10_001, 1.5, -0.5, '', null, [], {}, 'x'.repeat(300)),
);

/** Paths to every value of a JSON tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, i) => [i, item] as const)
    : Object.entries(value as Json);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function setAt(root: Json, path: (string | number)[], value: unknown, remove: boolean): void {
  if (path.length === 0) return;
  let at: unknown = root;
  for (const key of path.slice(0, -1)) at = (at as Record<string | number, unknown>)[key];
  const last = path.at(-1) as string | number;
  if (at === null || typeof at !== 'object') return;
  if (remove && !Array.isArray(at)) delete (at as Json)[last as string];
  else (at as Record<string | number, unknown>)[last] = value;
}

type Edit =
  | {
      readonly kind: 'value';
      readonly line: number;
      readonly pick: number;
      readonly value: unknown;
    }
  | { readonly kind: 'remove-key'; readonly line: number; readonly pick: number }
  | { readonly kind: 'type'; readonly line: number; readonly type: string }
  | { readonly kind: 'drop' | 'double'; readonly line: number }
  | { readonly kind: 'swap'; readonly line: number; readonly other: number }
  | { readonly kind: 'insert'; readonly line: number; readonly text: string }
  | { readonly kind: 'cut'; readonly at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('value' as const),
      line: fc.nat(),
      pick: fc.nat(),
      value: oddValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('remove-key' as const),
      line: fc.nat(),
      pick: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      line: fc.nat(),
      type: fc.constantFrom(...RECORD_TYPES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('drop' as const, 'double' as const),
      line: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      line: fc.nat(),
      text: fc.oneof(
        fc.string(),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
);

function apply(records: Json[], edits: readonly Edit[]): string {
  const lines: (Json | string)[] = records.map((r) => structuredClone(r));
  let cut: number | undefined;
  for (const e of edits) {
    if (lines.length === 0) break;
    if (e.kind === 'cut') {
      cut = e.at;
      continue;
    }
    const i = e.line % lines.length;
    const target = lines[i];
    switch (e.kind) {
      case 'value':
      case 'remove-key': {
        if (target === undefined || typeof target === 'string') break;
        const all = paths(target).filter((p) => p.length > 0);
        const path = all[e.pick % Math.max(all.length, 1)];
        if (path !== undefined)
          setAt(target, path, e.kind === 'value' ? e.value : undefined, e.kind === 'remove-key');
        break;
      }
      case 'type':
        if (target !== undefined && typeof target !== 'string') target.type = e.type;
        break;
      case 'drop':
        lines.splice(i, 1);
        break;
      case 'double':
        lines.splice(i, 0, typeof target === 'string' ? target : structuredClone(target ?? {}));
        break;
      case 'swap': {
        const j = e.other % lines.length;
        [lines[i], lines[j]] = [lines[j] as Json | string, target as Json | string];
        break;
      }
      case 'insert':
        lines.splice(i, 0, e.text.replace(/\n/g, ' '));
        break;
    }
  }
  const text = `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;
  return cut === undefined ? text : text.slice(0, cut % (text.length + 1));
}

/** An events.jsonl text: a valid log of 1–8 turns with 0–4 edits. */
export const eventLog: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.array(edit, { maxLength: 4 }))
  .map(([turns, end, edits]) => apply(recordedLog(turns, end), edits));

export type ReadOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'crashed'; readonly error: unknown };

/** Turns driven after a resume; more would only slow the fuzzing down. */
const DRIVE_EVENTS = 400;

/** Reads the log as resume does and, when accepted, goes on with the discussion a little. */
export async function readOutcome(text: string): Promise<ReadOutcome> {
  try {
    const parsed = parseEventsFile(text, 'events.jsonl');
    if (parsed.runs.length === 0) {
      throw new InputError('events.jsonl has no run record', 'events.jsonl');
    }
    const { started, events } = recordedDiscussion(parsed, 'events.jsonl');
    renderMarkdown(parsed.records);
    const table = { participants: started.participants, task: started.task };
    const point = resumePoint(table, events);
    if (point.nextTurn < 1 || !Number.isInteger(point.nextTurn)) {
      throw new Error(`resume point ${point.nextTurn} is out of range`);
    }
    if (!point.completed) await drive(table, started.settings, events);
    return { kind: 'accepted' };
  } catch (error) {
    if (error instanceof InputError && error.exitCode === 2 && !/\n\s+at /.test(error.message)) {
      return { kind: 'refused' };
    }
    return { kind: 'crashed', error };
  }
}

async function drive(
  table: Parameters<typeof resumePoint>[0],
  settings: Extract<DiscussionEvent, { type: 'discussion-started' }>['settings'],
  events: readonly DiscussionEvent[],
): Promise<void> {
  const model = new FakeModel((_, call) => `Reply ${call}.`);
  let seen = 0;
  for await (const event of runDiscussion({
    table,
    settings,
    model: model.model,
    signal: new AbortController().signal,
    resume: { events },
  })) {
    seen += 1;
    // A resumed discussion of a few turns ends long before this: more would mean it never ends.
    if (seen > DRIVE_EVENTS && settings.turns <= 50) {
      throw new Error(`the resumed discussion did not end after ${DRIVE_EVENTS} events`);
    }
    if (seen > DRIVE_EVENTS) return;
    if (event.type === 'discussion-ended') return;
  }
}
