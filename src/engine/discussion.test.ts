// A whole discussion against a scripted model: how it starts, the summary, and that the same
// seed and replies give the same discussion.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import type { ModelRequest } from './model.js';
import { systemMessage, temperatureFor } from './request.js';
import { FakeModel, lastUserMessage, ofType, type Script } from './test-utils/fake-model.js';
import { fixtureParticipants, fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { plainReply, runScripted, seatNamed, speakersOf } from './test-utils/scripted-run.js';

describe('the start', () => {
  it('opens with discussion-started: seed, settings, participants, task, first question', async () => {
    const { events } = await runScripted({ script: plainReply, settings: { turns: 3 } });
    expect(events[0]).toEqual({
      type: 'discussion-started',
      seed: 42,
      settings: fixtureSettings({ turns: 3 }),
      participants: fixtureTable.participants,
      task: fixtureTable.task,
      topic: { index: 0, text: fixtureTable.task.questions[0] },
    });
    expect(ofType(events, 'turn-started')[0]).toMatchObject({
      turn: 1,
      reason: 'first',
      topic: { index: 0 },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'discussion-ended',
      reason: 'completed',
      turns: 3,
    });
  });

  it('announces the first question to the opener and asks each seat to introduce itself once', async () => {
    const { fake } = await runScripted({
      script: plainReply,
      settings: { turns: 12, summary: false },
    });
    const first = fake.requests[0];
    expect(first?.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(first?.messages[1]?.content).toContain(
      `Our first topic: ${fixtureTable.task.questions[0]}`,
    );
    const introduced = new Set<number>();
    for (const request of fake.requests) {
      const asked = lastUserMessage(request).includes('introduce yourself');
      expect(asked).toBe(!introduced.has(request.seat));
      introduced.add(request.seat);
    }
  });

  it('with introductions off, asks for no introductions and names only', async () => {
    const { fake } = await runScripted({
      script: plainReply,
      settings: { turns: 6, introductions: false },
    });
    for (const request of fake.requests) {
      expect(lastUserMessage(request)).not.toContain('introduce');
      const others = fixtureParticipants.filter((p) => p.seat !== request.seat);
      for (const other of others)
        expect(request.messages[0]?.content).not.toContain(other.fullName);
    }
  });

  it('refuses a table without participants or questions', () => {
    const empty = { participants: [], task: fixtureTable.task };
    expect(() =>
      runDiscussion({
        table: empty,
        settings: fixtureSettings(),
        model: new FakeModel(plainReply).model,
      }),
    ).toThrow(TypeError);
  });
});

describe('the summary', () => {
  // Everyone hands the floor back to Bob, and Bob to the others in turn: Bob speaks most.
  const bobHeavy: Script = (r) => {
    if (r.purpose === 'summary') return `${r.speaker}: In short, we agreed on a levy.`;
    if (r.speaker !== 'Bob') return 'Bob, what do you say?';
    return `${['Ann', 'Cy', 'Dee'][r.messages.length % 3]}, your turn.`;
  };

  it('goes to the seat with the most turns, in a request of its own, at its own temperature', async () => {
    const settings = { turns: 9, wrapUpTurns: 2 };
    const { events, fake } = await runScripted({ settings, script: bobHeavy });
    const turnsTaken = speakersOf(events);
    const count = (name: string) => turnsTaken.filter((s) => s === name).length;
    for (const other of ['Ann', 'Cy', 'Dee']) expect(count('Bob')).toBeGreaterThan(count(other));
    // The last speaker is someone else, so its temperature and prompt must not leak in.
    expect(turnsTaken.at(-1)).not.toBe('Bob');

    const bob = seatNamed('Bob');
    const summaryStart = ofType(events, 'turn-started').at(-1);
    expect(summaryStart).toMatchObject({
      kind: 'summary',
      turn: 10,
      speaker: 'Bob',
      directives: [],
      turnsLeft: 0,
    });
    const request = fake.requests.at(-1) as ModelRequest;
    expect(request).toMatchObject({
      purpose: 'summary',
      seat: bob.seat,
      temperature: temperatureFor(bob, fixtureSettings(settings)),
      maxTokens: 200,
      model: bob.model,
    });
    expect(request.messages[0]?.content).toBe(
      systemMessage(fixtureTable, fixtureSettings(settings), bob),
    );
    const last = lastUserMessage(request);
    expect(last.endsWith(`Moderator: ${fixtureTable.task.summarize}`)).toBe(true);
    expect(last).not.toContain('Time to wrap up');
    expect(last).not.toContain('the floor is yours');

    const tail = events.slice(events.indexOf(summaryStart as DiscussionEvent));
    expect(tail.map((e) => e.type)).toEqual([
      'turn-started',
      ...tail.filter((e) => e.type === 'text-delta').map(() => 'text-delta'),
      'summary',
      'phase-ended',
      'discussion-ended',
    ]);
    expect(ofType(tail, 'text-delta').every((e) => e.turn === 10)).toBe(true);
    expect(ofType(events, 'summary')[0]).toMatchObject({
      seat: bob.seat,
      speaker: 'Bob',
      text: 'In short, we agreed on a levy.',
      status: 'complete',
    });
    expect(events.at(-1)).toMatchObject({ reason: 'completed', turns: 9 });
  });

  it('on a tie of turns goes to the seat that said most, then to the one heard last', async () => {
    // Each speaker names someone who has not spoken yet: four turns, one each.
    const oneEach = (extra: (speaker: string) => string) => {
      const spoken = new Set<string>();
      return runScripted({
        settings: { turns: 4 },
        script: (r) => {
          if (r.purpose === 'summary') return 'Summary.';
          spoken.add(r.speaker);
          const next = fixtureParticipants.find((p) => !spoken.has(p.name));
          return `${next === undefined ? 'Done.' : `${next.name}?`}${extra(r.speaker)}`;
        },
      });
    };
    const summaryStart = (events: DiscussionEvent[]) =>
      ofType(events, 'turn-started').find((e) => e.kind === 'summary');
    const wordy = await oneEach((speaker) => (speaker === 'Cy' ? ' I have more to say.' : ''));
    expect(new Set(speakersOf(wordy.events)).size).toBe(4);
    expect(summaryStart(wordy.events)).toMatchObject({
      speaker: 'Cy',
      why: 'heard most; 1 turn, as many as Ann, Bob and Dee, and more words: 6 to 1',
    });
    const level = await oneEach(() => '');
    const order = speakersOf(level.events);
    const others = order.slice(0, 3).sort();
    expect(summaryStart(level.events)).toMatchObject({
      speaker: order[3],
      why: `heard most; 1 turn and 1 word, as many as ${others[0]}, ${others[1]} and ${others[2]}, and heard last`,
    });
  });

  it('is left out when settings.summary is off', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 3, summary: false },
      script: plainReply,
    });
    expect(ofType(events, 'summary')).toHaveLength(0);
    expect(fake.requests.every((r) => r.purpose === 'turn')).toBe(true);
  });
});

