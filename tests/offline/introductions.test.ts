// The offline model introduces itself only when the table asks for introductions: the issue's
// "its opening turn introduces it by its full name when introductions are on", the other side.
import { expect, it } from 'vitest';
import { EXAMPLE_TABLE, runOffline } from './offline-run.js';

it.each([true, false])(
  'with introductions %s, a first turn gives the full name only if asked',
  async (on) => {
    const run = await runOffline(EXAMPLE_TABLE, {
      seed: 2,
      turns: 8,
      config: { introductions: on },
    });
    const seen = new Set<number>();
    let firsts = 0;
    for (const event of run.events) {
      if (event.type !== 'turn-ended' || seen.has(event.seat)) continue;
      seen.add(event.seat);
      firsts++;
      const seat = run.table.participants.find((p) => p.seat === event.seat);
      expect(event.text.includes(seat?.fullName ?? '\u0000'), event.text).toBe(on);
    }
    expect(firsts).toBeGreaterThanOrEqual(3);
  },
  60_000,
);
