import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomFrom } from '../prng.js';
import { MarkovEndpoint } from '../requests.js';
import { engineRequests } from '../test-utils/engine-requests.js';
import { Walker } from './chain/walker.js';
import type { Prepared } from './prepare.js';
import { readChat } from './read-request.js';
import { chooseSentence, sentenceBank } from './sentence-bank.js';

interface Body {
  model: string;
  temperature: number;
  messages: { role: string; content: string }[];
}

/** A seat's turn request as roundtable's engine sends it, late in a discussion. */
let TURN: Body;

beforeAll(async () => {
  const { requests } = await engineRequests({ seed: 5, turns: 12 });
  const turns = requests.filter((request) => request.purpose === 'turn');
  const request = turns.at(-1);
  if (request === undefined) throw new Error('the engine sent no turn request');
  TURN = {
    model: 'markov',
    temperature: 0.7,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
  };
});

/** The request with its first turn tagged: another conversation of the same seat. */
function another(body: Body, tag: string): Body {
  const first = body.messages.findIndex((message) => message.role !== 'system');
  const messages = body.messages.map((message, i) =>
    i === first ? { ...message, content: `(${tag}) ${message.content}` } : message,
  );
  return { ...body, messages };
}

function preparedOf(endpoint: MarkovEndpoint, body: Body): Prepared {
  const read = readChat(
    body.messages.map((message) => ({
      role: message.role,
      text: message.content,
      reading: endpoint.model.messages.read(message.content),
    })),
  );
  return endpoint.model.prepare(read);
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

describe("a seat's sentence bank", () => {
  it('holds the same sentence at each place however far and in what steps it was walked', () => {
    const sentencesOf = (steps: readonly number[]) => {
      const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
      const bank = sentenceBank(preparedOf(endpoint, TURN), 0.7, '3', undefined);
      let size = 0;
      for (const step of steps) size = bank.upTo(step);
      return Array.from({ length: size }, (_, i) => bank.at(i)?.sentence);
    };
    const direct = sentencesOf([60]);
    expect(direct.length).toBe(60);
    expect(sentencesOf([5, 17, 60])).toEqual(direct);
    expect(new Set(direct).size).toBe(direct.length);
  });

  it('holds only sentences every four words of which stand in one of the seat’s texts', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const prepared = preparedOf(endpoint, TURN);
    const bank = sentenceBank(prepared, 0.7, '3', undefined);
    const size = bank.upTo(60);
    for (let i = 0; i < size; i++) {
      const words = bank.at(i)?.words ?? [];
      for (let end = 3; end < words.length; end++)
        expect(prepared.attests(words.slice(end - 3, end + 1).join(' ')), words.join(' ')).toBe(
          true,
        );
    }
  });

  it('never offers a sentence the conversation has heard', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    const bank = sentenceBank(preparedOf(endpoint, TURN), 0.7, '3', undefined);
    const size = bank.upTo(48);
    // Ann, another seat, has said the bank's first 40 sentences.
    const heard = Array.from({ length: 40 }, (_, i) => bank.at(i)?.sentence ?? '');
    const body = {
      ...TURN,
      messages: TURN.messages.map((message) =>
        message.role === 'user'
          ? { ...message, content: message.content.replace('Ann: ', `Ann: ${heard.join(' ')} `) }
          : message,
      ),
    };
    const prepared = preparedOf(endpoint, body);
    const lower = new Set(heard.map((sentence) => sentence.toLowerCase()));
    expect(size).toBe(48);
    const chosen = Array.from({ length: 40 }, (_, k) =>
      chooseSentence(prepared, bank, randomFrom(`${k}`), { ordinal: 0, names: undefined }),
    ).filter((candidate) => candidate !== undefined);
    expect(chosen.length).toBeGreaterThan(20);
    for (const { sentence } of chosen) expect(lower.has(sentence.toLowerCase())).toBe(false);
  });

  it('answers a seat’s next conversation without walking its chains again', () => {
    const endpoint = MarkovEndpoint.from({ seed: 3, logLevel: 'silent' });
    reply(endpoint, another(TURN, 'first'));
    const walks = vi.spyOn(Walker.prototype, 'sentence');
    const text = reply(endpoint, another(TURN, 'second'));
    expect(text.split(/(?<=[.!?])\s+/).length).toBeGreaterThanOrEqual(3);
    expect(walks).not.toHaveBeenCalled();
  });
});