describe('determinism', () => {
  const chatty: Script = (r) =>
    r.purpose === 'summary'
      ? 'All said.'
      : `${r.speaker} thinks ${['Ann', 'Bob', 'Cy', 'Dee', 'nobody'][r.messages.length % 5]} should answer.`;

  it('gives the same events for the same seed and replies', async () => {
    const a = await runScripted({ settings: { turns: 40, seed: 7 }, script: chatty });
    const b = await runScripted({ settings: { turns: 40, seed: 7 }, script: chatty });
    expect(a.events).toEqual(b.events);
    expect(a.fake.requests).toEqual(b.fake.requests);
    const c = await runScripted({ settings: { turns: 40, seed: 8 }, script: chatty });
    expect(speakersOf(c.events)).not.toEqual(speakersOf(a.events));
  });

  it('draws the same whatever the chunking of the replies', async () => {
    const text = (r: ModelRequest) => `${r.speaker} thinks nobody should answer.`;
    const whole = await runScripted({
      settings: { turns: 40, seed: 11 },
      script: (r) => ({ chunks: [text(r)] }),
    });
    const bytes = await runScripted({
      settings: { turns: 40, seed: 11 },
      script: (r) => ({ chunks: [...text(r)] }),
    });
    const withoutDeltas = (events: DiscussionEvent[]) =>
      events.filter((e) => e.type !== 'text-delta');
    expect(withoutDeltas(bytes.events)).toEqual(withoutDeltas(whole.events));
  });
});
