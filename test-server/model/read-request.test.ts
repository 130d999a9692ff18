import { describe, expect, it } from 'vitest';
import { engineRequests, fixtureTable, inputOf } from '../test-utils/engine-requests.js';
import { readGuidance } from './guidance.js';
import type { MessageReading } from './message-memo.js';
import { paragraphsOf, readChat } from './read-request.js';

describe('readChat on the engine’s own requests', () => {
  it('finds the persona, context, roster, instructions, turns, moderator lines and the ask', async () => {
    const { requests, events } = await engineRequests({ seed: 8, turns: 6 });
    const request = requests[4];
    if (request === undefined) throw new Error('no fifth request');
    const read = readChat(inputOf(request));
    const self = fixtureTable.participants.find((p) => p.name === request.speaker);
    expect(read.table?.persona).toBe(self?.prompt);
    expect(read.table?.context).toBe(fixtureTable.task.context);
    expect(read.table?.instructions).toBe(fixtureTable.task.instructions);
    expect(read.table?.self).toEqual({ name: self?.name, fullName: self?.fullName });
    expect(read.table?.others.map((seat) => seat.name).sort()).toEqual(
      fixtureTable.participants
        .filter((p) => p.name !== request.speaker)
        .map((p) => p.name)
        .sort(),
    );
    // Every turn before this one, by whom, in order; own turns marked.
    const turns = events.flatMap((e) => (e.type === 'turn-ended' && e.turn < 5 ? [e] : []));
    const spoken = read.units.filter((unit) => !unit.moderator);
    expect(spoken.map((unit) => [unit.speaker, unit.text, unit.own])).toEqual(
      turns.map((turn) => [turn.speaker, turn.text, turn.speaker === request.speaker]),
    );
    expect(read.units[0]?.moderator).toBe(true);
    expect(read.units[0]?.text).toMatch(/^Welcome/);
    expect(read.ask).toMatch(new RegExp(`^${request.speaker}, the floor is yours`));
  });

  it('reads the guidance of each turn: topic, turn k of N, directives', async () => {
    const { requests, events } = await engineRequests({ seed: 3, turns: 10 });
    const starts = events.flatMap((e) =>
      e.type === 'turn-started' && e.kind === 'turn' ? [e] : [],
    );
    expect(starts).toHaveLength(10);
    for (const start of starts) {
      const request = requests[start.turn - 1];
      if (request === undefined) throw new Error(`no request for turn ${start.turn}`);
      const read = readChat(inputOf(request));
      const others = read.table?.others.map((seat) => seat.name) ?? [];
      const guidance = readGuidance(read.ask ?? '', others);
      expect(guidance.kind).toBe('turn');
      expect(guidance.turn).toBe(start.turn);
      expect(guidance.turns).toBe(10);
      expect(guidance.topic).toBe(start.topic.text);
      expect(guidance.invite).toBe(start.directives.includes('invite-opinions'));
      expect(guidance.wrapUp).toBe(start.directives.includes('wrap-up'));
      expect(guidance.lastTurn).toBe(start.turnsLeft === 0);
      const first = !requests
        .slice(0, start.turn - 1)
        .some((earlier) => earlier.speaker === request.speaker);
      expect(guidance.introduce).toBe(first);
    }
  });

  it('knows the summary request, and leaves the summarize text out of the conversation', async () => {
    const { requests } = await engineRequests({ seed: 3, turns: 4 });
    const summary = requests.at(-1);
    if (summary === undefined) throw new Error('no summary request');
    const read = readChat(inputOf(summary));
    expect(read.ask).toBe(fixtureTable.task.summarize);
    expect(readGuidance(read.ask ?? '', []).kind).toBe('summary');
    expect(read.units.some((unit) => unit.text.includes(fixtureTable.task.summarize))).toBe(false);
  });
});

