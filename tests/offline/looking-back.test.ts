// A seat does not look back on the discussion as over in its first two thirds: "Nobody got
// everything they wanted, and that is usually a good sign." in the fourth of ten turns closed a
// discussion that had barely begun. Over 12 seeds of the example table and of a table of other
// texts, 12 turns each.
import { beforeAll, describe, expect, it } from 'vitest';
import { LOOKING_BACK } from '../../test-server/model/looking-back.js';
import { TALK_SENTENCES } from '../../test-server/model/talk.js';
import { EXAMPLE_TABLE, LIBRARY_TABLE, type OfflineRun } from './offline-run.js';
import { discussionTurns, runsAt, SEEDS, sentencesOf, TURNS } from './own-words.js';

describe('looking back only late in a discussion, 12 seeds of two tables', () => {
  let runs: OfflineRun[] = [];
  beforeAll(async () => {
    runs = [...(await runsAt(EXAMPLE_TABLE)), ...(await runsAt(LIBRARY_TABLE))];
  }, 360_000);

  it('holds back only sentences of the built-in talk', () => {
    const talk = new Set(TALK_SENTENCES.map((sentence) => sentence.toLowerCase()));
    expect([...LOOKING_BACK].filter((sentence) => !talk.has(sentence))).toEqual([]);
  });

  it('says none of them in the first two thirds of the turns (none of which wraps up)', () => {
    const early: string[] = [];
    let turns = 0;
    for (const [r, run] of runs.entries())
      for (const [i, turn] of discussionTurns(run).entries()) {
        if (i + 1 > (TURNS * 2) / 3) continue;
        expect(turn.directives).not.toContain('wrap-up');
        turns++;
        for (const sentence of sentencesOf(turn.text))
          if (LOOKING_BACK.has(sentence.toLowerCase()))
            early.push(`seed ${SEEDS[r % SEEDS.length]} ${turn.speaker}: ${sentence}`);
      }
    expect(turns).toBe(runs.length * ((TURNS * 2) / 3));
    expect(early).toEqual([]);
  });
});
