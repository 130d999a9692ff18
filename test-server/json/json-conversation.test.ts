// Structured answers that fit the conversation they answer: a moderator's choice of the next
// seat and its action, a summary record's stance groups, a closing position.
import { describe, expect, it } from 'vitest';
import { moderatorRequest } from '../../src/engine/policies/moderator.js';
import {
  summaryRecordInstruction,
  summaryRecordJsonSchema,
} from '../../src/outcome/summary-record.js';
import { engineRequests } from '../test-utils/engine-requests.js';
import { jsonClient, jsonSchema } from '../test-utils/json-client.js';

const { answerOf } = jsonClient();

/** The seventh request of an 8-turn discussion (seed 3): a seat's turn with a history to read. */
async function seventhRequest() {
  const { requests } = await engineRequests({ seed: 3, turns: 8 });
  const request = requests[6];
  if (request === undefined) throw new Error('no request');
  return request;
}

describe('answers that fit the conversation', () => {
  it("a moderator's {next, reason, steer, action}: the seat just asked, and why", async () => {
    const { requests } = await engineRequests({ seed: 3, turns: 8 });
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['next', 'reason', 'steer', 'action'],
      properties: {
        next: { type: 'string', enum: ['Ann', 'Bob', 'Cy', 'Dee'] },
        reason: { type: 'string' },
        steer: { type: ['string', 'null'] },
        action: { type: 'string', enum: ['continue', 'next-topic', 'end'] },
      },
    };
    const history = requests[5]?.messages ?? [];
    const messages = [
      { role: 'system', content: 'You moderate a discussion. Choose who speaks next.' },
      {
        role: 'user',
        content: `${history
          .slice(1)
          .map((m) => m.content)
          .join('\n\n')}\n\nDee: I have said my piece. Bob, would the planning office back a levy?`,
      },
    ];
    const actions = new Map<string, number>();
    for (let seed = 0; seed < 20; seed++) {
      const value = await answerOf({ messages, seed, response_format: jsonSchema(schema) });
      expect(value.next).toBe('Bob');
      expect(value.reason).toMatch(/Bob/);
      actions.set(value.action, (actions.get(value.action) ?? 0) + 1);
    }
    expect(actions.get('continue')).toBeGreaterThan(12);
  });

  it("a moderator's action: 'end' only as the turns run out, or when the seats propose it", async () => {
    const seats = ['Ann', 'Bob', 'Cy', 'Dee'].map((name, i) => ({
      seat: i + 1,
      name,
      fullName: `${name} Example`,
      creativity: 0.5,
      prompt: `You are ${name}.`,
    }));
    const entries = [
      { kind: 'turn' as const, seat: 1, speaker: 'Ann', text: 'Parks need upkeep money.' },
      { kind: 'turn' as const, seat: 2, speaker: 'Bob', text: 'A tram costs more per year.' },
    ];
    /** How many of 200 asks end the discussion, with this many turns left. */
    const ends = async (turnsLeft: number, proposedEnd: string[] = []) => {
      const request = moderatorRequest(
        {
          participants: seats,
          context: 'A town decides what to build.',
          topic: 'What should we build?',
          entries,
          candidates: ['Ann', 'Cy', 'Dee'],
          proposedEnd,
          turnsLeft,
        },
        {},
      );
      const format = request.responseFormat;
      if (format?.type !== 'json_schema') throw new Error('the moderator asks for a schema');
      let count = 0;
      for (let seed = 0; seed < 200; seed++) {
        const answer = await answerOf({
          messages: request.messages,
          seed,
          response_format: jsonSchema(format.schema, format.name),
        });
        if (answer.action === 'end') count++;
      }
      return count;
    };
    // 30 turns left: a moderator lets the discussion go on (it was ~5% of asks, whatever the
    // budget, which ended a long run near its 20th turn).
    expect(await ends(30)).toBe(0);
    const late = await ends(1);
    expect(late).toBeGreaterThan(20);
    expect(late).toBeLessThan(90);
    expect(await ends(3)).toBeLessThan(late);
    expect(await ends(3, ['Ann', 'Cy'])).toBeGreaterThan(await ends(3));
  }, 60_000);

  it("the summary record's stance groups: each names someone, and each person once while some are left", async () => {
    const request = await seventhRequest();
    const names = ['Ann', 'Bob', 'Cy', 'Dee'];
    const free = [
      { index: 1, text: 'What should the river bank become?', options: [] },
      { index: 2, text: 'Who pays for the upkeep?', options: [] },
    ];
    const messages = [
      ...request.messages,
      { role: 'user', content: `Moderator: ${summaryRecordInstruction(free, names)}` },
    ];
    let groups = 0;
    for (let seed = 0; seed < 30; seed++) {
      const record = (await answerOf({
        messages,
        seed,
        response_format: jsonSchema(summaryRecordJsonSchema(free, names), 'record'),
      })) as {
        groups: { seats: string[] }[];
      };
      const placed = new Set<string>();
      for (const group of record.groups) {
        groups++;
        expect(group.seats.length).toBeGreaterThan(0);
        expect(new Set(group.seats).size).toBe(group.seats.length);
        // Someone in two stances only once everyone stands somewhere.
        if (group.seats.some((seat) => placed.has(seat))) expect(placed.size).toBe(names.length);
        for (const seat of group.seats) placed.add(seat);
      }
    }
    expect(groups).toBeGreaterThan(20);
  });

  it('a closing position: the question at hand, an option, a confidence, a reason', async () => {
    const request = await seventhRequest();
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['question', 'position', 'confidence', 'changedMind', 'because'],
      properties: {
        question: { type: 'string' },
        position: { type: 'string', enum: ['park', 'housing', 'tram'] },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        changedMind: { type: 'boolean' },
        because: { type: 'string' },
      },
    };
    const value = await answerOf({
      messages: request.messages,
      seed: 1,
      response_format: jsonSchema(schema),
    });
    expect(value.question).toMatch(/\?$/);
    expect(['park', 'housing', 'tram']).toContain(value.position);
    expect(value.confidence).toBeGreaterThan(0.5);
    expect(value.because).toMatch(/^Because /);
  });
  it('a debater\'s position: the side it argues ("Your side: housing."), whatever it leans to', async () => {
    const request = await seventhRequest();
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['position', 'confidence', 'because'],
      properties: {
        position: { type: 'string', enum: ['park', 'housing', 'tram'] },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        because: { type: 'string' },
      },
    };
    const [system, ...rest] = request.messages;
    const sided = [
      { ...system, content: `${system?.content ?? ''}\nYour side: housing.` },
      ...rest,
    ];
    const chosen = async (messages: typeof request.messages) => {
      const positions: unknown[] = [];
      for (let seed = 0; seed < 12; seed++) {
        const value = await answerOf({ messages, seed, response_format: jsonSchema(schema) });
        positions.push(value.position);
      }
      return positions;
    };
    expect(new Set(await chosen(request.messages)).size).toBeGreaterThan(1);
    expect(await chosen(sided as typeof request.messages)).toEqual(Array(12).fill('housing'));
  });
});
