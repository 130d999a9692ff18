import { hash } from 'node:crypto';
import { fmix32 } from '../src/engine/random.js';

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

/** 128 bits of seed: four 32-bit words. */
export type Seed128 = readonly [number, number, number, number];

/** The first 128 bits of the SHA-256 of a string, as four words read little-endian. */
export function seedOf(seedText: string): Seed128 {
  // One-shot: a Hash object per call cost three times as much. The digest as hex, not a
  // Buffer: making the Buffer cost more than the hash (~4 against ~2 µs).
  const digest = hash('sha256', seedText, 'hex');
  return [uint32LE(digest, 0), uint32LE(digest, 8), uint32LE(digest, 16), uint32LE(digest, 24)];
}

/** A generator seeded from a string (the server seed and the request's digest). */
export function randomFrom(seedText: string): Random {
  const [a, b, c, d] = seedOf(seedText);
  return sfc32(a, b, c, d);
}

/**
 * A generator for one of many streams of a seed (a state's pool slots): the seed's words mixed
 * with the stream's numbers (whole numbers below 2^32) by murmur3's finalizer, each word taking
 * every number in a lane of its own. A slot was seeded by a SHA-256 of its own text (~2 µs, six a
 * reply); the seed is hashed once and a stream costs a few dozen multiplications.
 */
export function randomOf(seed: Seed128, ...stream: readonly number[]): Random {
  let [a, b, c, d] = seed;
  for (const n of stream) {
    a = fmix32(a ^ Math.imul(n, 0x9e3779b1));
    b = fmix32(b + fmix32(n ^ 0x85ebca6b));
    c = fmix32(c ^ fmix32(n + 0xc2b2ae35));
    d = fmix32(d + Math.imul(n ^ 0x27d4eb2f, 0x165667b1));
  }
  // Each word also hears the others, so that two streams differing in one number differ everywhere.
  return sfc32(fmix32(a ^ d), fmix32(b ^ a), fmix32(c ^ b), fmix32(d ^ c));
}
