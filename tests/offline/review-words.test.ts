// A council's peer review of free-text answers at the example table said of each answer only a
// phrase of it ("I put Response A first; it argues for the town and says why.", "vague on the
// real question"): 144 of 192 sentences in twelve councils (scripts/offline-scripted.ts). Now
// it tells what the answer argues ("it would rather have something modest that works").
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TABLE, runOffline } from './offline-run.js';

/** A review's sentence on an answer that names only a phrase of it. */
const VAGUE =
  /argues for (.+?) and says why|convinced me most, on (.+?), with|makes a fair case for (.+?), but|has a point on (.+?) and leaves|argues for (.+?) with the least|is the weakest, vague on (.+?)\.|asserts (.+?) more than|its case for (.+?) rests|alone does not carry (.+?)\./;

describe("a council's peer review of free-text answers at the example table, 4 seeds", () => {
  it('says of each answer what it argues, not only a phrase of it', async () => {
    const vague: string[] = [];
    let said = 0;
    for (const seed of [1, 2, 3, 4]) {
      const run = await runOffline(EXAMPLE_TABLE, {
        seed,
        turns: 4,
        config: { format: 'council' },
      });
      for (const { request, text } of run.replies) {
        if (request.responseFormat?.type !== 'json_schema') continue;
        if (request.responseFormat.name !== 'peer_review') continue;
        const { evaluation } = JSON.parse(text) as { evaluation: string };
        for (const sentence of evaluation.split(/(?<=\.) (?=Response|I put|In Response)/)) {
          said++;
          if (VAGUE.test(sentence)) vague.push(`seed ${seed}: ${sentence}`);
        }
      }
    }
    expect(said).toBeGreaterThanOrEqual(4 * 4 * 3);
    // 6 of 192 in twelve councils; 144 before.
    expect(vague.length, vague.join('\n')).toBeLessThanOrEqual(6);
  }, 120_000);
});
