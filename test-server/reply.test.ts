import { describe, expect, it } from 'vitest';
import { type ReplyOptions, ReplyWriter } from './reply.js';
import { compose } from './test-utils/compose.js';
import { fixture } from './test-utils/sse.js';
import { countTokens } from './tokens.js';

const messages = (
  JSON.parse(fixture('turn5-request.json')) as { messages: { role: string; content: string }[] }
).messages.map((message) => ({ role: message.role, text: message.content }));

type Options = Partial<ReplyOptions> & { seed?: string; temperature?: number };

function reply(options: Options = {}): ReplyWriter {
  const text = compose(messages, { seed: options.seed, temperature: options.temperature ?? 1 });
  return new ReplyWriter(text, {
    maxTokens: Number.POSITIVE_INFINITY,
    ignoreEos: false,
    stop: [],
    ...options,
  });
}

const SENTENCE = /[^.!?…]+[.!?…]+["'”’)\]]*/g;

describe('ReplyWriter', () => {
  it.each([1, 2, 7, 30, 200, 1500])(
    'writes exactly max_tokens=%i tokens with ignore_eos',
    (maxTokens) => {
      const writer = reply({ maxTokens, ignoreEos: true });
      const text = writer.take(Number.POSITIVE_INFINITY);
      expect(writer.done).toBe(true);
      expect(countTokens(text)).toBe(maxTokens);
      expect(writer.tokens).toBe(maxTokens);
      expect(writer.finishReason).toBe('length');
    },
  );

  it.each(['a', 'b', 'c', 'd', 'e', 'f'])(
    'never exceeds max_tokens and says why it stopped (seed %s)',
    (seed) => {
      for (const maxTokens of [3, 20, 60]) {
        const writer = reply({ maxTokens, seed });
        const text = writer.take(Number.POSITIVE_INFINITY);
        expect(countTokens(text)).toBe(writer.tokens);
        expect(writer.tokens).toBeLessThanOrEqual(maxTokens);
        if (writer.tokens < maxTokens) expect(writer.finishReason).toBe('stop');
        else expect(['stop', 'length']).toContain(writer.finishReason);
      }
    },
  );

  it('ends naturally after whole sentences when nothing cuts it', () => {
    for (const seed of ['1', '2', '3', '4', '5']) {
      const writer = reply({ seed });
      const text = writer.take(Number.POSITIVE_INFINITY);
      expect(writer.finishReason).toBe('stop');
      expect(text).toMatch(/[.!?…]["'”’)\]]*$/);
      const sentences = text.match(SENTENCE) ?? [];
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(5 + 2); // abbreviations may split a sentence
    }
  });

  it('stops before a stop sequence, even one spanning two sentences', () => {
    const dot = reply({ stop: ['.'] });
    const beforeDot = dot.take(Number.POSITIVE_INFINITY);
    expect(beforeDot).not.toContain('.');
    expect(dot.finishReason).toBe('stop');

    const full = reply({ seed: 'span' }).take(Number.POSITIVE_INFINITY);
    const boundary = full.search(/[.!?] /);
    expect(boundary).toBeGreaterThan(0);
    // The same seed with a stop that starts at the end of sentence one and ends in sentence two.
    const stop = full.slice(boundary, boundary + 3);
    const cut = reply({ seed: 'span', stop: [stop] });
    expect(cut.take(Number.POSITIVE_INFINITY)).toBe(full.slice(0, boundary));
    expect(cut.finishReason).toBe('stop');
  });

  it('is reproducible from the seed and varies between seeds', () => {
    const texts = ['x', 'y', 'z', 'w'].map((seed) =>
      reply({ seed }).take(Number.POSITIVE_INFINITY),
    );
    expect(reply({ seed: 'x' }).take(Number.POSITIVE_INFINITY)).toBe(texts[0]);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('is greedy and seed-independent at temperature 0, without repeating a sentence', () => {
    const a = reply({ temperature: 0, seed: 'one' }).take(Number.POSITIVE_INFINITY);
    const b = reply({ temperature: 0, seed: 'two' }).take(Number.POSITIVE_INFINITY);
    expect(a).toBe(b);
    const sentences = (a.match(SENTENCE) ?? []).map((sentence) => sentence.trim());
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('gives more varied text at higher temperature', () => {
    const distinct = (temperature: number): number => {
      const sentences = new Set<string>();
      for (let seed = 0; seed < 30; seed++) {
        const text = reply({
          temperature,
          seed: String(seed),
          ignoreEos: true,
          maxTokens: 120,
        }).take(Number.POSITIVE_INFINITY);
        for (const sentence of text.match(SENTENCE) ?? []) sentences.add(sentence.trim());
      }
      return sentences.size;
    };
    const cold = distinct(0.2);
    const warm = distinct(1);
    const hot = distinct(2);
    expect(distinct(0)).toBeLessThan(cold);
    expect(cold).toBeLessThan(warm);
    expect(warm).toBeLessThan(hot);
  });
});
