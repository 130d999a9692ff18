// Texts that tell a Unicode-aware pattern from a hand-written reading of it: ASCII and its
// punctuation, Latin-1 and past it, the talk's marks (’ € — “ …), combining marks, other
// scripts and their digits, astral letters and emoji, lone surrogates and white space past
// ASCII; each piece alone, then random strings of them.
import { randomFrom } from '../prng.js';

export const PIECES: readonly string[] = [
  ..."aZ09 .,'-_\n\t€éÉßİ\u0301ΩжЖا٣中𝒜𝟘😀\ud800\u00a0\u2019\u2014\u201c…\u3000\udc00",
];

/** The pieces, then `extra`, then `count` random strings of up to 15 pieces (seeded). */
export function unicodeTexts(
  seed: string,
  extra: readonly string[] = [],
  count = 20_000,
): string[] {
  const random = randomFrom(seed);
  const texts = [...PIECES, ...extra];
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = Math.floor(random() * 16);
    for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)];
    texts.push(text);
  }
  return texts;
}
