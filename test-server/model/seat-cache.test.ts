// The seat cache's bound holds what the seats hold now. A seat's material grows as it speaks:
// its sentence banks fill and its mix remembers more. So the seat's bytes count its banks, and
// the cache measures the seat again after every reply.
import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../src/engine/model.js';
import { MarkovEndpoint } from '../requests.js';
import { engineRequests, fixtureTable } from '../test-utils/engine-requests.js';
import { BODY_SHARE, MarkovModel } from './markov-model.js';
import { readChat } from './read-request.js';
import { type SeatMaterial, seatKey } from './seat-material.js';
import { banksBytes, sentenceBank } from './sentence-bank.js';

const bodyOf = (request: ModelRequest) => ({
  model: 'markov',
  temperature: request.temperature ?? 0.7,
  messages: request.messages.map(({ role, content }) => ({ role, content })),
});

/** Three tables, so that seats of one push out those of another. */
const CONTEXTS = [
  fixtureTable.task.context,
  'A small town must decide whether to keep its pool open through the winter.',
  'A library must choose between longer opening hours and a new children’s room.',
];

describe('the seat cache', () => {
  it('never holds more than its bytes, sentence banks included', async () => {
    const requests: ModelRequest[] = [];
    for (const [i, context] of CONTEXTS.entries()) {
      const table = { ...fixtureTable, task: { ...fixtureTable.task, context } };
      requests.push(
        ...(await engineRequests({ seed: 4 + i, turns: 16 }, undefined, table)).requests,
      );
    }
    // 0.4 of 3 MB for seats: two or three seats of these tables fit, not all twelve.
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent', cacheBytes: 3_000_000 });
    const { seats } = endpoint.model;
    const keys = new Set<string>();
    let banked = 0;
    let evicted = false;
    for (const request of requests) {
      const body = bodyOf(request);
      const { generation } = endpoint.chat(body);
      for (const writer of generation.writers) while (!writer.done) writer.take(10_000);
      keys.add(seatKey(readChat(body.messages.map((m) => ({ role: m.role, text: m.content })))));
      // What the seats still in the cache hold now, banks included.
      let held = 0;
      for (const key of keys) {
        const seat: SeatMaterial | undefined = seats.get(key);
        if (seat === undefined) {
          evicted = true;
          continue;
        }
        held += seat.bytes;
        banked = Math.max(banked, banksBytes(seat));
        expect(seat.bytes).toBeGreaterThanOrEqual(banksBytes(seat));
      }
      expect(held).toBeLessThanOrEqual(seats.limit);
      expect(seats.bytes).toBe(held);
    }
    // The banks were there to count, and the bound was reached. A bank keeps no other seat's
    // sentence of the talk (see SentenceBank.walkTo): 44 KB at most here, 50 KB and more before.
    expect(banked).toBeGreaterThan(30_000);
    expect(evicted).toBe(true);
  }, 60_000);

  it('gives the same replies whatever it had to let go', async () => {
    // Three discussions interleaved, so that with small caches every seat and state is let go
    // and built again between its requests: a reply must not depend on what was kept.
    const runs = await Promise.all(
      CONTEXTS.map((context, i) =>
        engineRequests({ seed: 4 + i, turns: 12 }, undefined, {
          ...fixtureTable,
          task: { ...fixtureTable.task, context },
        }),
      ),
    );
    const ample = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const tight = MarkovEndpoint.from({ seed: 3, logLevel: 'silent', cacheBytes: 300_000 });
    const replyOf = (endpoint: MarkovEndpoint, request: ModelRequest) =>
      endpoint
        .chat(bodyOf(request))
        .generation.writers.map((writer) => {
          let text = '';
          while (!writer.done) text += writer.take(10_000);
          return text;
        })
        .join('\n');
    let asked = 0;
    for (let i = 0; runs.some((run) => i < run.requests.length); i++)
      for (const run of runs) {
        const request = run.requests[i];
        if (request === undefined) continue;
        expect(replyOf(tight, request)).toBe(replyOf(ample, request));
        asked++;
      }
    expect(asked).toBeGreaterThan(30);
    // The tight caches let go of seats (their states with them), the ample ones did not.
    expect(tight.model.seats.size).toBeLessThan(3);
    expect(ample.model.seats.size).toBeGreaterThan(6);
  }, 60_000);

  it('counts what a seat’s banks hold in its bytes', async () => {
    const { requests } = await engineRequests({ seed: 4, turns: 6 });
    const turn = requests.filter((request) => request.purpose === 'turn').at(-1);
    if (turn === undefined) throw new Error('the engine sent no turn request');
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const messages = bodyOf(turn).messages.map((m) => ({
      role: m.role,
      text: m.content,
      reading: endpoint.model.messages.read(m.content),
    }));
    const prepared = endpoint.model.prepare(readChat(messages));
    const { seat } = prepared;
    const bank = sentenceBank(prepared, 0.7, '3', undefined);
    bank.foundBy(40);
    const before = { seat: seat.bytes, banks: banksBytes(seat), mix: seat.mix.bytes };
    bank.foundBy(400);
    const grown = banksBytes(seat) - before.banks;
    expect(grown).toBeGreaterThan(20_000);
    expect(seat.bytes - before.seat).toBe(grown + seat.mix.bytes - before.mix);
  });
});

describe('the cache bytes', () => {
  it('are shared out whole: the bounds of the model’s caches and the body memo add up to them', () => {
    for (const cacheBytes of [0, 3_000_000, 16 * 1024 * 1024]) {
      const model = new MarkovModel({ contextWords: 1000, cacheBytes });
      const bounds =
        model.seats.limit +
        model.conversations.limit +
        model.messages.limit +
        model.digests.limit +
        model.requests.limit +
        Math.floor(cacheBytes * BODY_SHARE);
      expect(bounds).toBeLessThanOrEqual(cacheBytes);
      // Each share rounds down by less than a byte.
      expect(bounds).toBeGreaterThan(cacheBytes - 5);
    }
  });
});
