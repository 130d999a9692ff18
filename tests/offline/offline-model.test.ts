// The offline model as a new user meets it: the real engine, the real OpenAI client and the
// bundled Markov server, over five seeds × 40 turns of the example table and of a table with
// different instructions. What it says must read as a participant's turn, never as a recital
// of what it was told, and must follow the moderator.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import type { Participant } from '../../src/engine/table.js';
import { EXAMPLE_TABLE, LIBRARY_TABLE, type OfflineRun, runOffline } from './offline-run.js';

const SEEDS = [1, 2, 3, 4, 5];
const TURNS = 40;
const RUN = 6;

/** Words as the rule counts them: runs of letters and digits, lower case; all else separates. */
const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];

function runs(text: string): Set<string> {
  const list = words(text);
  const set = new Set<string>();
  for (let end = RUN; end <= list.length; end++) set.add(list.slice(end - RUN, end).join(' '));
  return set;
}

/** Every paragraph the moderator spoke in any request of the run. */
function moderatorLines(run: OfflineRun): Set<string> {
  const lines = new Set<string>();
  for (const request of run.requests) {
    for (const message of request.messages) {
      if (message.role !== 'user') continue;
      for (const paragraph of message.content.split(/\n\s*\n/)) {
        if (paragraph.startsWith('Moderator:')) lines.add(paragraph);
      }
    }
  }
  return lines;
}

interface Recital {
  readonly speaker: string;
  readonly run: string;
  readonly reply: string;
}

/** Replies that hold a run of a forbidden text which no allowed text holds. */
function recitals(run: OfflineRun): Recital[] {
  const { task, participants } = run.table;
  const forbidden = new Set<string>();
  for (const text of [
    task.instructions,
    task.summarize,
    ...moderatorLines(run),
    ...participants.map((p) => p.prompt),
  ]) {
    for (const key of runs(text)) forbidden.add(key);
  }
  const allowed = new Set<string>();
  for (const text of [
    task.context,
    ...task.questions,
    ...participants.flatMap((p) => [p.name, p.fullName]),
  ]) {
    for (const key of runs(text)) allowed.add(key);
  }
  const found: Recital[] = [];
  for (const { request, text } of run.replies) {
    for (const key of runs(text)) {
      if (forbidden.has(key) && !allowed.has(key))
        found.push({ speaker: request.speaker, run: key, reply: text });
    }
  }
  return found;
}

type TurnEnded = Extract<DiscussionEvent, { type: 'turn-ended' }>;
type TurnStarted = Extract<DiscussionEvent, { type: 'turn-started' }>;

/** Each turn's start (directives, topic) beside how it ended. */
function turnsOf(run: OfflineRun): { started: TurnStarted; ended: TurnEnded }[] {
  const starts = new Map<number, TurnStarted>();
  const turns: { started: TurnStarted; ended: TurnEnded }[] = [];
  for (const event of run.events) {
    if (event.type === 'turn-started' && event.kind === 'turn') starts.set(event.turn, event);
    if (event.type === 'turn-ended') {
      const started = starts.get(event.turn);
      if (started !== undefined) turns.push({ started, ended: event });
    }
  }
  return turns;
}

const escapeRe = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const names = (text: string, name: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}_])@?${escapeRe(name)}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/);

/** What the summary says each seat stood for, and where the table agreed and differed. */
function stanceClauses(summary: string): string[] {
  const pattern =
    /\b(?:kept coming back to|spoke up for|pressed us on|made the case for|worried most about|wanted us to think about|agree on|differ on|common ground on|less so on) ([^,.]+)/g;
  return [...summary.matchAll(pattern)].map((match) => match[1] as string);
}

const QUESTION_WORDS = new Set(
  'what which when where whom whose should would could shall will does make from with that this them they from into than then just only both there their'.split(
    ' ',
  ),
);

const tables = [
  ['the example table', EXAMPLE_TABLE],
  ['a library panel with other instructions', LIBRARY_TABLE],
] as const;

