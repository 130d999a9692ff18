// The moderator's commands that steer the run: skip, pause and resume, stop and wrap-up; and
// what validateCommand drops.
import { describe, expect, it } from 'vitest';
import { DiscussionControls, findParticipant, validateCommand } from './controls.js';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import {
  FakeModel,
  lastUserMessage,
  ofType,
  type Script,
  settleCallbacks,
} from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { once, speaksScript as plain, steer, typesOf as types } from './test-utils/steer.js';

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
