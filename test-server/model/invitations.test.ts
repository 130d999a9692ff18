import { describe, expect, it } from 'vitest';
import { INVITATIONS, invitationForm, invitations } from './lines.js';

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
});