describe.each(tables)('the offline model at %s, 5 seeds × 40 turns', (_name, dir) => {
  const runsBySeed: OfflineRun[] = [];
  beforeAll(async () => {
    for (const seed of SEEDS) runsBySeed.push(await runOffline(dir, { seed, turns: TURNS }));
  }, 120_000);

  it('never recites the instructions, summarize.txt, a moderator line or a persona', () => {
    const all = runsBySeed.flatMap(recitals);
    expect(all).toEqual([]);
    const replies = runsBySeed.reduce((sum, run) => sum + run.replies.length, 0);
    expect(replies).toBe(SEEDS.length * (TURNS + 1));
  });

  it('speaks in the first person: introduces itself by full name, never as another seat', () => {
    for (const run of runsBySeed) {
      const seen = new Set<number>();
      for (const { ended } of turnsOf(run)) {
        expect(ended.status).toBe('complete');
        expect(ended.cut).toBeUndefined();
        expect(ended.text.trim()).not.toBe('');
        const seat = run.table.participants.find((p) => p.seat === ended.seat) as Participant;
        if (!seen.has(seat.seat)) {
          seen.add(seat.seat);
          expect(ended.text).toContain(seat.fullName);
        } else {
          expect(ended.text).not.toContain(seat.fullName);
        }
      }
    }
  });

  it('asks another participant, by name, a question whenever told to invite opinions', () => {
    let invited = 0;
    for (const run of runsBySeed) {
      for (const { started, ended } of turnsOf(run)) {
        if (!started.directives.includes('invite-opinions')) continue;
        invited++;
        const others = run.table.participants.filter((p) => p.seat !== ended.seat);
        const asked = sentences(ended.text).some(
          (sentence) =>
            sentence.trim().endsWith('?') && others.some((p) => names(sentence, p.name)),
        );
        expect(asked, ended.text).toBe(true);
      }
    }
    expect(invited).toBeGreaterThan(10);
  });

  it('closes when told to wrap up, and names someone unprompted now and then', () => {
    let named = 0;
    let turns = 0;
    for (const run of runsBySeed) {
      for (const { started, ended } of turnsOf(run)) {
        if (started.directives.includes('wrap-up')) {
          expect(ended.text).toMatch(
            /to sum up|in short|all in all|let me close|my last word|where i stand|thank you|all from me|leave it there/i,
          );
        }
        if (started.directives.length > 0) continue;
        const others = run.table.participants.filter((p) => p.seat !== ended.seat);
        turns++;
        if (others.some((p) => names(ended.text, p.name))) named++;
      }
    }
    expect(named / turns).toBeGreaterThan(0.1);
    expect(named / turns).toBeLessThan(0.5);
  });

  it('summarizes by naming the participants and the topics discussed', () => {
    for (const run of runsBySeed) {
      const summary = run.events.find((event) => event.type === 'summary');
      expect(summary?.type).toBe('summary');
      if (summary?.type !== 'summary') continue;
      const spoke = new Set(turnsOf(run).map(({ ended }) => ended.speaker));
      for (const name of spoke) {
        if (name !== summary.speaker)
          expect(summary.text, name).toMatch(new RegExp(escapeRe(name)));
      }
      const topics = new Set(turnsOf(run).map(({ started }) => started.topic.text));
      for (const topic of topics) {
        const content = words(topic).filter(
          (word) => word.length >= 4 && !QUESTION_WORDS.has(word),
        );
        expect(
          content.some((word) => words(summary.text).includes(word)),
          `${topic} in ${summary.text}`,
        ).toBe(true);
      }
    }
  });

  it("names what each seat stood for by phrases a person wrote, not a splice's fragments", () => {
    let named = 0;
    for (const run of runsBySeed) {
      const summary = run.events.find((event) => event.type === 'summary');
      if (summary?.type !== 'summary') continue;
      const { task, participants } = run.table;
      const written = [task.context, ...task.questions, ...participants.map((p) => p.prompt)]
        .join(' ')
        .toLowerCase();
      const turns = turnsOf(run).map(({ ended }) => ended.text.toLowerCase());
      // A phrase of the table's texts, or one said in two turns (a persona's words the
      // summarizer never saw): "the plainly" or "the line closed" is neither.
      const sensible = (phrase: string) => {
        const bare = phrase.toLowerCase().replace(/^(?:the|our) /, '');
        return written.includes(bare) || turns.filter((turn) => turn.includes(bare)).length >= 2;
      };
      for (const clause of stanceClauses(summary.text)) {
        named++;
        const parts = clause.split(' and ');
        expect(sensible(clause) || parts.every(sensible), `"${clause}" in ${summary.text}`).toBe(
          true,
        );
      }
    }
    expect(named).toBeGreaterThan(SEEDS.length);
  });
});
