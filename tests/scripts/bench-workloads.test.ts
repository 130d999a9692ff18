import { describe, expect, it } from 'vitest';
import { asPass } from '../../scripts/bench-server-workloads.js';
import { readChat } from '../../test-server/model/read-request.js';

// Two requests of one discussion as roundtable sends them: Ines's and, a turn later, Juno's.
const system = (self: string, other: string) =>
  `A persona.\n\nAt the table:\nYou are ${self} (${self} Full).\n- ${other} (${other} Full)`;
const inesTurn = 'The first step should be cheap.\n\nAnd easy to reverse.';
const ines = {
  messages: [
    { role: 'system', content: system('Ines', 'Juno') },
    { role: 'user', content: 'Moderator: Welcome. Our first topic: the branch line.' },
    { role: 'assistant', content: inesTurn },
    { role: 'user', content: 'Juno: Housing first.\n\nModerator: Ines, what do you make of it?' },
  ],
};
const juno = {
  messages: [
    { role: 'system', content: system('Juno', 'Ines') },
    {
      role: 'user',
      content: `Moderator: Welcome. Our first topic: the branch line.\n\nInes: ${inesTurn}`,
    },
    { role: 'assistant', content: 'Housing first.' },
    { role: 'user', content: 'Moderator: Juno, your answer?' },
  ],
};

function read(body: object, pass: number) {
  const tagged = JSON.parse(asPass(Buffer.from(JSON.stringify(body)), pass).toString('utf8'));
  return readChat(
    tagged.messages.map((m: { role: string; content: string }) => ({
      role: m.role,
      text: m.content,
    })),
  );
}

describe('scripts/bench-server-workloads.ts asPass', () => {
  it("reads a seat's turn alike in its own request and in another seat's", () => {
    const inesUnits = read(ines, 3).units;
    const junoUnits = read(juno, 3).units;
    const said = (units: typeof inesUnits, speaker: string) =>
      units.filter((unit) => unit.speaker === speaker).map((unit) => unit.text);
    expect(said(inesUnits, 'Ines')).toEqual(said(junoUnits, 'Ines'));
    expect(said(inesUnits, 'Juno')).toEqual(said(junoUnits, 'Juno'));
  });

  it("gives every seat's turn a text of the pass's own, and leaves the moderator's lines", () => {
    const [first, second] = [read(ines, 1), read(ines, 2)];
    const texts = (units: typeof first.units, moderator: boolean) =>
      units.filter((unit) => unit.moderator === moderator).map((unit) => unit.text);
    const turns = [texts(first.units, false), texts(second.units, false)];
    expect(turns[0]).toHaveLength(2);
    for (const [i, text] of (turns[0] ?? []).entries()) expect(turns[1]?.[i]).not.toBe(text);
    expect(first.ask).toBe('Ines, what do you make of it?');
    expect(second.ask).toBe(first.ask);
    // The first message still keys a conversation of the pass's own.
    expect(texts(first.units, true)).not.toEqual(texts(second.units, true));
  });
});
