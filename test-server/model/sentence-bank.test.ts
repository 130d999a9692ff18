import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomFrom } from '../prng.js';
import { MarkovEndpoint } from '../requests.js';
import { engineRequests, fixtureTable } from '../test-utils/engine-requests.js';
import { type Body, bodyOf, preparedOf } from '../test-utils/prepared.js';
import { chooseSentence } from './bank-choice.js';
import { Walker } from './chain/walker.js';
import { quotesFact } from './reply-state.js';
import { reachOf, sentenceBank } from './sentence-bank.js';
import { nameTest } from './words.js';

/** A seat's turn request as roundtable's engine sends it, late in a discussion. */
let TURN: Body;

beforeAll(async () => {
  const { requests } = await engineRequests({ seed: 5, turns: 12 });
  const turns = requests.filter((request) => request.purpose === 'turn');
  const request = turns.at(-1);
  if (request === undefined) throw new Error('the engine sent no turn request');
  TURN = bodyOf(request);
});

/** The request with its first turn tagged: another conversation of the same seat. */
function another(body: Body, tag: string): Body {
  const first = body.messages.findIndex((message) => message.role !== 'system');
  const messages = body.messages.map((message, i) =>
    i === first ? { ...message, content: `(${tag}) ${message.content}` } : message,
  );
  return { ...body, messages };
}

