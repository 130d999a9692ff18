// Property-based fuzzing of the event-log reader (fast-check): every edited events.jsonl is read
// into a discussion resume can go on with, or refused with an InputError; nothing crashes or runs
// on without end. FUZZ_RUNS raises the count, FUZZ_SEED replays a run (each prints its seed:
// tests/helpers/fuzz-settings.ts); scripts/fuzz-report.ts reports the figures.
import { describe, expect, it } from 'vitest';
import { countOutcomes, fuzzSettings } from '../../tests/helpers/fuzz-settings.js';
import { eventLog, readOutcome } from './test-utils/fuzz-log.js';

const fuzz = fuzzSettings(process.env, 300);
const RUNS = fuzz.runs;

describe('the event-log reader under fuzzing', () => {
  it(
    `accepts or refuses ${RUNS} edited logs, never crashing`,
    async () => {
      const seen = await countOutcomes(
        fuzz,
        'src/transcript/event-log.fuzz.test.ts',
        eventLog,
        readOutcome,
      );
      expect(seen.accepted).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
    },
    fuzz.testMs,
  );
});
