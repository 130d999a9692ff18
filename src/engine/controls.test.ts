import { describe, expect, it } from 'vitest';
import type { Command } from './commands.js';
import { DiscussionControls, findParticipant, validateCommand } from './controls.js';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import type { EngineSettings } from './table.js';
import {
  FakeModel,
  lastUserMessage,
  ofType,
  type Script,
  settleCallbacks,
} from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';

/** Runs a discussion, calling `react` on each event so a test can send commands mid-stream. */
async function steer(
  script: Script,
  react: (event: DiscussionEvent, controls: DiscussionControls) => void,
  settings: Partial<EngineSettings> = {},
): Promise<{ events: DiscussionEvent[]; fake: FakeModel }> {
  const fake = new FakeModel(script);
  const controls = new DiscussionControls();
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table: fixtureTable,
    settings: fixtureSettings({ summary: false, ...settings }),
    model: fake.model,
    controls,
  })) {
    events.push(event);
    react(event, controls);
  }
  return { events, fake };
}

const once = (test: (event: DiscussionEvent) => boolean, command: Command) => {
  let sent = false;
  return (event: DiscussionEvent, controls: DiscussionControls) => {
    if (!sent && test(event)) {
      sent = true;
      controls.send(command);
    }
  };
};

const plain: Script = (r) => (r.purpose === 'summary' ? 'Summary.' : `${r.speaker} speaks.`);
const types = (events: readonly DiscussionEvent[]) => events.map((e) => e.type);

describe('skip', () => {
  it('ends the turn being spoken, keeps its partial text, and the next speaker hears it', async () => {
    const script: Script = (_, call) =>
      call === 0 ? { chunks: ['Half a ', 'thought'], stall: 'silent' } : 'Next.';
    const { events, fake } = await steer(
      script,
      once((e) => e.type === 'text-delta' && e.text.includes('thought'), { type: 'skip' }),
      { turns: 3 },
    );
    expect(fake.signals[0]?.aborted).toBe(true);
    const first = events.findIndex((e) => e.type === 'turn-ended');
    expect(events[first - 1]).toEqual({ type: 'command', command: { type: 'skip' } });
    expect(events[first]).toMatchObject({ turn: 1, status: 'skipped', text: 'Half a thought' });
    expect(lastUserMessage(fake.request(1))).toContain(': Half a thought');
    expect(events.at(-1)).toMatchObject({ reason: 'completed', turns: 3 });
  });

  it('cuts a model that has not said a word yet, and only the turn, not the run', async () => {
    const script: Script = (_, call) => (call === 0 ? { stall: 'throw' } : 'Next.');
    const { events, fake } = await steer(
      script,
      once((e) => e.type === 'turn-started', { type: 'skip' }),
      { turns: 2 },
    );
    const [skipped] = ofType(events, 'turn-ended');
    expect(ofType(events, 'turn-ended').map((e) => e.status)).toEqual(['skipped', 'complete']);
    expect(skipped).toMatchObject({ text: '', usage: { promptTokens: 0, completionTokens: 0 } });
    expect(ofType(events, 'error')).toHaveLength(0);
    expect(fake.signals[1]?.aborted).toBe(false);
  });

  it('sent between turns, does not cut the next turn short', async () => {
    const { events } = await steer(
      plain,
      once((e) => e.type === 'turn-ended', { type: 'skip' }),
      { turns: 2 },
    );
    expect(ofType(events, 'turn-ended').map((e) => e.status)).toEqual(['complete', 'complete']);
    expect(ofType(events, 'command')).toHaveLength(0);
  });
});

