// The offline model as a new user meets it: the real engine, the real OpenAI client and the
// bundled Markov server, over five seeds × 40 turns of the example table and of a table with
// different instructions. What it says must read as a participant's turn, never as a recital
// of what it was told, and must follow the moderator.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import type { Participant } from '../../src/engine/table.js';
import { ANSWERS } from '../../test-server/model/lines.js';
import { EXAMPLE_TABLE, LIBRARY_TABLE, type OfflineRun, runOffline } from './offline-run.js';
import { recitals, words } from './recitals.js';

const SEEDS = [1, 2, 3, 4, 5];
const TURNS = 40;
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

/**
 * What the summary says each seat stood for, and where the table agreed and differed. Not in
 * the summarizer's own last word ("For my part, I think we agree on more than it seems."): that
 * is a sentence of the talk, quoted whole (record-words checks it reads whole).
 */
/** A seat's stance told in its own words ("Kofi thinks we agree on the goal"), no composed phrase. */
const TOLD =
  /^\p{Lu}\p{L}* (?:thinks|would|wants|supports|leans|can|is|has|does not|hears|hopes|worries|trusts|suggests|learned|changed|started|came|once) /u;

function stanceClauses(summary: string): string[] {
  const pattern =
    /\b(?:kept returning to|spoke up for|pressed us on|made the case for|worried most about|wanted us to think about|agree on|differ on|common ground on|less so on) ([^,.]+)/g;
  const composed = sentences(summary)
    .filter((sentence) => !sentence.startsWith('For my part, ') && !TOLD.test(sentence))
    .join(' ');
  return [...composed.matchAll(pattern)].map((match) => match[1] as string);
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

  it('never recites them in structured answers: closing positions and votes, the moderator, the record', async () => {
    const structured: OfflineRun[] = [];
    for (const seed of SEEDS) {
      structured.push(
        await runOffline(dir, {
          seed,
          turns: 12,
          config: { closing: true, speakerPolicy: 'moderator' },
        }),
      );
    }
    expect(structured.flatMap(recitals)).toEqual([]);
    const asked = new Set(
      structured.flatMap((run) =>
        run.replies.flatMap(({ request }) =>
          request.responseFormat?.type === 'json_schema' ? [request.responseFormat.name] : [],
        ),
      ),
    );
    expect([...asked].sort()).toEqual(['next_speaker', 'positions', 'record']);
  }, 120_000);

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

  it('opens an answer with a line its conversation has not heard yet, while one is left', () => {
    // "Fair question, and here is my answer." twice in five turns reads as a tic.
    let fresh = 0;
    for (const run of runsBySeed) {
      for (const { request, text } of run.replies) {
        const opener = ANSWERS.find((line) => text.startsWith(line));
        if (request.purpose !== 'turn' || opener === undefined) continue;
        const heard = request.messages.map((message) => message.content).join('\n');
        const unheard = ANSWERS.filter((line) => !heard.includes(line));
        if (unheard.length === 0) continue;
        fresh++;
        expect(unheard, text).toContain(opener);
      }
    }
    expect(fresh).toBeGreaterThan(SEEDS.length);
  });

  it("names what each seat stood for by phrases a person wrote, not a splice's fragments", () => {
    let named = 0;
    for (const run of runsBySeed) {
      const summary = run.events.find((event) => event.type === 'summary');
      if (summary?.type !== 'summary') continue;
      const { task, participants } = run.table;
      const written = [task.context, ...task.questions, ...participants.map((p) => p.prompt)];
      const turns = turnsOf(run).map(({ ended }) => ended.text);
      // A phrase of the table's texts, or one said in two turns (a persona's words the
      // summarizer never saw), and there a whole phrase: "the plainly" or "the line closed" is
      // neither, and "the walking" ends where "the walking and cycling trail" goes on.
      const sensible = (phrase: string) => {
        const bare = phrase.replace(/^(?:the|our) /i, '');
        return (
          written.some((text) => wholeIn(bare, text)) ||
          turns.filter((turn) => wholeIn(bare, turn)).length >= 2
        );
      };
      for (const clause of stanceClauses(summary.text)) {
        named++;
        expect(
          readings(clause).some((parts) => parts.every(sensible)),
          `"${clause}" in ${summary.text}`,
        ).toBe(true);
      }
    }
    expect(named).toBeGreaterThan(SEEDS.length);
  });
});

/** Words that open a new clause or phrase after "and": the phrase before it is whole. */
const FUNCTION_WORDS = new Set(
  `the a an our their its his her my your to we i you they he she it is are was were be been has
  have had will would should could can may might must not no do does did that this these those
  which who what when where how than then so as at by for from in into of on with about after
  before over under up out if but because while`.split(/\s+/),
);

/**
 * Whether `phrase` stands whole somewhere in `text`: not cut before a conjunction that carries
 * it on ("the walking | and cycling trail"), nor ending on a function word.
 */
function wholeIn(phrase: string, text: string): boolean {
  const last = /[\p{L}\p{N}]+$/u.exec(phrase)?.[0] ?? '';
  if (FUNCTION_WORDS.has(last.toLowerCase()) || /^(?:and|or)$/i.test(last)) return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(phrase)}(?![\\p{L}\\p{N}])`, 'giu');
  for (const match of text.matchAll(pattern)) {
    const after = text.slice((match.index ?? 0) + match[0].length);
    const next = /^\s+(?:and|or)\s+([\p{L}\p{N}'’-]+)/iu.exec(after)?.[1];
    const carriedOn =
      next !== undefined && /^\p{Ll}/u.test(next) && !FUNCTION_WORDS.has(next.toLowerCase());
    if (!carriedOn) return true;
  }
  return false;
}

/** A stance clause read as one phrase, or as two joined by one of its "and"s. */
function readings(clause: string): string[][] {
  const all = [[clause]];
  for (const match of clause.matchAll(/ and /g)) {
    const at = match.index ?? 0;
    all.push([clause.slice(0, at), clause.slice(at + 5)]);
  }
  return all;
}
