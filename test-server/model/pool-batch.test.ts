import { beforeAll, describe, expect, it } from 'vitest';
import { MarkovEndpoint } from '../requests.js';
import { engineRequests } from '../test-utils/engine-requests.js';
import { type Body, bodyOf, preparedOf } from '../test-utils/prepared.js';
import { factWoven } from './facts.js';
import { pooledBatch } from './pool-batch.js';
import type { Prepared } from './prepare.js';
import { ownTurns } from './seat-turns.js';
import { sentenceBank } from './sentence-bank.js';
import { othersLine } from './talk-shares.js';
import { nameTest } from './words.js';

/** One seat's turn requests of a 12-turn discussion, in order. */
let TURNS: Body[];

beforeAll(async () => {
  const { requests } = await engineRequests({ seed: 5, turns: 12 });
  const turns = requests.filter((request) => request.purpose === 'turn');
  // The seat with the most turns (the first to speak).
  TURNS = turns.filter((request) => request.speaker === turns[0]?.speaker).map(bodyOf);
});

const namesOf = (prepared: Prepared) =>
  nameTest([prepared.self, ...prepared.others].flatMap((seat) => (seat ? [seat.name] : [])));

describe("a state's pool at a table", () => {
  it("is drawn from a bank that keeps the seat's own sentences apart as it walks", () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const prepared = preparedOf(endpoint, TURNS.at(-1) as Body);
    const bank = sentenceBank(prepared, 0.7, '3', namesOf(prepared));
    const others = othersLine(prepared);
    const size = bank.foundBy(400);
    const own = Array.from({ length: size }, (_, i) => i).filter(
      (i) => !others(bank.at(i)?.lower ?? ''),
    );
    // Another seat's share of the talk is walked too, and not kept (see SentenceBank.walkTo).
    expect(own.length).toBeGreaterThan(10);
    expect(own.length).toBe(size);
    expect(bank.ownFoundBy(400)).toBe(own.length);
    expect(Array.from({ length: own.length }, (_, i) => bank.ownAt(i))).toEqual(own);
    // The first walks' own sentences are the first of them, however far the bank has walked.
    const fewer = bank.ownFoundBy(100);
    expect(fewer).toBeLessThan(own.length);
    expect(bank.foundBy(100)).toBeGreaterThan(bank.ownAt(fewer - 1));
  });

  it('judges its sentences once, best first, and serves every reply of the state from them', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const body = { ...(TURNS.at(-1) as Body), n: 3 };
    const prepared = preparedOf(endpoint, body);
    const { generation } = endpoint.chat(body);
    const texts = generation.writers.map((writer) => {
      let text = '';
      while (!writer.done) text += writer.take(10_000);
      return text;
    });
    // Each reply orders the batch with noise of its own.
    expect(new Set(texts).size).toBe(3);
    const keys = [...prepared.pool.keys()];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.endsWith('batch'))).toBe(true);
    const batch = pooledBatch(prepared, {
      kind: 'plain',
      focus: undefined,
      temperature: body.temperature,
      seed: '3',
      names: namesOf(prepared),
      bank: sentenceBank(prepared, body.temperature, '3', namesOf(prepared)),
    });
    expect(batch.length).toBeGreaterThan(3);
    const scores = batch.map((candidate) => candidate.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const others = othersLine(prepared);
    for (const { sentence } of batch) {
      expect(others(sentence.toLowerCase())).toBe(false);
      expect(prepared.view.alreadySaid(sentence.toLowerCase())).toBe(false);
    }
  });
});

describe("what a conversation's requests keep for the next", () => {
  it("counts a seat's turns alike whichever of its requests asked first", () => {
    const counts = (order: 'first first' | 'last first') => {
      const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
      // Read in order, so that each request carries on the one before's chain.
      const states = TURNS.map((body) => preparedOf(endpoint, body));
      if (order === 'first first') return states.map(ownTurns);
      return [...states].reverse().map(ownTurns).reverse();
    };
    const inOrder = counts('first first');
    expect(inOrder.at(-1)).toBeGreaterThan(inOrder[0] ?? 0);
    expect(inOrder).toEqual(TURNS.map((_, i) => i));
    expect(counts('last first')).toEqual(inOrder);
  });

  it('weaves in a fact only before the turn that said it, whichever request wove first', () => {
    const fact = 'the town has €3.1 million in reserves';
    const stance = 'I would rather start small and spend less.';
    const [early, late] = [TURNS[0] as Body, TURNS.at(-1) as Body];
    // A turn after the early request's says the fact: the late request heard it.
    const said = early.messages.length;
    const heard: Body = {
      ...late,
      messages: late.messages.map((message, i) =>
        i === said
          ? { ...message, content: `${message.content} The town has €3.1 million in reserves.` }
          : message,
      ),
    };
    const woven = (order: 'early first' | 'late first') => {
      const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
      // Read in order, so that the late request carries on the early one's chain.
      const states = [early, heard].map((body) => preparedOf(endpoint, body));
      expect(states[0]?.view.chain).toBe(states[1]?.view.chain);
      const withFact = (state: Prepared) =>
        factWoven(
          { ...state, bytes: state.bytes, seat: { ...state.seat, facts: [fact] } },
          stance,
          () => 0,
        );
      if (order === 'early first') return states.map(withFact);
      return states.reverse().map(withFact).reverse();
    };
    for (const order of ['early first', 'late first'] as const)
      expect(woven(order)).toEqual([
        'Since the town has €3.1 million in reserves, I would rather start small and spend less.',
        undefined,
      ]);
  });
});
