// The offline LLM moderator says why each seat has the floor, and a transcript reads those reasons
// one after another: they must say something of this discussion (who asked whom, who has waited
// how long, what the last speaker raised), not the same few lines with the names changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_TABLE, type OfflineRun, runOffline } from './offline-run.js';

const SEEDS = [1, 2, 3, 4, 5];

/** A reason with the seats' names masked: what is left is how it reads. */
function form(reason: string, names: readonly string[]): string {
  let masked = reason;
  for (const name of names) masked = masked.replaceAll(name, 'N');
  return masked.replace(/\d+/g, '#');
}

describe('the offline moderator at the example table, 5 seeds × 16 turns', () => {
  const runs: OfflineRun[] = [];
  beforeAll(async () => {
    for (const seed of SEEDS)
      runs.push(
        await runOffline(EXAMPLE_TABLE, {
          seed,
          turns: 16,
          config: { speakerPolicy: 'moderator' },
        }),
      );
  }, 120_000);

  it('gives reasons that do not all read alike', () => {
    const forms = new Map<string, number>();
    let reasons = 0;
    for (const run of runs) {
      const names = run.table.participants.map((p) => p.name);
      for (const event of run.events) {
        if (event.type !== 'moderator-decision' || event.reason === undefined) continue;
        reasons++;
        expect(names.some((name) => event.reason?.includes(name))).toBe(true);
        const key = form(event.reason, names);
        forms.set(key, (forms.get(key) ?? 0) + 1);
      }
    }
    expect(reasons).toBeGreaterThan(SEEDS.length * 5);
    // Most reasons read unlike the others once the names are masked, and none dominates.
    expect(forms.size / reasons, JSON.stringify([...forms])).toBeGreaterThan(0.4);
    expect(Math.max(...forms.values()) / reasons, JSON.stringify([...forms])).toBeLessThan(0.2);
  });
});
