// The dummy server's request handling under property-based fuzzing: whatever arrives, the
// answer is a completion with text or an OpenAI-style 4xx naming the problem; never a 5xx, an
// empty reply or a throw. FUZZ_RUNS raises the count (scripts/fuzz-report.ts for the figures).
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDummyApp } from './app.js';
import { fuzzRequest, requestOutcome } from './test-utils/fuzz-request.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

let app: FastifyInstance;
beforeAll(async () => {
  app = buildDummyApp({ logLevel: 'silent', tokensPerSecond: 0 });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

it(`answers or refuses every request, ${RUNS} fuzzed requests`, async () => {
  const kinds = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(fuzzRequest, async (request) => {
      const outcome = await requestOutcome(app, request);
      kinds.set(outcome.kind, (kinds.get(outcome.kind) ?? 0) + 1);
      expect(outcome, JSON.stringify(request).slice(0, 500)).not.toHaveProperty('error');
    }),
    { numRuns: RUNS },
  );
  // Both sides were reached: the inputs are not all refused (or all accepted).
  expect(kinds.get('answered') ?? 0).toBeGreaterThan(RUNS / 20);
  expect(kinds.get('refused') ?? 0).toBeGreaterThan(RUNS / 20);
}, 120_000);
