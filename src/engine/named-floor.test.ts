// A seat named in the last reply gets the floor (the spec: "a participant who is named or
// @mentioned gets the floor"), before a seat the silence guard says must speak: that seat waits,
// the turn says so (withheld {silence-guard, answer}), and it speaks at the next turn that has no
// named seat, or once it is SILENCE_WAITS_FOR_ANSWERS turns past its time.
import { describe, expect, it } from 'vitest';
import { SILENCE_WAITS_FOR_ANSWERS } from './guards/floor-guards.js';
import { bareFloor, chain, floorOf, runScripted, turnsOf } from './test-utils/scripted-run.js';

// Round-robin starts with Ann; Cy and Dee have not spoken by turn 4, when the silence guard
// says Cy must (every seat speaks by turn seats + 1).
const settings = bareFloor;

describe('a named seat gets the floor', () => {
  it('before the silence guard, whose seat waits for the answer and speaks next', async () => {
    const script = chain({
      Ann: ['Bob, what would it cost?', 'Bob, and who pays in year ten?'],
      Bob: ['Ann, about two million.'],
    });
    const { events } = await runScripted({ settings, script });
    expect(turnsOf(events).slice(2, 6).map(floorOf)).toEqual([
      { speaker: 'Ann', reason: 'mention', why: 'named by Bob' },
      {
        speaker: 'Bob',
        reason: 'mention',
        why: 'named by Ann; silence guard: Cy has not spoken yet, waits for the answer',
        withheld: [{ decision: 'silence-guard', reason: 'answer', seat: 3, speaker: 'Cy' }],
      },
      { speaker: 'Cy', reason: 'guard', why: 'silence guard: Cy has not spoken yet' },
      { speaker: 'Dee', reason: 'guard', why: 'silence guard: Dee has not spoken yet' },
    ]);
  });

  it('keeps a silent seat out SILENCE_WAITS_FOR_ANSWERS turns past its time at most', async () => {
    expect(SILENCE_WAITS_FOR_ANSWERS).toBe(2);
    // A chain of names: Bob names Dee (unheard too, so her turn is no wait for anyone), Dee
    // names Ann, Ann names Bob. Once Dee has spoken, Cy alone is unheard, and its time is turn
    // seats + 1 = 5: it speaks on turn 7, two turns late, though Ann named Bob.
    const script = chain({
      Ann: ['Bob, what would it cost?', 'Bob, and who pays?', 'Bob, in year ten?'],
      Bob: ['Ann, about two million.', 'Dee, you have the figures?'],
      Dee: ['Ann, they are in the annex.'],
    });
    const { events } = await runScripted({ settings, script });
    const waits = [{ decision: 'silence-guard', reason: 'answer', seat: 3, speaker: 'Cy' }];
    const cyWaits = '; silence guard: Cy has not spoken yet, waits for the answer';
    expect(turnsOf(events).slice(3, 8).map(floorOf)).toEqual([
      { speaker: 'Bob', reason: 'mention', why: `named by Ann${cyWaits}`, withheld: waits },
      { speaker: 'Dee', reason: 'mention', why: `named by Bob${cyWaits}`, withheld: waits },
      { speaker: 'Ann', reason: 'mention', why: `named by Dee${cyWaits}`, withheld: waits },
      {
        speaker: 'Cy',
        reason: 'guard',
        why: 'silence guard: Cy has not spoken yet, 2 turns overdue',
      },
      { speaker: 'Dee', reason: 'round-robin', why: undefined },
    ]);
  });

  it('that the silence guard wanted too, and the label says it was named', async () => {
    const script = chain({
      Ann: ['Bob, what would it cost?', 'Cy, you have not said a word: what do you think?'],
      Bob: ['Ann, about two million.'],
    });
    const { events } = await runScripted({ settings, script });
    expect(turnsOf(events).slice(3, 5).map(floorOf)).toEqual([
      { speaker: 'Cy', reason: 'mention', why: 'named by Ann' },
      { speaker: 'Dee', reason: 'guard', why: 'silence guard: Dee has not spoken yet' },
    ]);
  });
});
