import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseJsonBody, SPLIT_FROM } from './json-body.js';

/** What JSON.parse makes of the text: the value, or the error's message. */
function outcome(parse: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Both ways of parsing, with the body cut at its messages from the first byte. */
function bothWays(text: string) {
  const body = Buffer.from(text);
  return {
    split: outcome(() => parseJsonBody(body, 0)),
    whole: outcome(() => JSON.parse(text)),
  };
}

const message = fc.record({
  role: fc.constantFrom('system', 'user', 'assistant', 'tool'),
  content: fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.array(fc.record({ type: fc.constant('text'), text: fc.string({ unit: 'grapheme' }) })),
  ),
});
const body = fc.record(
  {
    model: fc.string(),
    messages: fc.array(fc.oneof(message, fc.jsonValue()), { maxLength: 8 }),
    temperature: fc.double({ noNaN: true, noDefaultInfinity: true }),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('parseJsonBody', () => {
  it('gives JSON.parse’s value for any body, however it is laid out', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(undefined, 1, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parse = vi.spyOn(JSON, 'parse');
        let split: ReturnType<typeof outcome>;
        try {
          split = outcome(() => parseJsonBody(Buffer.from(text), 0));
          // With messages the body is read in pieces, never whole.
          const whole = parse.mock.calls.some(([piece]) => piece === text);
          if (Array.isArray(value.messages) && value.messages.length > 0) expect(whole).toBe(false);
        } finally {
          parse.mockRestore();
        }
        expect(split).toEqual(outcome(() => JSON.parse(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what JSON.parse refuses, with its message, and reads the rest as it does', () => {
    const valid = JSON.stringify({
      model: 'm',
      messages: [
        { role: 'user', content: 'a "quoted" \\ word, [bracketed] {braced}' },
        { role: 'assistant', content: 'b' },
      ],
      n: 1,
    });
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length - 1 }),
        fc.constantFrom('', ',', ']', '[', '{', '}', '"', '\\', ':', ' ', 'x'),
        (at, piece) => {
          const { split, whole } = bothWays(valid.slice(0, at) + piece + valid.slice(at + 1));
          expect(split).toEqual(whole);
        },
      ),
      { numRuns: 1000 },
    );
    for (const text of [
      '{"messages": [1, 2,]}',
      '{"messages": [,]}',
      '{"messages": []}',
      '{"messages": [1], "messages": [2]}',
      '{"messag\\u0065s": [1], "messages": [2]}',
      '{"messages": [1]} trailing',
      '[{"messages": [1]}]',
      '{"model": "x", "messages": {"0": 1}}',
    ]) {
      const { split, whole } = bothWays(text);
      expect(split, text).toEqual(whole);
    }
  });

  it('reads a 20,000-word request as JSON.parse does (it is cut, being large)', () => {
    const text = readFileSync(
      new URL('./fixtures/words20000-request.json', import.meta.url),
      'utf8',
    );
    expect(Buffer.byteLength(text)).toBeGreaterThan(SPLIT_FROM);
    const expected = JSON.parse(text);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(parseJsonBody(Buffer.from(text))).toEqual(expected);
      const longest = Math.max(...parse.mock.calls.map(([piece]) => String(piece).length));
      expect(longest).toBeLessThan(text.length / 10);
    } finally {
      parse.mockRestore();
    }
  });
});
