// A seat that runs out of things to say falls back on stock lines ("I am not convinced yet.",
// lines.ts FALLBACKS): in 200-turn runs every seat did, from about turn 55, in 390 turns of four
// library runs (Rafael in 123 of his 164), once the built-in talk (213 sentences, none said twice)
// was spent. Counted as scripts/offline-dry.ts counts them.
import { describe, expect, it } from 'vitest';
import { FALLBACKS } from '../../test-server/model/lines.js';
import { EXAMPLE_TABLE, LIBRARY_TABLE, runOffline } from './offline-run.js';

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s !== '');
/** A stock line, alone or after a name ("Greta, I am not convinced yet."). */
const stock = (sentence: string) =>
  sentence === 'I agree.' ||
  FALLBACKS.some(
    (line) => sentence === line || sentence.endsWith(`, ${line[0]?.toLowerCase()}${line.slice(1)}`),
  );

describe('200-turn runs', () => {
  it.each([
    ['a library panel', LIBRARY_TABLE],
    ['the example table', EXAMPLE_TABLE],
  ])(
    'leave no seat at %s with only stock lines to say (2 seeds)',
    async (_name, dir) => {
      const dry: string[] = [];
      let turns = 0;
      for (const seed of [1, 2]) {
        const run = await runOffline(dir, { seed, turns: 200 });
        for (const event of run.events) {
          if (event.type !== 'turn-ended' || event.status !== 'complete') continue;
          turns++;
          if (sentencesOf(event.text).some(stock))
            dry.push(`seed ${seed} ${event.speaker}: ${event.text}`);
        }
      }
      expect(turns).toBeGreaterThan(390);
      // Now none in these runs; one now and then where a turn's last sentence fits nothing else.
      expect(dry.length, dry.join('\n')).toBeLessThanOrEqual(2);
    },
    240_000,
  );
});
