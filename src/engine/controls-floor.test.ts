// The moderator's words at the table: interjections everyone hears, giving the floor (@Name,
// ask), and setting or moving on the topic.
import { describe, expect, it } from 'vitest';
import { lastUserMessage, ofType } from './test-utils/fake-model.js';
import { fixtureTable } from './test-utils/fixture.js';
import { once, speaksScript as plain, steer } from './test-utils/steer.js';

describe('interjections and the floor', () => {
  it('is heard by every participant from then on, and @Name gives Name the floor', async () => {
    const text = 'Let us be concrete. @Dee, numbers please.';
    const { events, fake } = await steer(
      (r) => (r.speaker === 'Dee' ? 'Dee speaks.' : 'Ann?'),
      once((e) => e.type === 'turn-started' && e.turn === 2, { type: 'interject', text }),
      { turns: 10 },
    );
    const at = events.findIndex((e) => e.type === 'interjection');
    expect(events[at - 2]).toMatchObject({ type: 'turn-ended', turn: 2 });
    expect(events[at - 1]).toEqual({ type: 'command', command: { type: 'interject', text } });
    expect(events[at]).toEqual({ type: 'interjection', beforeTurn: 3, text, mention: 'Dee' });
    expect(events[at + 1]).toMatchObject({
      type: 'turn-started',
      turn: 3,
      speaker: 'Dee',
      reason: 'moderator',
    });
    const later = fake.requests.slice(2);
    expect(new Set(later.map((r) => r.seat)).size).toBeGreaterThanOrEqual(2);
    for (const request of later)
      expect(JSON.stringify(request.messages)).toContain(`Moderator: ${text}`);
    for (const request of fake.requests.slice(0, 2))
      expect(JSON.stringify(request.messages)).not.toContain(text);
  });

  it('without an @mention leaves the floor to the usual rules', async () => {
    const { events } = await steer(
      plain,
      once((e) => e.type === 'turn-started' && e.turn === 1, {
        type: 'interject',
        text: 'Dee, Bob: be brief.',
      }),
      { turns: 3 },
    );
    expect(ofType(events, 'interjection')[0]?.mention).toBeUndefined();
    expect(ofType(events, 'turn-started')[1]?.reason).toBe('random');
  });

  it('ask gives that participant the floor next; an unknown name is dropped', async () => {
    const { events } = await steer(
      plain,
      (event, controls) => {
        if (event.type === 'turn-started' && event.turn === 1) {
          controls.send({ type: 'ask', name: 'nobody' });
          controls.send({ type: 'ask', name: event.speaker === 'Cy' ? 'bob' : '@cy' });
        }
      },
      { turns: 2 },
    );
    const [first, second] = ofType(events, 'turn-started');
    expect(second).toMatchObject({
      speaker: first?.speaker === 'Cy' ? 'Bob' : 'Cy',
      reason: 'moderator',
    });
    expect(ofType(events, 'command')).toHaveLength(1);
  });
});

describe('topics by the moderator', () => {
  it('set-topic takes a question number or free text, before the next turn', async () => {
    const { events, fake } = await steer(
      plain,
      (event, controls) => {
        if (event.type === 'turn-started' && event.turn === 1)
          controls.send({ type: 'set-topic', topic: 3 });
        if (event.type === 'turn-started' && event.turn === 2) {
          controls.send({ type: 'set-topic', topic: 9 });
          controls.send({ type: 'set-topic', topic: '   ' });
          controls.send({ type: 'set-topic', topic: 'Should we ask the neighbours?' });
        }
      },
      { turns: 3, topicChangeEvery: 0 },
    );
    expect(ofType(events, 'topic-changed')).toEqual([
      {
        type: 'topic-changed',
        turn: 2,
        topic: { index: 2, text: fixtureTable.task.questions[2] },
        reason: 'moderator',
      },
      {
        type: 'topic-changed',
        turn: 3,
        topic: { index: -1, text: 'Should we ask the neighbours?' },
        reason: 'moderator',
      },
    ]);
    expect(ofType(events, 'command')).toHaveLength(2);
    expect(ofType(events, 'turn-started').map((e) => e.topic.index)).toEqual([0, 2, -1]);
    expect(lastUserMessage(fake.request(2))).toContain('New topic: Should we ask the neighbours?');
  });

  it('next-topic moves to the least discussed question and replaces that turn’s scheduled change', async () => {
    const { events } = await steer(
      plain,
      once((e) => e.type === 'turn-started' && e.turn === 4, { type: 'next-topic' }),
      { turns: 6, topicChangeEvery: 1, wrapUpTurns: 0 },
    );
    // topicChangeEvery 1: the schedule changes topic every second turn (each topic has two
    // turns), and turn 5 would have; the moderator's change is made there instead.
    expect(ofType(events, 'topic-changed').map((e) => [e.turn, e.reason])).toEqual([
      [3, 'schedule'],
      [5, 'moderator'],
    ]);
    expect(ofType(events, 'turn-started').map((e) => e.topic.index)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(ofType(events, 'turn-started')[4]?.withheld).toBeUndefined();
  });
});
