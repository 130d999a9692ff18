// The closing answers and the summary as a person reads them at the example table: a reason after
// "Because" that reads alone, the summarizer named last among those it names, and its own last
// word a sentence that says something alone. Over 12 seeds, 12 turns, closing positions on.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/engine/table.js';
import { STANCES } from '../../test-server/json/positions.js';
import { firstPerson } from '../../test-server/model/persona.js';
import { TALK_SENTENCES } from '../../test-server/model/talk.js';
import { EXAMPLE_TABLE, type OfflineRun, runOffline } from './offline-run.js';
import { runsAt, SEEDS, sentencesOf } from './own-words.js';

/** Each stance as a pattern, whatever it is on. */
const STANCE_FORMS = STANCES.map((stance) => {
  const [before, after] = stance('\u0000').split('\u0000');
  const quote = (text = '') => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${quote(before)}.+${quote(after)}$`, 'u');
});

/** A stance of the seat's share of the talk on a question: "On Millford, I would …". */
const OWN_STANCE = /^(?:On|For|As for) [^,]+, (?:I|we|my|let us)\b/iu;

describe('closing reasons and the summary at the example table, 12 seeds', () => {
  let runs: OfflineRun[] = [];
  beforeAll(async () => {
    runs = await runsAt(EXAMPLE_TABLE);
  }, 180_000);

  it('gives after "Because" a sentence as written (of the talk or the seat\'s persona) that reads alone', () => {
    const wrong: string[] = [];
    let reasons = 0;
    for (const [r, run] of runs.entries()) {
      for (const event of run.events) {
        if (event.type !== 'positions') continue;
        const seat = run.table.participants.find((p) => p.name === event.speaker);
        const persona = firstPerson(sentencesOf(seat?.prompt ?? ''));
        const written = new Set([...TALK_SENTENCES, ...persona].map((s) => s.toLowerCase()));
        for (const { because } of event.positions) {
          reasons++;
          const said = because.replace(/^Because /, '');
          const sentence = said.charAt(0).toUpperCase() + said.slice(1);
          // "Because the simplest version of this I could defend to my neighbours." (a splice),
          // "Because I would like us to look at it.", "Because here is what worries me …".
          const whole = written.has(sentence.toLowerCase());
          const alone =
            !/^(?:that|this|it|here)\b/i.test(said) &&
            !/\b(?:it|so|that|both)\.$/i.test(said) &&
            !/^I am not against it\b/.test(said);
          if (!whole || !alone) wrong.push(`seed ${SEEDS[r]} ${event.speaker}: ${because}`);
        }
      }
    }
    // About ten a seed: a reason for each question the closing asks (the topics a run reached).
    expect(reasons).toBeGreaterThan(SEEDS.length * 8);
    expect(wrong).toEqual([]);
  });

  it('gives no two seats one free-text position word for word at the closing (answered at once)', () => {
    const alike: string[] = [];
    let free = 0;
    for (const [r, run] of runs.entries()) {
      const by = new Map<string, string>();
      for (const event of run.events) {
        if (event.type !== 'positions' || event.moment !== 'closing') continue;
        for (const { question, position } of event.positions) {
          // An option ("trains") is chosen alike; a sentence is said alike by nobody.
          if (!/\s.*[.!?]$/.test(position)) continue;
          free++;
          const key = `${question}\u0000${position}`;
          const before = by.get(key);
          // Before: "I want a costed plan for the Dene Viaduct before anything else." from
          // Tomasz and Ines (debate seed 4), "On Millford, I would start small …" from three.
          if (before !== undefined)
            alike.push(`seed ${SEEDS[r]} ${before} and ${event.speaker}: ${position}`);
          by.set(key, event.speaker);
        }
      }
    }
    // Enough free-text positions that the check means something (48 with session 13's draws).
    expect(free).toBeGreaterThanOrEqual(SEEDS.length * 4);
    expect(alike).toEqual([]);
  });

  it('gives a seat other stances in other runs, not one it closes every run with', () => {
    const stances = new Map<string, Set<string>>();
    let taken = 0;
    for (const run of runs)
      for (const event of run.events) {
        if (event.type !== 'positions' || event.moment !== 'closing') continue;
        for (const { position } of event.positions) {
          // A template, or a stance of the seat's own talk led by the question's phrase.
          if (!STANCE_FORMS.some((form) => form.test(position)) && !OWN_STANCE.test(position))
            continue;
          taken++;
          const seen = stances.get(event.speaker) ?? new Set<string>();
          stances.set(event.speaker, seen.add(position));
        }
      }
    expect(taken).toBeGreaterThan(SEEDS.length);
    // Before: Margit "For the Dene Viaduct, I would ask the people who use it first." in every run.
    for (const [speaker, seen] of stances) expect(seen.size, speaker).toBeGreaterThan(1);
  });

  it('names the summarizer last in a list ("Ines, Juno and I", never "I, Ines and Juno")', () => {
    const wrong: string[] = [];
    for (const [r, run] of runs.entries())
      for (const event of run.events)
        if (event.type === 'summary' && /(?:^|[.!?] )I(?:,| and) \p{Lu}/u.test(event.text))
          wrong.push(`seed ${SEEDS[r]}: ${event.text}`);
    expect(wrong).toEqual([]);
  });

  it('gives each clause of the summary its verb ("I am for trail", never "…; I for trail")', () => {
    const wrong: string[] = [];
    let split = 0;
    for (const [r, run] of runs.entries())
      for (const event of run.events) {
        if (event.type !== 'summary') continue;
        if (/we are split|still differ/.test(event.text)) split++;
        // Before: "…, we are split: Tomasz and Juno for trains; Margit for housing; I for
        // trail." and "We still differ: Juno puts the town first, I Larkhaven."
        if (/(?:[;:] |, )I (?:for\b|the\b|\p{Lu})/u.test(event.text))
          wrong.push(`seed ${SEEDS[r]}: ${event.text}`);
      }
    expect(split).toBeGreaterThan(SEEDS.length / 2);
    expect(wrong).toEqual([]);
  });

  it('ends the summary with a word of its own that reads alone ("For my part, …")', () => {
    const wrong: string[] = [];
    let own = 0;
    for (const [r, run] of runs.entries()) {
      for (const event of run.events) {
        if (event.type !== 'summary') continue;
        const mine = /For my part, (.+?[.!?])(?=\s|$)/.exec(event.text)?.[1];
        if (mine === undefined) continue;
        own++;
        // Before: "For my part, I would like us to look at it." (seed 9).
        if (/^(?:that|this|it|here)\b/i.test(mine) || /\b(?:it|so|that|both)\.$/i.test(mine))
          wrong.push(`seed ${SEEDS[r]}: ${event.text}`);
      }
    }
    expect(own).toBeGreaterThan(SEEDS.length / 2);
    expect(wrong).toEqual([]);
  });
});

/** The example table with Juno as the debate's judge, the others arguing the first question's options. */
const JUDGED = ['trains', 'trail', 'housing', 'judge'];
const judged = (table: Table): Table => ({
  ...table,
  participants: table.participants.map((p, k) => ({ ...p, side: JUDGED[k] })),
});

describe('the judge’s verdict and the chair’s synthesis at the example table', () => {
  it('says which side carried it (or that none did) and what the council recommends, then why', async () => {
    const wrong: string[] = [];
    for (const format of ['debate', 'council'] as const)
      for (const seed of [1, 2, 3, 4]) {
        const run = await runOffline(EXAMPLE_TABLE, {
          seed,
          turns: 8,
          config: { format },
          ...(format === 'debate' ? { table: judged } : {}),
        });
        const text = run.events.find((event) => event.type === 'summary')?.text ?? '';
        // Before: "Verdict by Tomasz: I would start by fixing what is already broken. The first
        // condition is a budget … The town council votes in three months." (debate seed 4).
        const decides =
          format === 'debate'
            ? /^(?:My verdict: the case for .+ was the stronger one\.|Neither side carried it\b)/
            : /^(?:The council recommends .+\.|The council is divided\b|The council did not settle\b)/;
        if (!decides.test(text) || !/What weighs most with me: /.test(text))
          wrong.push(`${format} seed ${seed}: ${text}`);
      }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('gives no verdict in a debate without a judge: the table’s summary, by a debater', async () => {
    const wrong: string[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const run = await runOffline(EXAMPLE_TABLE, { seed, turns: 8, config: { format: 'debate' } });
      const text = run.events.find((event) => event.type === 'summary')?.text ?? '';
      const asked = run.requests.findLast((request) => request.purpose === 'summary');
      const told = asked?.messages.map((message) => message.content).join('\n') ?? '';
      // Before: "Verdict by Tomasz: My verdict: the case for trail was the stronger one. …", by
      // the seat heard most, who argued trail.
      if (/verdict|stronger one|carried it/i.test(text) || !told.includes(run.table.task.summarize))
        wrong.push(`seed ${seed}: ${text}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
