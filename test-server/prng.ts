import { hash } from 'node:crypto';

/** A uniform float in [0, 1). */
export type Random = () => number;

/**
 * sfc32: small, fast and good enough for text; seeded from 128 bits so every bit of the
 * request hash matters (a 32-bit seed would make distinct requests collide too often).
 */
export function sfc32(a: number, b: number, c: number, d: number): Random {
  let s0 = a >>> 0;
  let s1 = b >>> 0;
  let s2 = c >>> 0;
  let s3 = d >>> 0;
  const next: Random = () => {
    const t = (((s0 + s1) >>> 0) + s3) >>> 0;
    s3 = (s3 + 1) >>> 0;
    s0 = s1 ^ (s1 >>> 9);
    s1 = (s2 + (s2 << 3)) >>> 0;
    s2 = (s2 << 21) | (s2 >>> 11);
    s2 = (s2 + t) >>> 0;
    return t / 4294967296;
  };
  // The first outputs of sfc32 still carry the seed's structure; discard them.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** The 32 bits of `hex` from `at` (eight digits, two a byte), read little-endian. */
function uint32LE(hex: string, at: number): number {
  const big = Number.parseInt(hex.slice(at, at + 8), 16);
  return ((big >>> 24) | ((big >>> 8) & 0xff00) | ((big & 0xff00) << 8) | (big << 24)) >>> 0;
}

/** A generator seeded from a string (the server seed and the request's digest). */
export function randomFrom(seedText: string): Random {
  // One-shot: a Hash object per call cost three times as much (pools seed one a draw). The
  // digest as hex, not a Buffer: making the Buffer cost more than the hash (~4 against ~2 µs).
  const digest = hash('sha256', seedText, 'hex');
  return sfc32(
    uint32LE(digest, 0),
    uint32LE(digest, 8),
    uint32LE(digest, 16),
    uint32LE(digest, 24),
  );
}
