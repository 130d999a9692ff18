// A seat's words are its own, said once: a person at a table does not say another's sentence
// word for word as if it were theirs, does not say the same clause twice in one turn, does not
// sum up by reciting the case ("All in all, the Dene Viaduct (1871, nine stone arches) carries
// the line over the river."), and does not splice two sources where they share words. Each of
// these was read in the README's first command (session 8); over 12 seeds of the example table
// and of a table of other texts, none may happen at all. (What a sentence leans on and how a turn
// ends: turn-ends.test.ts; the closing answers and the summary: closing-words.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WRAP_UPS } from '../../test-server/model/lines.js';
import type { OfflineRun } from './offline-run.js';
import {
  discussionTurns,
  FRAMING,
  named,
  ownSentence,
  runsAt,
  SEEDS,
  sentencesOf,
  sharedRun,
  TURNS,
  tables,
} from './own-words.js';
import { addStretches, stretches, tokens, writtenStretches } from './written.js';

describe.each(tables)('a seat says its own words once at %s, 12 seeds × 12 turns', (_n, dir) => {
  let runs: OfflineRun[] = [];
  beforeAll(async () => {
    runs = await runsAt(dir);
  }, 180_000);

  it('never says a sentence heard already tonight as its own (no name before it)', () => {
    const repeated: string[] = [];
    let sentences = 0;
    for (const [r, run] of runs.entries()) {
      const heard = new Map<string, string>();
      for (const turn of discussionTurns(run)) {
        for (const sentence of sentencesOf(turn.text)) {
          sentences++;
          const lower = sentence.toLowerCase();
          const before = heard.get(lower);
          if (before !== undefined && !FRAMING.has(sentence) && !named(run, sentence))
            repeated.push(`seed ${SEEDS[r]} ${turn.speaker} (${before} said it): ${sentence}`);
          if (!heard.has(lower)) heard.set(lower, turn.speaker);
        }
      }
    }
    expect(sentences).toBeGreaterThan(SEEDS.length * TURNS * 2);
    // Before, 11 in 12 seeds of the example table ("The town has €3.1 million in reserves.",
    // said by Tomasz, then by Margit as hers).
    expect(repeated).toEqual([]);
  });

  it('says no clause twice in one turn (five words in a row of an earlier sentence)', () => {
    const twice: string[] = [];
    for (const [r, run] of runs.entries()) {
      for (const turn of discussionTurns(run)) {
        const sentences = sentencesOf(turn.text).filter((s) => !named(run, s));
        sentences.forEach((sentence, i) => {
          for (const earlier of sentences.slice(0, i))
            if (sharedRun(sentence, earlier) >= 5)
              twice.push(`seed ${SEEDS[r]} ${turn.speaker}: "${earlier}" … "${sentence}"`);
        });
      }
    }
    // Before, 4 in 12 seeds ("I would like us to look at what is already there before we build
    // anything new. … I would like us to look at what is already broken.").
    expect(twice).toEqual([]);
  });

  it('quotes one fact of the case a turn at most, then speaks for itself', () => {
    const facts = sentencesOf(readFileSync(join(dir, 'task', 'context.txt'), 'utf8'));
    const recited: string[] = [];
    for (const [r, run] of runs.entries()) {
      for (const turn of discussionTurns(run)) {
        const quoted = sentencesOf(turn.text).filter((sentence) =>
          facts.some((fact) => sharedRun(fact, sentence) >= 6),
        );
        if (quoted.length > 1) recited.push(`seed ${SEEDS[r]} ${turn.speaker}: ${turn.text}`);
      }
    }
    // Before: "The track is still in place but overgrown, and the old Larkhaven station building
    // has stood empty since. The Dene Viaduct (1871, nine stone arches) carries the line over
    // the river. I'll leave it there." (seed 7, a wrap-up).
    expect(recited).toEqual([]);
  });

  it('sums up in its own words: a lead-in never before the context or a sentence that points back', () => {
    const context = readFileSync(join(dir, 'task', 'context.txt'), 'utf8');
    const led: string[] = [];
    const wrong: string[] = [];
    for (const [r, run] of runs.entries()) {
      for (const turn of discussionTurns(run)) {
        for (const sentence of sentencesOf(turn.text)) {
          // "Margit, so, in short, …": a name before a lead-in opens the sentence twice.
          if (WRAP_UPS.some((l) => new RegExp(`^\\p{Lu}\\p{L}+, ${l}`, 'iu').test(sentence)))
            wrong.push(`seed ${SEEDS[r]} ${turn.speaker}: ${sentence}`);
          const lead = WRAP_UPS.find((l) => sentence.startsWith(l));
          if (lead === undefined) continue;
          const rest = sentence.slice(lead.length);
          led.push(rest);
          const recites = sentencesOf(context).some((fact) => sharedRun(fact, rest) >= 6);
          // "All in all, that is where the real cost hides." / "So, in short, … look at it."
          const pointsBack =
            /^(?:that|this|it|these|those)\b/i.test(rest) || /\b(?:it|so|that|both)\.$/i.test(rest);
          if (recites || pointsBack) wrong.push(`seed ${SEEDS[r]} ${turn.speaker}: ${sentence}`);
        }
      }
    }
    expect(led.length).toBeGreaterThan(SEEDS.length);
    expect(wrong).toEqual([]);
  });

  it('splices no two sources where they share three words (five words in a row of one source)', () => {
    const spliced: string[] = [];
    let checked = 0;
    for (const [r, run] of runs.entries()) {
      // What a seat can walk: the written texts and what the table has heard so far.
      const fours = writtenStretches(run, 4);
      const fives = writtenStretches(run, 5);
      for (const turn of discussionTurns(run)) {
        for (const sentence of sentencesOf(turn.text)) {
          const own = ownSentence(run, sentence);
          const words = tokens(own ?? '');
          // Only walks whose every four words are written: a seam the four-word test cannot see.
          if (words.length < 5 || !stretches(words, 4).every((quad) => fours.has(quad))) continue;
          checked++;
          if (!stretches(words, 5).every((five) => fives.has(five)))
            spliced.push(`seed ${SEEDS[r]} ${turn.speaker}: ${sentence}`);
        }
        addStretches(fours, turn.text, 4);
        addStretches(fives, turn.text, 5);
      }
    }
    expect(checked).toBeGreaterThan(SEEDS.length * TURNS);
    // Before: "I think the town has €3.1 million in reserves." (a heard fact, "I think the
    // town | has …"), "I could defend to my neighbours.", "the town would carry forever".
    expect(spliced).toEqual([]);
  });
});
