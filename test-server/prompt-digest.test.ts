import { describe, expect, it } from 'vitest';
import type { TextFacts } from './model/message-memo.js';
import { PromptDigests, textDigest } from './prompt-digest.js';

/** The digest as one hash of the settings' JSON and every message's digest, joined. */
function joined(facts: readonly TextFacts[], settings: readonly unknown[]): string {
  const parts = [JSON.stringify(settings)];
  for (const { digest } of facts) parts.push(`\u0000${digest.length}\u0000`, digest);
  return textDigest(parts.join(''));
}

const factsOf = (texts: readonly string[]): TextFacts[] =>
  texts.map((text) => ({ tokens: 1, digest: text }));

describe('a prompt’s digest', () => {
  const digests = new PromptDigests(1_000_000);
  const promptDigest = (facts: readonly TextFacts[], settings: readonly unknown[]) =>
    digests.digest(facts, settings);

  it('is the hash of the whole prompt, however much of it was hashed before', () => {
    const settings = ['chat', 0.7, null];
    const messages = factsOf(Array.from({ length: 12 }, (_, i) => `message ${i} ’€`));
    // A conversation growing a message at a time, then a request that goes back, one that
    // leaves the road at message 5, and the same prompts under other settings.
    const prompts = [
      ...Array.from({ length: 12 }, (_, n) => messages.slice(0, n + 1)),
      messages.slice(0, 4),
      [...messages.slice(0, 5), ...factsOf(['elsewhere', 'and on'])],
      messages,
    ];
    for (const prompt of prompts) {
      expect(promptDigest(prompt, settings)).toBe(joined(prompt, settings));
      expect(promptDigest(prompt, ['chat', 1, null])).toBe(joined(prompt, ['chat', 1, null]));
    }
    expect(promptDigest([], settings)).toBe(joined([], settings));
  });

  it('hashes the settings as they are, whether the last prompt’s were the same values or not', () => {
    const prompt = factsOf(['one', 'two']);
    const knobs = { repeat: 0, ramble: 0.5 };
    // Settings as a request's are made: a new array every time, a new stop list, the same knobs.
    const made = (temperature: number, stop: string[], held: object, json: unknown) => [
      'chat',
      temperature,
      Number.POSITIVE_INFINITY,
      1,
      stop,
      false,
      null,
      held,
      json,
    ];
    const cases = [
      made(0.7, [], knobs, null),
      made(0.7, [], knobs, null),
      made(0.7, ['\n'], knobs, null),
      made(0.7, ['\n'], knobs, null),
      made(0.7, ['END'], knobs, null),
      made(1, ['END'], knobs, null),
      made(1, ['END'], { ...knobs, ramble: 1 }, null),
      made(1, ['END'], { ...knobs, ramble: 1 }, { type: 'json_object' }),
      made(1, ['END'], { ...knobs, ramble: 1 }, { type: 'text' }),
      made(1, ['END'], knobs, null),
    ];
    for (const settings of cases)
      expect(promptDigest(prompt, settings)).toBe(joined(prompt, settings));
  });

  it('tells prompts apart that differ in one message', () => {
    const settings = ['chat', 0.7];
    const a = factsOf(['one', 'two', 'three']);
    const b = factsOf(['one', 'two', 'four']);
    expect(promptDigest(a, settings)).not.toBe(promptDigest(b, settings));
  });

  it('differs in about half its bits between texts one character apart', () => {
    // A 64-bit hash in JavaScript (no longer SHA-1): what a poor mix would show first.
    const bits = (digest: string) =>
      digest
        .split('.')
        .map((lane) => Number.parseInt(lane, 36).toString(2).padStart(32, '0'))
        .join('');
    let differing = 0;
    let compared = 0;
    const texts = Array.from({ length: 400 }, (_, i) => `message ${i} of a table’s discussion`);
    for (const text of texts) {
      const a = bits(textDigest(text));
      const b = bits(textDigest(`${text.slice(0, -1)}m`));
      for (let k = 0; k < 64; k++) if (a[k] !== b[k]) differing++;
      compared += 64;
    }
    expect(differing / compared).toBeGreaterThan(0.45);
    expect(differing / compared).toBeLessThan(0.55);
    expect(new Set(texts.map(textDigest)).size).toBe(texts.length);
  });

  it('keeps no more prompts than its bytes hold, and is the same hash with none kept', () => {
    const settings = ['chat', 0.7];
    const messages = factsOf(Array.from({ length: 40 }, (_, i) => `message ${i} `.repeat(20)));
    const small = new PromptDigests(60_000);
    const none = new PromptDigests(0);
    for (let n = 1; n <= messages.length; n++) {
      const prompt = messages.slice(0, n);
      expect(small.digest(prompt, settings)).toBe(joined(prompt, settings));
      expect(none.digest(prompt, settings)).toBe(joined(prompt, settings));
      // The newest is kept even alone over the bound (the seat's next request needs it).
      expect(small.bytes <= small.limit || small.size === 1).toBe(true);
      expect(none.size).toBe(1);
    }
    expect(small.size).toBeGreaterThan(1);
  });
});
