// Property-based fuzzing of the table loader (fast-check): every generated table folder loads
// into a valid table or is refused with an InputError; nothing crashes. FUZZ_RUNS raises the
// count; scripts/fuzz-report.ts runs it longer and reports the figures in docs/reliability.md.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOutcome, tableFolder } from './test-utils/fuzz-table.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

describe('the table loader under fuzzing', () => {
  it(`loads or refuses ${RUNS} generated tables, never crashing`, async () => {
    const seen = { loaded: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(tableFolder, async (files) => {
        const outcome = await loadOutcome(files);
        if (outcome.kind === 'crashed') throw outcome.error;
        seen[outcome.kind] += 1;
      }),
      { numRuns: RUNS },
    );
    // The generator reaches both sides: tables that load, and tables that are refused.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.loaded + seen.refused).toBe(RUNS);
  }, 120_000);
});
