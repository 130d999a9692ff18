// Property-based fuzzing of the event-log reader (fast-check): every edited events.jsonl is read
// into a discussion resume can go on with, or refused with an InputError; nothing crashes or runs
// on without end. FUZZ_RUNS raises the count; scripts/fuzz-report.ts reports the figures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventLog, readOutcome } from './test-utils/fuzz-log.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe('the event-log reader under fuzzing', () => {
  it(`accepts or refuses ${RUNS} edited logs, never crashing`, async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(eventLog, async (text) => {
        const outcome = await readOutcome(text);
        if (outcome.kind === 'crashed') throw outcome.error;
        seen[outcome.kind] += 1;
      }),
      { numRuns: RUNS },
    );
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  }, 120_000);
});
