// The dummy server's memory when every request comes from a table of its own (roundtable's
// layout, so each builds a seat's material and sentence banks): what it keeps stays within its
// caches' bounds. A prepared state kept with a conversation holds its seat's material, which the
// conversation's bytes leave out: seats the seat cache had let go lived on there, and a worker
// serving many tables grew by the seat until V8 ran out of heap (session 8). The server runs in a
// process of its own with --expose-gc (test-utils/memory-probe.ts), so each figure is what is
// left after a full collection.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ModelRequest } from '../src/engine/model.js';
import { engineRequests, fixtureTable } from './test-utils/engine-requests.js';
import type { ProbeMeasure } from './test-utils/memory-probe.js';
import { type MemoryProbe, startMemoryProbe } from './test-utils/probe-client.js';

const MB = 1024 * 1024;
/** Small caches, so that they fill within a few requests and what outlives them shows. */
const CACHE_BYTES = 4_000_000;
/** Requests before the first figure: by then every cache is full. */
const FILLED_AFTER = 20;
let probe: MemoryProbe;

beforeAll(async () => {
  probe = await startMemoryProbe(CACHE_BYTES);
}, 60_000);

afterAll(async () => {
  await probe.close();
});

const measure = () => probe.measure();

/** Three discussions' requests, as roundtable's engine sends them. */
async function discussions(): Promise<ModelRequest[]> {
  const contexts = [
    fixtureTable.task.context,
    'A small town must decide whether to keep its pool open through the winter.',
    'A library must choose between longer opening hours and a new children’s room.',
  ];
  const requests: ModelRequest[] = [];
  for (const [i, context] of contexts.entries()) {
    const table = { ...fixtureTable, task: { ...fixtureTable.task, context } };
    requests.push(...(await engineRequests({ seed: 4 + i, turns: 30 }, undefined, table)).requests);
  }
  return requests;
}

/** Request `k`, its system message tagged: a table (so a seat) no other request comes from. */
function atTableOfItsOwn(request: ModelRequest, k: number): string {
  return JSON.stringify({
    model: 'markov',
    temperature: request.temperature ?? 0.7,
    messages: request.messages.map(({ role, content }, i) => ({
      role,
      content: i === 0 ? `${content} (Table ${k}.)` : content,
    })),
  });
}

it('keeps no more than its caches hold when every request comes from another table', async () => {
  const requests = await discussions();
  let filled: ProbeMeasure | undefined;
  for (const [k, request] of requests.entries()) {
    const response = await fetch(`http://127.0.0.1:${probe.port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: atTableOfItsOwn(request, k),
    });
    expect(response.status).toBe(200);
    await response.text();
    if (k + 1 === FILLED_AFTER) filled = await measure();
  }
  if (filled === undefined) throw new Error(`the engine sent ${requests.length} requests`);
  const after = await measure();
  const held = (m: ProbeMeasure) => m.heapUsed + m.external;
  const grown = held(after) - held(filled);
  const figures = `${requests.length} requests; held after ${FILLED_AFTER}: ${(held(filled) / MB).toFixed(1)} MB, after all: ${(held(after) / MB).toFixed(1)} MB`;
  // Each seat that outlived the cache kept ~0.6 MB here: the old server grew ~30 MB over these
  // requests. Once the caches are full, what they hold is replaced, not added to.
  expect(requests.length, figures).toBeGreaterThan(3 * FILLED_AFTER);
  expect(grown, figures).toBeLessThan(6 * MB);
}, 120_000);
