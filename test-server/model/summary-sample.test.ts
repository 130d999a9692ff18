import { describe, expect, it } from 'vitest';
import type { Unit } from './read-request.js';
import { sampledTurns, TURNS_READ } from './summary.js';

const turn = (speaker: string, i: number): Unit => ({
  speaker,
  moderator: false,
  own: false,
  text: `turn ${i}`,
});
const line = (i: number): Unit => ({
  speaker: undefined,
  moderator: true,
  own: false,
  text: `m ${i}`,
});

describe('the turns a summary reads', () => {
  it('are every turn of a short discussion', () => {
    const units = [
      line(0),
      ...Array.from({ length: 12 }, (_, i) => turn(['Ann', 'Bo', 'Cy'][i % 3] as string, i)),
    ];
    expect(sampledTurns(units, units.length)).toEqual(units);
    expect(sampledTurns(units, 5)).toEqual(units.slice(0, 5));
  });

  it("are a few of each seat's turns of a long one, its first and last among them", () => {
    const seats = ['Ann', 'Bo', 'Cy', 'Dee'];
    const units: Unit[] = [];
    for (let i = 0; i < 200; i++) {
      if (i % 25 === 0) units.push(line(i));
      // Ann speaks twice as often as the others.
      units.push(turn(i % 2 === 0 ? 'Ann' : (seats[1 + (i % 3)] as string), i));
    }
    const read = sampledTurns(units, units.length);
    for (const seat of seats) {
      const all = units.filter((unit) => unit.speaker === seat);
      const kept = read.filter((unit) => unit.speaker === seat);
      expect(kept.length).toBe(TURNS_READ);
      expect(kept[0]).toBe(all[0]);
      expect(kept.at(-1)).toBe(all.at(-1));
    }
    // Every moderator line, in order with the turns.
    expect(read.filter((unit) => unit.moderator).length).toBe(8);
    expect(read.map((unit) => units.indexOf(unit))).toEqual(
      [...read.map((unit) => units.indexOf(unit))].sort((a, b) => a - b),
    );
  });
});