function reply(endpoint: MarkovEndpoint, body: Body): string {
  const { generation } = endpoint.chat(body);
  let text = '';
  for (const writer of generation.writers) while (!writer.done) text += writer.take(10_000);
  return text;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** TURN with Ann, another seat, having said these sentences first in her turn. */
const annSaid = (heard: readonly string[], turn: Body = TURN) => ({
  ...turn,
  messages: turn.messages.map((message) =>
    message.role === 'user'
      ? { ...message, content: message.content.replace('Ann: ', `Ann: ${heard.join(' ')} `) }
      : message,
  ),
});
describe("a seat's sentence bank", () => {
  it('finds the same sentences in its first n walks however far and in what steps it walked', () => {
    const sentencesOf = (steps: readonly number[], walks: number) => {
      const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
      const bank = sentenceBank(preparedOf(endpoint, TURN), 0.7, '3', undefined);
      for (const step of steps) bank.foundBy(step);
      return Array.from({ length: bank.foundBy(walks) }, (_, i) => bank.at(i)?.sentence);
    };
    // A bank keeps none of another seat's sentences of the talk, most of what walks find.
    const direct = sentencesOf([], 800);
    expect(direct.length).toBeGreaterThan(20);
    expect(sentencesOf([5, 17, 480], 800)).toEqual(direct);
    const fewer = sentencesOf([], 240);
    expect(fewer.length).toBeLessThan(direct.length);
    expect(sentencesOf([800], 240)).toEqual(fewer);
    expect(direct.slice(0, fewer.length)).toEqual(fewer);
    expect(new Set(direct).size).toBe(direct.length);
  });

  it('holds only sentences every four words of which stand in one of the seat’s texts', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const prepared = preparedOf(endpoint, TURN);
    const bank = sentenceBank(prepared, 0.7, '3', undefined);
    const size = bank.foundBy(200);
    for (let i = 0; i < size; i++) {
      const words = bank.at(i)?.words ?? [];
      for (let end = 3; end < words.length; end++)
        expect(prepared.attests(words.slice(end - 3, end + 1).join(' ')), words.join(' ')).toBe(
          true,
        );
    }
  });

  it('never offers a sentence the conversation has heard', async () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    // Late in a longer discussion, so that the seat's reach holds a few sentences of its own.
    const { requests } = await engineRequests({ seed: 5, turns: 40 });
    const last = requests.filter((request) => request.purpose === 'turn').at(-1);
    if (last === undefined) throw new Error('the engine sent no turn request');
    const asked = preparedOf(endpoint, bodyOf(last));
    const bank = sentenceBank(asked, 0.7, '3', undefined);
    const size = bank.foundBy(reachOf(asked));
    // Ann, another seat, has said all but the bank's last 3 sentences.
    const heard = Array.from({ length: size - 3 }, (_, i) => bank.at(i)?.sentence ?? '');
    const body = annSaid(heard, bodyOf(last));
    const prepared = preparedOf(endpoint, body);
    const lower = new Set(heard.map((sentence) => sentence.toLowerCase()));
    // A bank keeps only walks whose every five words stand in one source: a few of its reach.
    expect(size).toBeGreaterThan(3);
    // One sentence a choice (no scoring among several), so that only the draw can keep a heard
    // one out: echoing what was said also scores a sentence down.
    const chosen = Array.from({ length: 40 }, (_, k) =>
      chooseSentence(prepared, bank, randomFrom(`${k}`), {
        ordinal: 0,
        names: undefined,
        walks: 1,
        // Any seat's, as the heard ones are: with the talk's 747 sentences most of a bank's first
        // walks are talk sentences, of which a seat's share is a quarter or a fifth.
        anyones: true,
      }),
    ).filter((candidate) => candidate !== undefined);
    expect(chosen.length).toBeGreaterThan(10);
    for (const { sentence } of chosen) expect(lower.has(sentence.toLowerCase())).toBe(false);
  });

  it('has a turn’s guard find in a bank sentence what it finds in any text', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const asked = preparedOf(endpoint, TURN);
    const bank = sentenceBank(asked, 0.7, '3', undefined);
    // Further than the seat's reach: its first walks keep few (none of another seat's talk).
    const size = bank.foundBy(400);
    const sentences = Array.from({ length: size }, (_, i) => bank.at(i) ?? []).flatMap((walk) =>
      'normal' in walk && walk.normal.length >= 8 ? [walk] : [],
    );
    const recited = sentences[0];
    if (recited === undefined) throw new Error('the bank found no sentence of eight words');
    // The moderator's ask holds one of the bank's sentences: every run of it is the ask's, which
    // the seat's guard (which the bank kept it to) never heard of.
    const last = TURN.messages.length - 1;
    const body = {
      ...TURN,
      messages: TURN.messages.map((message, i) =>
        i === last ? { ...message, content: `${message.content} ${recited.sentence}` } : message,
      ),
    };
    const prepared = preparedOf(endpoint, body);
    expect(prepared.seat).toBe(asked.seat);
    const { guard } = prepared;
    expect(guard.firstForbidden(recited.normal)).toBeDefined();
    // The same words in an array of their own are tested run by run, as any text is.
    const tails = [[], ['we', 'should'], recited.normal.slice(-5), ['i', 'think', 'that', 'the']];
    let refused = 0;
    for (const walk of sentences)
      for (const tail of tails) {
        const found = guard.firstForbidden(walk.normal, tail);
        expect(found).toBe(guard.firstForbidden([...walk.normal], tail));
        if (found !== undefined) refused++;
      }
    expect(refused).toBeGreaterThan(0);
  });

  it('draws from further in the bank, not fresh walks, when its reach has all been heard', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const asked = preparedOf(endpoint, TURN);
    // The bank a reply draws on: by the names at the table, as the reply names them.
    const seats = [asked.self, ...asked.others].flatMap((seat) => (seat ? [seat.name] : []));
    const bank = sentenceBank(asked, TURN.temperature, '3', nameTest(seats));
    const reach = reachOf(asked);
    const size = bank.foundBy(reach);
    // Walked as far as a reply may widen its reach, so that a reply walks only afresh.
    bank.foundBy(reach + 64);
    // Ann, another seat, has said every sentence within the seat's reach.
    const heard = Array.from({ length: size }, (_, i) => bank.at(i)?.sentence ?? '');
    const body = annSaid(heard);
    expect(reachOf(preparedOf(endpoint, body))).toBe(reach);
    const walks = vi.spyOn(Walker.prototype, 'sentence');
    const { generation } = endpoint.chat({ ...body, seed: 3 });
    let text = '';
    for (const writer of generation.writers) while (!writer.done) text += writer.take(10_000);
    expect(text.split(/(?<=[.!?])\s+/).length).toBeGreaterThanOrEqual(3);
    expect(walks).not.toHaveBeenCalled();
  });

  it('answers a seat’s next conversation without walking its chains again', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    reply(endpoint, another(TURN, 'first'));
    const walks = vi.spyOn(Walker.prototype, 'sentence');
    const text = reply(endpoint, another(TURN, 'second'));
    expect(text.split(/(?<=[.!?])\s+/).length).toBeGreaterThanOrEqual(3);
    expect(walks).not.toHaveBeenCalled();
  });

  it('is one bank for one seed, temperature and table, however often and in what order asked', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const prepared = preparedOf(endpoint, TURN);
    const names = nameTest(['Ann', 'Bob', 'Cy', 'Dee']);
    const bank = sentenceBank(prepared, 0.7, '3', names);
    const warmer = sentenceBank(prepared, 0.9, '3', names);
    const reseeded = sentenceBank(prepared, 0.7, '4', names);
    const fewer = sentenceBank(prepared, 0.7, '3', nameTest(['Ann', 'Bob']));
    expect(new Set([bank, warmer, reseeded, fewer]).size).toBe(4);
    // Asked again after each of the others, and by the names in another order.
    for (const other of [warmer, reseeded, fewer]) {
      expect(
        sentenceBank(
          prepared,
          other.temperature,
          other === reseeded ? '4' : '3',
          other === fewer ? nameTest(['Bob', 'Ann']) : names,
        ),
      ).toBe(other);
      expect(sentenceBank(prepared, 0.7, '3', nameTest(['Dee', 'Cy', 'Bob', 'Ann']))).toBe(bank);
    }
  });

  it('remembers whether a sentence quotes the context for its seat alone', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const context =
      'A mid-sized city must decide what to do with a disused freight railway crossing it.';
    const elsewhere = {
      ...TURN,
      messages: TURN.messages.map((message) =>
        message.role === 'system'
          ? {
              ...message,
              content: message.content.replace(
                context,
                'A small town must decide whether to keep its pool.',
              ),
            }
          : message,
      ),
    };
    const here = preparedOf(endpoint, TURN);
    const there = preparedOf(endpoint, elsewhere);
    expect(there.seat).not.toBe(here.seat);
    const fact = 'I think a mid-sized city must decide what to do with it.';
    for (let round = 0; round < 2; round++) {
      expect(quotesFact(here, fact)).toBe(true);
      expect(quotesFact(there, fact)).toBe(false);
      expect(quotesFact(there, 'A small town must decide whether to keep it.')).toBe(true);
      expect(quotesFact(here, 'A small town must decide whether to keep it.')).toBe(false);
    }
  });

  it('answers a request alike on a fresh server and on one that served other discussions first', async () => {
    const fresh = reply(MarkovEndpoint.from({ seed: 3, logLevel: 'silent' }), TURN);
    // Other discussions of the same seats (whose banks the request draws on), and of another
    // table (whose seats' material pushes older seats out of the caches).
    const otherTable = {
      ...fixtureTable,
      task: { ...fixtureTable.task, context: 'A small town must decide whether to keep its pool.' },
    };
    const others = [
      ...(await engineRequests({ seed: 6, turns: 30 })).requests,
      ...(await engineRequests({ seed: 7, turns: 30 }, undefined, otherTable)).requests,
    ];
    expect(others.length).toBeGreaterThanOrEqual(50);
    const busy = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    for (const request of others) reply(busy, bodyOf(request));
    expect(reply(busy, TURN)).toBe(fresh);
  });
});