describe('readChat on other clients’ requests', () => {
  it('reads plain user and assistant text as conversation and system text as instructions', () => {
    const read = readChat(
      [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Tell me about trams.\n\nAnd buses, please.' },
        { role: 'assistant', content: 'Trams are rail vehicles.' },
        { role: 'user', content: 'Go on.' },
      ].map((m) => ({ role: m.role, text: m.content })),
    );
    expect(read.table).toBeUndefined();
    expect(read.systemTexts).toEqual(['You are a helpful assistant.']);
    expect(read.units.map((unit) => [unit.text, unit.own])).toEqual([
      ['Tell me about trams.\n\nAnd buses, please.', false],
      ['Trams are rail vehicles.', true],
      ['Go on.', false],
    ]);
    expect(read.ask).toBeUndefined();
  });

  it('keeps a multi-paragraph turn together and takes tags only of seats at the table', () => {
    const system =
      'You are Ada.\n\nAt the table:\nYou are Ada (Ada Okafor).\nAlso at the table:\n- Bo (Bo Li)';
    const read = readChat([
      { role: 'system', text: system },
      {
        role: 'user',
        text: 'Bo: First part.\n\nSecond part.\n\nNote: not a seat.\n\nModerator: Ada, go.',
      },
    ]);
    expect(read.table?.others).toEqual([{ name: 'Bo', fullName: 'Bo Li' }]);
    expect(read.units).toEqual([
      {
        speaker: 'Bo',
        moderator: false,
        own: false,
        text: 'First part.\n\nSecond part.\n\nNote: not a seat.',
      },
    ]);
    expect(read.ask).toBe('Ada, go.');
  });

  it('tags turns by the names of each request’s own table, one table after another', () => {
    // Tag patterns are kept by the names (see tagPattern): tables take turns here.
    const tableOf = (self: string, other: string) => [
      {
        role: 'system',
        text: `You are ${self}.\n\nAt the table:\nYou are ${self}.\nAlso at the table:\n- ${other}`,
      },
      { role: 'user', text: `${other}: Mine.\n\nCy: Not a seat here.\n\nModerator: ${self}, go.` },
    ];
    const speakers = (self: string, other: string) =>
      readChat(tableOf(self, other)).units.map((unit) => [unit.speaker, unit.text]);
    for (let round = 0; round < 2; round++) {
      expect(speakers('Ada', 'Bo')).toEqual([['Bo', 'Mine.\n\nCy: Not a seat here.']]);
      expect(speakers('Ada', 'Cy')).toEqual([
        ['Cy', 'Mine.'],
        ['Cy', 'Not a seat here.'],
      ]);
      expect(speakers('Bo', 'Ada')).toEqual([['Ada', 'Mine.\n\nCy: Not a seat here.']]);
    }
  });

  it('asks a remembered message read the same way for every seat of a table', () => {
    // Names of one length: each seat lists them in an order of its own (itself first).
    const names = ['Juno', 'Ines', 'Kofi', 'Rafa'];
    const said = 'Ines: We could start small.\n\nKofi: Or not at all.\n\nJuno: Both, then.';
    const asked: string[] = [];
    const units = names.map((self) => {
      const roster = names
        .filter((name) => name !== self)
        .map((name) => `- ${name}`)
        .join('\n');
      const system = `You are ${self}.\n\nAt the table:\nYou are ${self}.\nAlso at the table:\n${roster}`;
      const reading = {
        turns: (context: string, read: () => unknown) => {
          asked.push(context);
          return read();
        },
      } as unknown as MessageReading;
      return readChat([
        { role: 'system', text: system },
        { role: 'user', text: said, reading },
      ]).units.map((unit) => [unit.speaker, unit.text]);
    });
    // One reading serves the table: the same key from every seat, and the same turns.
    expect(new Set(asked).size).toBe(1);
    for (const read of units)
      expect(read).toEqual([
        ['Ines', 'We could start small.'],
        ['Kofi', 'Or not at all.'],
        ['Juno', 'Both, then.'],
      ]);
  });
});

describe('paragraphsOf', () => {
  it('splits as /\\n[ \\t]*\\n/ does, over generated texts', () => {
    const pieces = ['a', 'b', ' ', '\t', '\n', '\n\n', '\n \n', '\r', 'é'];
    let state = 99;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state;
    };
    for (let n = 0; n < 5_000; n++) {
      let text = '';
      const length = next() % 16;
      for (let i = 0; i < length; i++) text += pieces[next() % pieces.length];
      expect(paragraphsOf(text), JSON.stringify(text)).toEqual(text.split(/\n[ \t]*\n/));
    }
  });
});