describe('pause and resume', () => {
  it('holds the stream mid-turn: no chunk is pulled or shown until resume', async () => {
    const fake = new FakeModel(() => ({ chunks: ['one ', 'two ', 'three'] }));
    const controls = new DiscussionControls();
    const events = runDiscussion({
      table: fixtureTable,
      settings: fixtureSettings({ turns: 1, summary: false }),
      model: fake.model,
      controls,
    });
    const seen: DiscussionEvent[] = [];
    const next = async () => {
      const result = await events.next();
      if (result.done === true) throw new Error('ended early');
      seen.push(result.value);
      return result.value;
    };
    while ((await next()).type !== 'text-delta');
    controls.send({ type: 'pause' });
    expect(await next()).toEqual({ type: 'command', command: { type: 'pause' } });

    let resolved = false;
    const pending = next().then((event) => {
      resolved = true;
      return event;
    });
    await settleCallbacks();
    expect(resolved).toBe(false);
    expect(fake.pulled).toBe(1);

    controls.send({ type: 'resume' });
    expect(await pending).toEqual({ type: 'command', command: { type: 'resume' } });
    for (let r = await events.next(); r.done !== true; r = await events.next()) seen.push(r.value);
    expect(
      ofType(seen, 'text-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('one two three');
    expect(fake.pulled).toBe(3);
  });

  it('between turns, starts no turn until resume', async () => {
    const fake = new FakeModel(plain);
    const controls = new DiscussionControls();
    const events = runDiscussion({
      table: fixtureTable,
      settings: fixtureSettings({ turns: 2, summary: false }),
      model: fake.model,
      controls,
    });
    for (let r = await events.next(); r.value?.type !== 'turn-ended'; r = await events.next());
    controls.send({ type: 'pause' });
    expect((await events.next()).value).toEqual({ type: 'command', command: { type: 'pause' } });
    let resolved = false;
    const pending = events.next().then((r) => {
      resolved = true;
      return r.value;
    });
    await settleCallbacks();
    expect(resolved).toBe(false);
    expect(fake.requests).toHaveLength(1);
    controls.send({ type: 'resume' });
    expect(await pending).toEqual({ type: 'command', command: { type: 'resume' } });
    expect((await events.next()).value).toMatchObject({ type: 'turn-started', turn: 2 });
    await events.return();
  });

  it('resumes by itself for stop, which then ends after the current turn', async () => {
    const { events } = await steer(
      plain,
      (event, controls) => {
        if (event.type === 'turn-started' && event.turn === 2) {
          controls.send({ type: 'pause' });
          controls.send({ type: 'stop' });
        }
      },
      { turns: 5 },
    );
    expect(types(events).slice(-7)).toEqual([
      'turn-started',
      'command',
      'command',
      'text-delta',
      'turn-ended',
      'command',
      'discussion-ended',
    ]);
    expect(ofType(events, 'command').map((e) => e.command.type)).toEqual([
      'pause',
      'resume',
      'stop',
    ]);
    expect(events.at(-1)).toMatchObject({ reason: 'stopped', turns: 2 });
  });

  it('ignores resume when not paused and a second pause', async () => {
    const { events } = await steer(
      plain,
      (event, controls) => {
        if (event.type === 'turn-ended' && event.turn === 1) {
          controls.send({ type: 'resume' });
          controls.send({ type: 'pause' });
          controls.send({ type: 'pause' });
          controls.send({ type: 'resume' });
        }
      },
      { turns: 2 },
    );
    expect(ofType(events, 'command').map((e) => e.command.type)).toEqual(['pause', 'resume']);
  });
});

describe('stop and wrap-up', () => {
  it('stop ends after the current turn, without a summary', async () => {
    const { events } = await steer(
      plain,
      once((e) => e.type === 'turn-started' && e.turn === 3, { type: 'stop' }),
      { turns: 8, summary: true },
    );
    expect(types(events).slice(-3)).toEqual(['turn-ended', 'command', 'discussion-ended']);
    expect(events.at(-1)).toMatchObject({ reason: 'stopped', turns: 3 });
    expect(ofType(events, 'summary')).toHaveLength(0);
  });

  it('wrap-up goes straight to the summary after the current turn', async () => {
    const { events, fake } = await steer(
      plain,
      once((e) => e.type === 'turn-started' && e.turn === 2, { type: 'wrap-up' }),
      { turns: 8, summary: true },
    );
    expect(ofType(events, 'turn-started').map((e) => [e.turn, e.kind])).toEqual([
      [1, 'turn'],
      [2, 'turn'],
      [3, 'summary'],
    ]);
    expect(fake.requests.at(-1)?.purpose).toBe('summary');
    expect(ofType(events, 'summary')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ reason: 'completed', turns: 2 });
  });
});

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
      once((e) => e.type === 'turn-started' && e.turn === 3, { type: 'next-topic' }),
      { turns: 5, topicChangeEvery: 1 },
    );
    // topicChangeEvery 1: the schedule changes topic every turn, except after the moderator did.
    expect(ofType(events, 'topic-changed').map((e) => [e.turn, e.reason])).toEqual([
      [2, 'schedule'],
      [3, 'schedule'],
      [4, 'moderator'],
      [5, 'schedule'],
    ]);
    expect(ofType(events, 'turn-started').map((e) => e.topic.index)).toEqual([0, 1, 2, 0, 1]);
  });
});

describe('validateCommand', () => {
  it('explains what the engine would drop', () => {
    expect(validateCommand({ type: 'ask', name: 'Zed' }, fixtureTable)).toBe(
      'Nobody called "Zed" is at the table; ask one of: Ann, Bob, Cy, Dee.',
    );
    expect(validateCommand({ type: 'ask', name: '@bob' }, fixtureTable)).toBeUndefined();
    expect(validateCommand({ type: 'set-topic', topic: 4 }, fixtureTable)).toMatch(/from 1 to 3/u);
    expect(validateCommand({ type: 'set-topic', topic: 1.5 }, fixtureTable)).toBeDefined();
    expect(validateCommand({ type: 'set-topic', topic: 3 }, fixtureTable)).toBeUndefined();
    expect(validateCommand({ type: 'set-topic', topic: ' ' }, fixtureTable)).toBeDefined();
    expect(validateCommand({ type: 'interject', text: '' }, fixtureTable)).toBeDefined();
    expect(validateCommand({ type: 'skip' }, fixtureTable)).toBeUndefined();
  });

  it('finds participants case-insensitively, with or without @', () => {
    expect(findParticipant(fixtureTable.participants, ' @DEE ')?.seat).toBe(4);
    expect(findParticipant(fixtureTable.participants, 'Deirdre')).toBeUndefined();
  });
});
