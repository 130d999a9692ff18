// The dummy server's request handling under property-based fuzzing: whatever arrives, the
// answer is a completion with text or an OpenAI-style 4xx naming the problem; never a 5xx, an
// empty reply, a throw, or no answer within FUZZ_LIMIT_MS. FUZZ_RUNS raises the count
// (scripts/fuzz-report.ts for the figures); FUZZ_SEED replays a run (each run prints its seed).
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fuzzSettings, printReplay, withinLimit } from '../tests/helpers/fuzz-settings.js';
import { buildDummyApp } from './app.js';
import { type FuzzOutcome, fuzzRequest, requestOutcome } from './test-utils/fuzz-request.js';

const fuzz = fuzzSettings(process.env, 300);

let app: FastifyInstance;
beforeAll(async () => {
  app = buildDummyApp({ logLevel: 'silent', tokensPerSecond: 0 });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

it(
  `answers or refuses every request, ${fuzz.runs} fuzzed requests`,
  async () => {
    printReplay(fuzz, 'test-server/fuzz.test.ts');
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        // requestOutcome catches what the server throws: what reaches here is the time limit.
        const outcome: FuzzOutcome = await withinLimit(
          () => requestOutcome(app, request),
          fuzz.limitMs,
        ).catch((error: Error) => ({ kind: 'crashed', error: error.message }));
        kinds.set(outcome.kind, (kinds.get(outcome.kind) ?? 0) + 1);
        const named = `seed ${fuzz.seed}: ${request.url} ${request.body.slice(0, 500)}`;
        expect(outcome, named).not.toHaveProperty('error');
      }),
      fuzz.assert,
    );
    // Both sides were reached: the inputs are not all refused (or all accepted).
    expect(kinds.get('answered') ?? 0).toBeGreaterThan(fuzz.runs / 20);
    expect(kinds.get('refused') ?? 0).toBeGreaterThan(fuzz.runs / 20);
  },
  fuzz.testMs,
);
