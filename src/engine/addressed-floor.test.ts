// With `floor: addressed`, a seat addressed in the last reply gets the floor; one only spoken of
// does not jump the queue (session 15: "Margit knows what I mean." gave Margit the next turn). The
// turn says how the seat was addressed, or which seat was named in passing. The default, `named`,
// gives the floor to the seat named last, as before, and says neither.
import { describe, expect, it } from 'vitest';
import { bareFloor, chain, runScripted, turnsOf } from './test-utils/scripted-run.js';

const settings = { ...bareFloor, floor: 'addressed' } as const;

const floorAndNaming = (e: ReturnType<typeof turnsOf>[number]) => ({
  speaker: e.speaker,
  reason: e.reason,
  ...(e.addressed === undefined ? {} : { addressed: e.addressed }),
  ...(e.passedOver === undefined ? {} : { passedOver: e.passedOver.speaker }),
});

describe('the floor after a reply that names someone', () => {
  it('goes to a seat addressed, and says how', async () => {
    const script = chain({
      Ann: ['Cy, what would it cost?'],
      Cy: ['It would cost two million. Does Dee agree?'],
      Dee: ["I agree. I'd like to hear Bob's view on who pays."],
      Bob: ['@ann has the figures.'],
    });
    const { events } = await runScripted({ settings, script });
    expect(turnsOf(events).slice(0, 5).map(floorAndNaming)).toEqual([
      { speaker: 'Ann', reason: 'round-robin' },
      { speaker: 'Cy', reason: 'mention', addressed: 'vocative' },
      { speaker: 'Dee', reason: 'mention', addressed: 'question' },
      { speaker: 'Bob', reason: 'mention', addressed: 'request' },
      { speaker: 'Ann', reason: 'mention', addressed: 'at' },
    ]);
  });

  it('does not go to a seat only spoken of, and the next turn names it', async () => {
    // Round-robin from Ann: Bob next. Ann's sign-off names Dee, her reaction names Cy: neither
    // was addressed, so Bob, then Cy in turn.
    const script = chain({
      Ann: ['I want the sums first. Dee knows what I mean.'],
      Bob: ['I agree with Ann about the sums.'],
    });
    const { events } = await runScripted({ settings, script });
    expect(turnsOf(events).slice(0, 3).map(floorAndNaming)).toEqual([
      { speaker: 'Ann', reason: 'round-robin' },
      { speaker: 'Bob', reason: 'round-robin', passedOver: 'Dee' },
      // Bob spoke of Ann, who spoke last: round-robin goes on to Cy.
      { speaker: 'Cy', reason: 'round-robin', passedOver: 'Ann' },
    ]);
  });

  it('the last seat addressed wins over a seat named in passing after it', async () => {
    const script = chain({ Ann: ['Dee, where do you stand? Cy knows what I mean.'] });
    const { events } = await runScripted({ settings, script });
    expect(floorAndNaming(turnsOf(events)[1] as ReturnType<typeof turnsOf>[number])).toEqual({
      speaker: 'Dee',
      reason: 'mention',
      addressed: 'vocative',
    });
  });

  it('by default (`floor: named`) goes to the seat named last, and says nothing more', async () => {
    const script = chain({
      Ann: ['I want the sums first. Dee knows what I mean.'],
      Dee: ['Bob, what would it cost?'],
    });
    const { events } = await runScripted({ settings: bareFloor, script });
    const turns = turnsOf(events);
    expect(turns.slice(0, 3).map(floorAndNaming)).toEqual([
      { speaker: 'Ann', reason: 'round-robin' },
      { speaker: 'Dee', reason: 'mention' },
      { speaker: 'Bob', reason: 'mention' },
    ]);
    expect(turns.every((e) => !('addressed' in e) && !('passedOver' in e))).toBe(true);
  });
});
