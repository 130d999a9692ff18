import { describe, expect, it } from 'vitest';
import { holdsProtoKey } from './protocol.js';

const QUOTED = Buffer.from('"__proto__"');

/** Texts made of the pieces a "__proto__" test can trip on: quotes, underscores, the name. */
function generated(count: number): string[] {
  const pieces = ['"', '_', '__', 'proto', '__proto__', '__proto', 'proto__', ':', ' ', 'x', '\\"'];
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join(''),
  );
}

describe('holdsProtoKey', () => {
  it('says what includes(\'"__proto__"\') says, over generated bodies', () => {
    const texts = generated(20_000);
    let holding = 0;
    for (const text of texts) {
      const body = Buffer.from(text);
      const expected = body.includes(QUOTED);
      if (expected) holding++;
      expect(holdsProtoKey(body), text).toBe(expected);
    }
    // Both answers are exercised, many times each.
    expect(holding).toBeGreaterThan(100);
    expect(texts.length - holding).toBeGreaterThan(100);
  });

  it('finds the key at either end of a body and past a near miss', () => {
    expect(holdsProtoKey(Buffer.from('"__proto__"'))).toBe(true);
    expect(holdsProtoKey(Buffer.from('{"a":"__proto__ "}'))).toBe(false);
    expect(holdsProtoKey(Buffer.from('__proto__"__proto__"'))).toBe(true);
    expect(holdsProtoKey(Buffer.from('"__proto__'))).toBe(false);
    expect(holdsProtoKey(Buffer.from(''))).toBe(false);
  });
});
