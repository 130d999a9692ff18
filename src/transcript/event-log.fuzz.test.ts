// Property-based fuzzing of the event-log reader (fast-check): every edited events.jsonl is read
// into a discussion resume can go on with, or refused with an InputError; nothing crashes or runs
// on without end. FUZZ_RUNS raises the count, FUZZ_SEED replays a run (each prints its seed:
// tests/helpers/fuzz-settings.ts); scripts/fuzz-report.ts reports the figures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzSettings, printReplay, withinLimit } from '../../tests/helpers/fuzz-settings.js';
import { eventLog, readOutcome } from './test-utils/fuzz-log.js';

const fuzz = fuzzSettings(process.env, 300);
const RUNS = fuzz.runs;

describe('the event-log reader under fuzzing', () => {
  it(
    `accepts or refuses ${RUNS} edited logs, never crashing`,
    async () => {
      printReplay(fuzz, 'src/transcript/event-log.fuzz.test.ts');
      const seen = { accepted: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(eventLog, async (text) => {
          const outcome = await withinLimit(() => readOutcome(text), fuzz.limitMs);
          if (outcome.kind === 'crashed') throw outcome.error;
          seen[outcome.kind] += 1;
        }),
        fuzz.assert,
      );
      expect(seen.accepted).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
    },
    fuzz.testMs,
  );
});
