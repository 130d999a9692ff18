import { describe, expect, it } from 'vitest';
import { LruBytes } from './lru.js';

const sized = (bytes: number) => ({ bytes });

describe('LruBytes', () => {
  it('holds no more than its limit, taking out the next entry round the dial not read since the hand passed', () => {
    const evicted: string[] = [];
    const lru = new LruBytes<string, { bytes: number }>(300, (key) => evicted.push(key));
    lru.set('a', sized(100));
    lru.set('b', sized(100));
    lru.set('c', sized(100));
    expect(lru.get('a')).toBeDefined();
    lru.set('d', sized(100));
    // a was read: b, stored after it and never read, leaves first.
    expect(evicted).toEqual(['b']);
    lru.set('e', sized(100));
    expect(evicted).toEqual(['b', 'c']);
    lru.set('f', sized(100));
    // The hand, past c, comes to d next (e and f took the slots freed behind it)...
    expect(evicted).toEqual(['b', 'c', 'd']);
    lru.set('g', sized(100));
    // ...and then to a, whose mark it cleared on its way to b: the read bought a turn, no more.
    expect(evicted).toEqual(['b', 'c', 'd', 'a']);
    expect(lru.bytes).toBe(300);
    expect(lru.size).toBe(3);
  });

  it('re-measures a value stored again, and keeps the entry just stored even when it alone is over', () => {
    const lru = new LruBytes<string, { bytes: number }>(250);
    const grows = { bytes: 100 };
    lru.set('a', grows);
    lru.set('b', sized(100));
    grows.bytes = 200;
    lru.set('a', grows);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.bytes).toBe(200);
    lru.set('big', sized(1000));
    expect(lru.get('big')).toBeDefined();
    expect(lru.size).toBe(1);
  });

  it('evicts the value another one replaces under its key, and not one stored again', () => {
    const evicted: { bytes: number }[] = [];
    const lru = new LruBytes<string, { bytes: number }>(1000, (_key, value) => evicted.push(value));
    const first = sized(100);
    lru.set('a', first);
    lru.set('a', first);
    expect(evicted).toEqual([]);
    lru.set('a', sized(100));
    expect(evicted).toEqual([first]);
    expect(lru.bytes).toBe(100);
  });

  it('holds exactly what it did not evict, within its limit, over any run of reads and stores', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const held = new Map<number, { bytes: number }>();
    const lru = new LruBytes<number, { bytes: number }>(500, (key, value) => {
      expect(held.get(key)).toBe(value);
      held.delete(key);
    });
    for (let step = 0; step < 5000; step++) {
      const key = next(40);
      if (next(3) === 0) {
        const value = sized(1 + next(120));
        lru.set(key, value);
        held.set(key, value);
      } else expect(lru.get(key)).toBe(held.get(key));
      let bytes = 0;
      for (const value of held.values()) bytes += value.bytes;
      expect(lru.bytes).toBe(bytes);
      expect(lru.size).toBe(held.size);
      expect(bytes <= lru.limit || held.size === 1).toBe(true);
    }
  });
});
