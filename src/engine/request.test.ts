import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './history.js';
import { seatConversation } from './history.js';
import type { ModelRequest } from './model.js';
import {
  buildSummaryRequest,
  buildTurnRequest,
  openingText,
  systemMessage,
  type TurnGuidance,
} from './request.js';
import type { Participant } from './table.js';
import { fixtureParticipants, fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { renderRequest } from './test-utils/render-request.js';

const settings = fixtureSettings({ temperature: { min: 0.2, max: 1.2 } });
const [ann, bob, cy, dee] = fixtureParticipants as [
  Participant,
  Participant,
  Participant,
  Participant,
];
const question = (i: number) => ({ index: i, text: fixtureTable.task.questions[i] ?? '' });

// Six turns, a scheduled topic change and a moderator interjection: everything a request holds.
const turn = (p: Participant, text: string): HistoryEntry => ({
  kind: 'turn',
  seat: p.seat,
  speaker: p.name,
  text,
});
const history: HistoryEntry[] = [
  { kind: 'moderator', text: openingText(settings, question(0)) },
  turn(cy, 'I am Cyrus, a painter. A park, obviously: people need air, not more asphalt.'),
  turn(ann, 'Ann Lee, engineer. Before we pick, what does each option cost per metre? Bob?'),
  turn(bob, 'Robert, planner. Trams cost most up front but pay back. Dee, your view?'),
  { kind: 'moderator', text: 'New topic: Who should pay for it?' },
  turn(dee, 'Deirdre here. Let the people who gain the most land value pay: a levy.'),
  turn(ann, 'A levy needs a valuation first. Cy, would artists accept a levy too?'),
  { kind: 'moderator', text: 'Keep it concrete, please. @Cy, go ahead.' },
  turn(cy, 'Artists would pay in kind: murals, events. Bob, is that bankable?'),
];

const guidance: TurnGuidance = {
  turn: 7,
  turns: 10,
  topic: question(1),
  topicChanged: false,
  directives: ['invite-opinions'],
  turnsLeft: 3,
  introduce: false,
};

const requestFor = (participant: Participant): ModelRequest =>
  buildTurnRequest({
    table: fixtureTable,
    settings,
    participant,
    conversation: seatConversation(history, participant.seat),
    guidance,
  });

describe('buildTurnRequest', () => {
  it.each(fixtureParticipants.map((p) => [p.name, p] as const))(
    'builds %s’s request from its own point of view (snapshot)',
    async (_, participant) => {
      await expect(
        renderRequest(requestFor(participant), `${participant.name} at turn 7`),
      ).toMatchFileSnapshot(`__snapshots__/request.seat-${participant.seat}.txt`);
    },
  );

  it.each(fixtureParticipants.map((p) => [p.name, p] as const))(
    'gives %s one system message, then strictly alternating roles starting with user',
    (_, participant) => {
      const { messages } = requestFor(participant);
      expect(messages[0]?.role).toBe('system');
      expect(messages.slice(1).every((m) => m.role !== 'system')).toBe(true);
      messages.slice(1).forEach((message, i) => {
        expect(message.role).toBe(i % 2 === 0 ? 'user' : 'assistant');
      });
      expect(messages.at(-1)?.role).toBe('user');
    },
  );

  it('sends a seat its own turns as assistant, the others’ tagged with their names', () => {
    const { messages } = requestFor(ann);
    const assistant = messages.filter((m) => m.role === 'assistant').map((m) => m.content);
    expect(assistant).toEqual([
      'Ann Lee, engineer. Before we pick, what does each option cost per metre? Bob?',
      'A levy needs a valuation first. Cy, would artists accept a levy too?',
    ]);
    const user = messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n\n');
    expect(user).toContain('Cy: I am Cyrus, a painter.');
    expect(user).toContain('Bob: Robert, planner.');
    expect(user).toContain('Dee: Deirdre here.');
    expect(user).toContain('Moderator: Keep it concrete, please. @Cy, go ahead.');
    expect(user).not.toContain('Ann: ');
  });

  it('puts the guidance last: topic, directives, turns left', () => {
    const last = requestFor(bob).messages.at(-1)?.content ?? '';
    const guidanceStart = last.lastIndexOf('Moderator: Bob, the floor is yours');
    expect(guidanceStart).toBeGreaterThan(0);
    const text = last.slice(guidanceStart);
    expect(text).toContain('turn 7 of 10, 3 turns left after this one');
    expect(text).toContain('Topic: Who should pay for it?');
    expect(text).toContain("Invite the others' opinions");
    expect(text).not.toContain('wrap up');
    expect(last.slice(0, guidanceStart)).toContain('Cy: Artists would pay in kind');
  });

  it('says "the last turn" and "time to wrap up" at the end, counting turns not minutes', () => {
    const request = buildTurnRequest({
      table: fixtureTable,
      settings,
      participant: dee,
      conversation: seatConversation(history, dee.seat),
      guidance: {
        ...guidance,
        turn: 10,
        turnsLeft: 0,
        directives: ['wrap-up'],
        topicChanged: true,
      },
    });
    const last = request.messages.at(-1)?.content ?? '';
    expect(last).toContain('(turn 10 of 10, the last turn)');
    expect(last).toContain('Time to wrap up');
    expect(last).toContain('New topic: Who should pay for it?');
    expect(last).not.toMatch(/minute/u);
  });

  it('maps creativity to temperature and takes the seat’s model, endpoint and budget', () => {
    expect(requestFor(ann)).toMatchObject({ temperature: 0.4, maxTokens: 200, model: undefined });
    expect(requestFor(bob)).toMatchObject({
      model: 'planner-7b',
      endpoint: 'local',
      purpose: 'turn',
    });
    expect(requestFor(cy).temperature).toBeCloseTo(1.0);
    expect(requestFor(cy).maxTokens).toBe(300);
    expect(requestFor(dee).temperature).toBeCloseTo(1.2);
  });

  it('lets the opener’s first request be the opening and guidance alone', () => {
    const request = buildTurnRequest({
      table: fixtureTable,
      settings,
      participant: dee,
      conversation: seatConversation(history.slice(0, 1), dee.seat),
      guidance: { ...guidance, turn: 1, turnsLeft: 9, directives: [], introduce: true },
    });
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(request.messages[1]?.content).toMatch(/^Moderator: Welcome to the table/u);
    expect(request.messages[1]?.content).toContain('Our first topic: Should the railway become');
    expect(request.messages[1]?.content).toContain('introduce yourself');
  });

  it('opens with a user message even when the history starts with the seat’s own turn', () => {
    const request = buildTurnRequest({
      table: fixtureTable,
      settings,
      participant: cy,
      conversation: seatConversation(history.slice(1, 3), cy.seat),
      guidance,
    });
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  });
});

describe('systemMessage', () => {
  it('holds persona, context, the table with full names and "you are", and instructions', () => {
    const system = systemMessage(fixtureTable, settings, cy);
    const order = [
      cy.prompt,
      fixtureTable.task.context,
      'You are Cy (Cyrus Vance).',
      '- Ann (Ann Lee)',
      '- Bob (Robert Brown)',
      '- Dee (Deirdre Ng)',
      fixtureTable.task.instructions,
    ].map((part) => system.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(system).not.toContain('- Cy');
  });

  it('lists names only when introductions are off', () => {
    const system = systemMessage(fixtureTable, fixtureSettings({ introductions: false }), ann);
    expect(system).toContain('You are Ann.');
    expect(system).toContain('- Bob');
    expect(system).not.toContain('Robert Brown');
  });
});

describe('buildSummaryRequest', () => {
  it('is the summarizer’s own request: persona, whole discussion, summarize instruction', async () => {
    const request = buildSummaryRequest({
      table: fixtureTable,
      settings,
      participant: ann,
      conversation: seatConversation(history, ann.seat),
    });
    expect(request).toMatchObject({
      purpose: 'summary',
      seat: 1,
      temperature: 0.4,
      maxTokens: 200,
    });
    expect(request.messages[0]?.content).toBe(systemMessage(fixtureTable, settings, ann));
    const last = request.messages.at(-1)?.content ?? '';
    expect(last.endsWith(`Moderator: ${fixtureTable.task.summarize}`)).toBe(true);
    expect(last).not.toContain('the floor is yours');
    expect(last).not.toContain('wrap up');
    await expect(renderRequest(request, 'Ann summarizes')).toMatchFileSnapshot(
      '__snapshots__/request.summary.txt',
    );
  });
});
