// Property-based fuzzing of the table loader (fast-check): every generated table folder loads
// into a valid table or is refused with an InputError; nothing crashes. FUZZ_RUNS raises the
// count, FUZZ_SEED replays a run (each prints its seed: tests/helpers/fuzz-settings.ts);
// scripts/fuzz-report.ts runs it longer and reports the figures in docs/reliability.md.
import { describe, expect, it } from 'vitest';
import { countOutcomes, fuzzSettings } from '../../tests/helpers/fuzz-settings.js';
import { loadOutcome, tableFolder } from './test-utils/fuzz-table.js';

const fuzz = fuzzSettings(process.env, 150);
const RUNS = fuzz.runs;

describe('the table loader under fuzzing', () => {
  it(
    `loads or refuses ${RUNS} generated tables, never crashing`,
    async () => {
      const seen = await countOutcomes(
        fuzz,
        'src/config/table-loader.fuzz.test.ts',
        tableFolder,
        loadOutcome,
      );
      // The generator reaches both sides: tables that load, and tables that are refused.
      expect(seen.refused).toBeGreaterThan(0);
      expect((seen.loaded ?? 0) + (seen.refused ?? 0)).toBe(RUNS);
    },
    fuzz.testMs,
  );
});
