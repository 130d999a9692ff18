import { describe, expect, it } from 'vitest';
import { summaryRecordJsonSchema } from '../../src/outcome/summary-record.js';
import type { Unit } from '../model/read-request.js';
import { openQuestions, quotedPositions, stanceGroups } from './quoted-positions.js';
import { actionOf, type RecordMaterial, recordPart } from './record-answers.js';

const turn = (speaker: string, text: string, own = false): Unit => ({
  speaker,
  moderator: false,
  own,
  text,
});

const Q1 = 'Should the branch line reopen?';
const Q2 = 'Who pays for the viaduct?';

const units: Unit[] = [
  { speaker: undefined, moderator: true, own: false, text: `${Q1} → trains (90% sure).` },
  turn('Ann', `${Q1} → the old position (60% sure).`),
  turn('Bob', 'I think we should get a second estimate for the repairs. Parks need upkeep.'),
  turn(
    'Ann',
    `${Q1} → A trail, then trains. (70% sure; I changed my mind). Because it is cheap.\n${Q2} → The county. (80% sure).`,
  ),
  turn('Bob', `${Q1} → A trail, then trains. (55% sure). Because we should be careful.`),
  turn('Cy', `${Q2} → Nobody yet (a levy?). (51% sure).`, true),
];

describe('the record made from what the request quotes', () => {
  it('reads each seat’s latest position per question, never the moderator’s lines', () => {
    const positions = quotedPositions(units);
    expect(Object.fromEntries(positions.get(Q1.toLowerCase()) ?? [])).toEqual({
      Ann: 'A trail, then trains.',
      Bob: 'A trail, then trains.',
    });
    expect(Object.fromEntries(positions.get(Q2.toLowerCase()) ?? [])).toEqual({
      Ann: 'The county.',
      Cy: 'Nobody yet (a levy?).',
    });
  });

  it('groups the seats that took the same position, each under its own words', () => {
    expect(stanceGroups([Q1, Q2], ['Ann', 'Bob', 'Cy'], quotedPositions(units))).toEqual([
      { question: Q1, stance: 'A trail, then trains.', seats: ['Ann', 'Bob'] },
      { question: Q2, stance: 'The county.', seats: ['Ann'] },
      { question: Q2, stance: 'Nobody yet (a levy?).', seats: ['Cy'] },
    ]);
  });

  it('leaves open the free questions no stance settled, never one answered by options', () => {
    const split = [
      turn('Ann', `${Q2} → The county. (80% sure).\nPark or tram? → park (70% sure).`),
      turn(
        'Bob',
        `${Q2} → A levy on the new houses. (60% sure).\nPark or tram? → tram (60% sure).`,
      ),
    ];
    expect(openQuestions(quotedPositions(split))).toEqual([Q2]);
    const agreed = [
      turn('Ann', `${Q2} → The county. (80% sure).`),
      turn('Bob', `${Q2} → The county. (60% sure).`),
      turn('Cy', `${Q2} → A levy. (60% sure).`),
    ];
    expect(openQuestions(quotedPositions(agreed))).toEqual([]);
    expect(openQuestions(quotedPositions([turn('Ann', `${Q1} → trains (90% sure).`)]))).toEqual([]);
  });

  it('turns a proposal into an action, verb first; an opinion or a vague one into none', () => {
    expect(actionOf('I think we should get a second estimate for the repairs.')).toBe(
      'Get a second estimate for the repairs.',
    );
    expect(actionOf('I would like us to look at what is already there.')).toBe(
      'Look at what is already there.',
    );
    expect(actionOf('I would start with the town covering running costs.')).toBe(
      'Start with the town covering running costs.',
    );
    expect(actionOf('We should be careful with the money.')).toBeUndefined();
    expect(actionOf('Let us look at it.')).toBeUndefined();
    expect(actionOf('Should we ask the county first?')).toBeUndefined();
    expect(actionOf('The viaduct needs repairs.')).toBeUndefined();
    // Read in seed 8 of the init table's record: "Much rather fix what we have …" (a preference,
    // not an action) and "Choose it for the right reasons." (what is "it"?).
    expect(actionOf('I would much rather fix what we have than promise something new.')).toBe(
      undefined,
    );
    expect(actionOf('If we choose this, we should choose it for the right reasons.')).toBe(
      undefined,
    );
    expect(actionOf('I would put the money where it helps the most people every day.')).toBe(
      'Put the money where it helps the most people every day.',
    );
  });

  it('answers the record schema’s groups and action items, shorter when the reply must be', () => {
    const schema = summaryRecordJsonSchema(
      [
        { index: 0, text: Q1, options: [] },
        { index: 1, text: Q2, options: [] },
      ],
      ['Ann', 'Bob', 'Cy'],
    ) as { properties: Record<string, unknown> };
    const material: RecordMaterial = {
      units,
      seats: ['Ann', 'Bob', 'Cy'],
      stances: () => [],
      random: () => 0.5,
      keep: () => true,
      maySay: () => true,
      actions: () => 2,
      fits: () => true,
    };
    expect(recordPart(schema.properties.groups as never, material)).toHaveLength(3);
    expect(recordPart(schema.properties.actionItems as never, material)).toEqual([
      { action: 'Get a second estimate for the repairs.', owner: 'Bob' },
    ]);
    // Too long for max_tokens: the last question's groups go first.
    const short = { ...material, fits: (part: unknown) => (part as unknown[]).length <= 2 };
    expect(recordPart(schema.properties.groups as never, short)).toEqual([
      { question: Q1, stance: 'A trail, then trains.', seats: ['Ann', 'Bob'] },
    ]);
    expect(recordPart({ type: 'array', items: { type: 'string' } }, material)).toBeUndefined();
  });
});
