// The tampered-log corpus: events.jsonl edited by hand or by someone else. Each edit must be
// refused with an InputError (exit 2) that names its line, never a crash or a nonsense resume.
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { InputError } from '../errors.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { parseEventsFile } from './events-file.js';
import { recordedDiscussion } from './recorded-discussion.js';
import { type LogLine, recordedLog } from './test-utils/recorded-log.js';

const stored = syntheticRun({ turns: 6, end: false }).filter((e) => e.type !== 'text-delta');
type Line = LogLine;
const valid = (): Line[] => recordedLog(6, false);
const at = (lines: Line[], type: string, n = 0): Line => {
  const found = lines.filter((l) => l.type === type)[n];
  if (found === undefined) throw new Error(`no ${type} #${n}`);
  return found;
};
const started = (lines: Line[]) =>
  at(lines, 'discussion-started') as Line & { settings: Line; participants: Line[] };

function read(lines: readonly (Line | string)[]) {
  const text = `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;
  const parsed = parseEventsFile(text, 'events.jsonl');
  return recordedDiscussion(parsed, 'events.jsonl');
}

/** Each edit, and what the refusal must say (the line, and the fault). */
const CORPUS: readonly [string, (lines: Line[]) => void, RegExp][] = [
  [
    'no participants',
    (l) => {
      started(l).participants = [];
    },
    /line 2: .*participants/,
  ],
  [
    'no task',
    (l) => {
      delete started(l).task;
    },
    /line 2: .*task/,
  ],
  [
    'settings: null',
    (l) => {
      started(l).settings = null as never;
    },
    /line 2: .*settings/,
  ],
  [
    'turns: -5',
    (l) => {
      started(l).settings.turns = -5;
    },
    /line 2: .*settings\.turns.*-5/,
  ],
  [
    'turns: 1e9',
    (l) => {
      started(l).settings.turns = 1e9;
    },
    /line 2: .*settings\.turns/,
  ],
  [
    'turns: "6"',
    (l) => {
      started(l).settings.turns = '6';
    },
    /line 2: .*settings\.turns/,
  ],
  [
    'seed differs',
    (l) => {
      started(l).seed = 7;
    },
    /line 2: the seed \(7\)/,
  ],
  [
    'a turn of 99999',
    (l) => {
      at(l, 'turn-started', 1).turn = 99999;
    },
    /line 5: turn 99999 is past/,
  ],
  [
    'a turn of 0',
    (l) => {
      at(l, 'turn-ended', 0).turn = 0;
    },
    /line 4: .*turn/,
  ],
  [
    'a seat not at the table',
    (l) => {
      at(l, 'turn-started', 0).seat = 9;
    },
    /line 3: seat 9 is not at the table/,
  ],
  [
    'a speaker at the wrong seat',
    (l) => {
      at(l, 'turn-ended', 0).speaker = 'Bob';
    },
    /line 4: seat 1 is Ada, not Bob/,
  ],
  [
    'an unknown topic',
    (l) => {
      (at(l, 'turn-started', 0).topic as Line).index = 12;
    },
    /line 3: topic 12 does not exist/,
  ],
  [
    'an unknown status',
    (l) => {
      at(l, 'turn-ended', 1).status = 'great';
    },
    /line 6: .*status/,
  ],
  [
    'negative usage',
    (l) => {
      (at(l, 'turn-ended', 1).usage as Line).promptTokens = -1;
    },
    /line 6: .*usage\.promptTokens/,
  ],
  [
    'a name with a control character',
    (l) => {
      started(l).participants[0] = { ...started(l).participants[0], name: 'A\u0000da' };
    },
    /line 2: .*participants\.0\.name/,
  ],
  [
    'creativity 5',
    (l) => {
      started(l).participants[1] = { ...started(l).participants[1], creativity: 5 };
    },
    /line 2: .*creativity/,
  ],
  [
    'an unknown record type',
    (l) => {
      at(l, 'turn-ended', 2).type = 'turn-exploded';
    },
    /line 8: unknown record type "turn-exploded"/,
  ],
  [
    'a second discussion-started',
    (l) => {
      l.push(structuredClone(started(l)));
    },
    /line \d+: a second discussion-started/,
  ],
  [
    'an event before discussion-started',
    (l) => {
      l.splice(1, 0, { type: 'retry', turn: 1, attempt: 1, delayMs: 5, reason: 'x' });
    },
    /line 2: a retry record before/,
  ],
  [
    'a turn ended that never started',
    (l) => {
      at(l, 'turn-ended', 0).turn = 2;
    },
    /line 4: turn 2 ends for seat 1, which did not start it/,
  ],
  [
    'run record settings: null',
    (l) => {
      (l[0] as Line).settings = null;
    },
    /line 1: .*settings/,
  ],
  [
    'run record without tableDir',
    (l) => {
      delete (l[0] as Line).tableDir;
    },
    /line 1: .*tableDir/,
  ],
  [
    'no run record first',
    (l) => {
      l.shift();
    },
    /line 1: the first record is not a run record/,
  ],
];

describe('a tampered events.jsonl', () => {
  it('is accepted untouched', () => {
    const recorded = read(valid());
    expect(recorded.events).toEqual(stored as DiscussionEvent[]);
    expect(recorded.started.participants).toHaveLength(3);
  });

  it.each(CORPUS)('is refused when it has %s', (_, edit, expected) => {
    const lines = valid();
    edit(lines);
    let thrown: unknown;
    try {
      read(lines);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).exitCode).toBe(2);
    expect((thrown as Error).message).toMatch(expected);
  });

  it('says a number too large for JSON is too large (1e999), not "null"', () => {
    const lines: (Line | string)[] = valid();
    lines[1] = JSON.stringify(lines[1]).replace('"creativity":0.3', '"creativity":1e999');
    expect(() => read(lines)).toThrow(/line 2: .*creativity.*got Infinity/);
  });

  it('names a broken line that is not the last one', () => {
    const lines: (Line | string)[] = valid();
    lines.splice(3, 0, '{"type": "turn-ended", "turn": 1,');
    expect(() => read(lines)).toThrow(/line 4: not valid JSON/);
  });
});
