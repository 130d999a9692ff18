import { describe, expect, it } from 'vitest';
import { firstInvitation, INVITATIONS, invitationForm, invitations } from './lines.js';

const slots = { name: 'Ines', second: 'Juno', phrase: 'the viaduct', question: 'should we?' };
const texts = INVITATIONS.map((line) => line(slots) ?? '');

describe('invitations', () => {
  it('knows each form by its words, the topic’s question put to someone last', () => {
    expect(texts.map(invitationForm)).toEqual(INVITATIONS.map((_, i) => i));
    expect(invitationForm('Ines, is that the plan?')).toBe(texts.indexOf('Ines, should we?'));
    expect(invitationForm('I agree with Ines.')).toBe(-1);
  });

  it('offers none heard tonight, and the forms used lately after the others', () => {
    const used = new Set([0, 9]);
    const heard = (line: string) => line === texts[3];
    const offered = invitations(slots, used, heard, Math.random);
    expect(offered).not.toContain(texts[3]);
    expect(offered).toHaveLength(texts.length - 1);
    expect(new Set(offered.slice(-2))).toEqual(new Set([texts[0], texts[9]]));
  });

  it('takes the first that fits in the order offered, hearing none past it', () => {
    const used = new Set([0, 9]);
    const offered = invitations(slots, used, () => false, seeded());
    for (const refused of [0, 3, offered.length - 1]) {
      const tried: string[] = [];
      let heard = 0;
      const taken = firstInvitation(
        slots,
        used,
        () => heard++ < 0,
        seeded(),
        (line) => tried.push(line) > refused,
      );
      expect(taken).toBe(offered[refused]);
      expect(tried).toEqual(offered.slice(0, refused + 1));
      // The forms used lately come last: taking one hears every form; taking another, no more
      // than those before it in the shuffle.
      if (refused < offered.length - 2) expect(heard).toBeLessThan(texts.length);
    }
  });
});

/** The same stream each call. */
function seeded(): () => number {
  let state = 7;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}
