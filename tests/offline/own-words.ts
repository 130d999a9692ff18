// What the tests of a seat's own words read a run by: its discussion turns (with the directives
// each was given), their sentences, the stock lines every seat may say, and the 12 runs at a
// table that each test file makes once (the README's first command, session 8 on: 12 seeds of
// the example table, with closing positions as `roundtable init` writes it, and of a table of
// other texts).
import type { DiscussionEvent } from '../../src/engine/events.js';
import { ANSWERS, CLOSINGS, FALLBACKS, WRAP_UPS } from '../../test-server/model/lines.js';
import { EXAMPLE_TABLE, LIBRARY_TABLE, type OfflineRun, runOffline } from './offline-run.js';

export const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
export const TURNS = 12;

export const sentencesOf = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s !== '');
const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}'’€]+/gu) ?? [];

/** The longest run of consecutive words two sentences share. */
export function sharedRun(a: string, b: string): number {
  const x = wordsOf(a);
  const y = wordsOf(b);
  let best = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = 0; j < y.length; j++) {
      let k = 0;
      while (x[i + k] !== undefined && x[i + k] === y[j + k]) k++;
      best = Math.max(best, k);
    }
  return best;
}

type Directive = Extract<DiscussionEvent, { type: 'turn-started' }>['directives'][number];

export interface Turn {
  readonly speaker: string;
  readonly text: string;
  /** What the moderator asked of the turn ('wrap-up', 'invite-opinions'). */
  readonly directives: readonly Directive[];
}

/** The discussion's turns: the closing positions (answered all at once) come after them. */
export function discussionTurns(run: OfflineRun): Turn[] {
  const turns: Turn[] = [];
  let directives: readonly Directive[] = [];
  for (const event of run.events) {
    if (event.type === 'phase-started' && event.parallel) break;
    if (event.type === 'turn-started') directives = event.directives;
    if (event.type === 'turn-ended' && event.status === 'complete')
      turns.push({ speaker: event.speaker, text: event.text, directives });
  }
  return turns;
}

export const named = (run: OfflineRun, sentence: string) =>
  run.table.participants.some((p) => new RegExp(`\\b${p.name}\\b`).test(sentence));

/** The closing line a turn ends on and the answer openers (which point to the question asked). */
export const FRAMING = new Set([...CLOSINGS, ...ANSWERS]);

/** A seat's own sentence as it walked it: bare of a wrap-up's lead-in; undefined for a stock line. */
export function ownSentence(run: OfflineRun, sentence: string): string | undefined {
  if (FRAMING.has(sentence) || FALLBACKS.includes(sentence) || named(run, sentence))
    return undefined;
  const lead = WRAP_UPS.find((l) => sentence.startsWith(l));
  return lead === undefined ? sentence : sentence.slice(lead.length);
}

/** The example table with closing positions on, as `roundtable init` writes it. */
const CLOSING = { closing: true };

export const tables = [
  ['the example table', EXAMPLE_TABLE],
  ['a library panel', LIBRARY_TABLE],
] as const;

/** The 12 runs at a table, made once for every test of a file that reads them. */
const made = new Map<string, Promise<OfflineRun[]>>();
export function runsAt(dir: string): Promise<OfflineRun[]> {
  let runs = made.get(dir);
  if (runs === undefined) {
    runs = (async () => {
      const done: OfflineRun[] = [];
      for (const seed of SEEDS)
        done.push(await runOffline(dir, { seed, turns: TURNS, config: CLOSING }));
      return done;
    })();
    made.set(dir, runs);
  }
  return runs;
}
