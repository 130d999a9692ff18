import { describe, expect, it } from 'vitest';
import { engineRequests, inputOf } from '../test-utils/engine-requests.js';
import { countTokens } from '../tokens.js';
import { MessageMemo } from './message-memo.js';
import { readChat, type Unit } from './read-request.js';

const unit = (text: string): Unit => ({ speaker: 'Ann', moderator: false, own: false, text });

describe('MessageMemo', () => {
  it('reads a text once for the same names, again for other names', () => {
    const memo = new MessageMemo(1 << 20);
    let reads = 0;
    const read = () => {
      reads++;
      return [unit('hello there')];
    };
    const first = memo.read('Ann: hello there').turns('names-a', read);
    expect(memo.read('Ann: hello there').turns('names-a', read)).toBe(first);
    expect(reads).toBe(1);
    expect(memo.read('Ann: hello there').turns('names-b', read)).not.toBe(first);
    expect(reads).toBe(2);
  });

  it('counts tokens as the server does; a long text is digested, a short one is its own digest', () => {
    const memo = new MessageMemo(1 << 20);
    const short = 'Well, I do not agree!';
    const long = 'word '.repeat(400);
    expect(memo.read(short).facts()).toEqual({ tokens: countTokens(short), digest: short });
    const facts = memo.read(long).facts();
    expect(facts.tokens).toBe(countTokens(long));
    expect(facts.digest).not.toBe(long);
    expect(facts.digest.length).toBeLessThan(40);
    expect(memo.read(long).facts()).toBe(facts);
  });

  it('reads texts that differ only where their memo key does not look as themselves', () => {
    const memo = new MessageMemo(1 << 20);
    // The key samples a long text; a change at one place between samples leaves it alike.
    const base = 'a'.repeat(5000);
    const texts = Array.from(
      { length: 50 },
      (_, i) => `${base.slice(0, 100 + i)}b${base.slice(101 + i)}`,
    );
    for (const text of texts) memo.read(text);
    for (const text of texts) expect(memo.read(text).text).toBe(text);
    expect(new Set(texts.map((text) => memo.read(text))).size).toBe(texts.length);
  });

  it('holds no more than its bytes: the texts least recently read leave first', () => {
    const memo = new MessageMemo(40_000);
    const texts = Array.from({ length: 100 }, (_, i) => `${i} ${'x'.repeat(1000)}`);
    for (const text of texts) memo.read(text).facts();
    expect(memo.bytes).toBeLessThanOrEqual(40_000);
    expect(memo.size).toBeGreaterThan(5);
    expect(memo.size).toBeLessThan(20);
    let reads = 0;
    memo.read(texts[0] as string).turns('names', () => {
      reads++;
      return [];
    });
    expect(reads).toBe(1);
  });
});

describe('readChat with a memo', () => {
  it("reads every request of the engine's discussion as it does without one, reusing earlier messages' turns", async () => {
    const { requests } = await engineRequests({ seed: 4, turns: 24 });
    const memo = new MessageMemo(1 << 22);
    let reused = 0;
    const previous = new Map<string, readonly Unit[]>();
    for (const request of requests) {
      const read = readChat(
        inputOf(request).map((message) => ({ ...message, reading: memo.read(message.text) })),
      );
      expect(read).toEqual(readChat(inputOf(request)));
      const earlier = new Set(previous.get(request.speaker) ?? []);
      reused += read.units.filter((u) => earlier.has(u)).length;
      previous.set(request.speaker, read.units);
    }
    // The same seat's next request gives back the very units read for its earlier messages.
    expect(reused).toBeGreaterThan(requests.length);
  });
});
