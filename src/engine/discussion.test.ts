import { describe, expect, it } from 'vitest';
import { MAX_CONSECUTIVE_FAILURES, runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import { ModelError, type ModelRequest } from './model.js';
import { systemMessage, temperatureFor } from './request.js';
import type { EngineSettings, Participant, Table } from './table.js';
import {
  collect,
  FakeModel,
  lastUserMessage,
  ofType,
  type Script,
} from './test-utils/fake-model.js';
import {
  fixtureParticipants,
  fixtureSettings,
  fixtureTable,
  numberedTable,
} from './test-utils/fixture.js';
import { estimatePromptTokens, estimateTokens } from './usage.js';

interface RunOptions {
  readonly table?: Table;
  readonly settings?: Partial<EngineSettings>;
  readonly script: Script;
  readonly signal?: AbortSignal;
}

async function run(options: RunOptions): Promise<{ events: DiscussionEvent[]; fake: FakeModel }> {
  const fake = new FakeModel(options.script);
  const events = await collect(
    runDiscussion({
      table: options.table ?? fixtureTable,
      settings: fixtureSettings(options.settings),
      model: fake.model,
      signal: options.signal,
    }),
  );
  return { events, fake };
}

const plain: Script = (request) => `${request.speaker} has a view on this.`;
const speakers = (events: readonly DiscussionEvent[]) =>
  ofType(events, 'turn-started')
    .filter((e) => e.kind === 'turn')
    .map((e) => e.speaker);
const byName = (name: string): Participant => {
  const participant = fixtureParticipants.find((p) => p.name === name);
  if (participant === undefined) throw new Error(`no ${name}`);
  return participant;
};

describe('the start', () => {
  it('opens with discussion-started: seed, settings, participants, task, first question', async () => {
    const { events } = await run({ script: plain, settings: { turns: 3 } });
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
    const { fake } = await run({ script: plain, settings: { turns: 12, summary: false } });
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
    const { fake } = await run({ script: plain, settings: { turns: 6, introductions: false } });
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
        model: new FakeModel(plain).model,
      }),
    ).toThrow(TypeError);
  });
});

describe('the scheduler over 2,000 turns', () => {
  it.each([
    { topicChangeEvery: 5, askOpinionEvery: 3, seed: 1 },
    { topicChangeEvery: 3, askOpinionEvery: 5, seed: 2 },
  ])(
    'matches topicChangeEvery $topicChangeEvery and askOpinionEvery $askOpinionEvery',
    async (setting) => {
      // Each request carries the whole discussion so far, so the cost grows with the square of this.
      const turns = 2_000;
      const table = numberedTable(4, 5);
      const { events } = await run({
        table,
        settings: { ...setting, turns, wrapUpTurns: 0, summary: false },
        script: () => ({
          chunks: ['I have ', 'spoken.'],
          usage: { promptTokens: 10, completionTokens: 3, estimated: false },
        }),
      });
      const started = ofType(events, 'turn-started');
      const changes = ofType(events, 'topic-changed');
      expect(started).toHaveLength(turns);
      expect(started[0]?.topic).toEqual({ index: 0, text: 'Question 1?' });

      expect(Math.abs(changes.length / (turns - 1) - 1 / setting.topicChangeEvery)).toBeLessThan(
        0.03,
      );
      const invited = started.filter((e) => e.directives.includes('invite-opinions')).length;
      expect(Math.abs(invited / turns - 1 / setting.askOpinionEvery)).toBeLessThan(0.03);

      // Nobody twice in a row, and the random speaker is fair.
      const counts = new Map<string, number>();
      started.forEach((e, i) => {
        if (i > 0) expect(e.speaker).not.toBe(started[i - 1]?.speaker);
        counts.set(e.speaker, (counts.get(e.speaker) ?? 0) + 1);
      });
      for (const count of counts.values())
        expect(Math.abs(count / turns - 0.25)).toBeLessThan(0.03);

      // Every change moves to the question discussed least so far (ties: lowest index).
      const discussed = [0, 0, 0, 0, 0];
      let current = 0;
      for (const event of events) {
        if (event.type === 'topic-changed') {
          expect(event.reason).toBe('schedule');
          const candidates = discussed.map((n, i) => (i === current ? Infinity : n));
          expect(event.topic.index).toBe(candidates.indexOf(Math.min(...candidates)));
          current = event.topic.index;
        }
        if (event.type === 'turn-started') {
          expect(event.topic.index).toBe(current);
          discussed[current] = (discussed[current] ?? 0) + 1;
        }
      }
    },
    // 10,000 turns take 10–15 s on a loaded two-core machine: a statistics test, not a timed one.
    60_000,
  );
});

describe('who speaks next', () => {
  it('follows a mention (by name or @name, any case) with reason "mention"', async () => {
    const order = ['Ann', 'Bob', 'Cy', 'Dee'];
    const next = (name: string) => order[(order.indexOf(name) + 1) % order.length] ?? '';
    const { events } = await run({
      settings: { turns: 8, summary: false },
      script: (r) =>
        r.seat % 2 === 0
          ? `Over to @${next(r.speaker).toLowerCase()}.`
          : `${next(r.speaker).toUpperCase()}, go on.`,
    });
    const started = ofType(events, 'turn-started');
    started.slice(1).forEach((e, i) => {
      expect(e.reason).toBe('mention');
      expect(e.speaker).toBe(next(started[i]?.speaker ?? ''));
    });
  });

  it('takes the mention nearest the end, skipping the speaker’s own name', async () => {
    const scripted = await run({
      settings: { turns: 2, summary: false },
      script: (r) => `Bob said so, then Dee; but as ${r.speaker} I say: ${r.speaker}!`,
    });
    const [first, second] = ofType(scripted.events, 'turn-started');
    const expected = first?.speaker === 'Dee' ? 'Bob' : 'Dee';
    expect(second).toMatchObject({ speaker: expected, reason: 'mention' });
  });

  it('ignores names inside words and picks randomly, never the previous speaker', async () => {
    const { events } = await run({
      settings: { turns: 30, summary: false },
      script: () => 'Annual budgets and Bobsleigh runs, Cyclists and Deeds.',
    });
    const started = ofType(events, 'turn-started');
    expect(started.slice(1).every((e) => e.reason === 'random')).toBe(true);
    started.slice(1).forEach((e, i) => {
      expect(e.speaker).not.toBe(started[i]?.speaker);
    });
  });

  it('routes only on what the others hear: a cut-off line names nobody', async () => {
    const { events, fake } = await run({
      settings: { turns: 2, summary: false },
      script: (r) =>
        r.speaker === 'Ann' ? 'Fine.\nDee: Ann is wrong.' : 'Fine.\nAnn: Dee is wrong.',
    });
    const [first, second] = ofType(events, 'turn-started');
    expect(second?.reason).toBe('random');
    const ended = ofType(events, 'turn-ended')[0];
    expect(ended).toMatchObject({ text: 'Fine.', status: 'complete' });
    expect(ended?.cut?.as).toBe(first?.speaker === 'Ann' ? 'Dee' : 'Ann');
    expect(JSON.stringify(fake.requests[1]?.messages)).not.toContain('is wrong');
  });

  it('lets a single participant speak every turn', async () => {
    const table = numberedTable(1);
    const { events } = await run({ table, settings: { turns: 3, summary: false }, script: plain });
    expect(speakers(events)).toEqual(['P1', 'P1', 'P1']);
  });
});

describe('directives and turns left', () => {
  it('gives wrap-up in exactly the last wrapUpTurns turns and counts turns left', async () => {
    const { events, fake } = await run({
      settings: { turns: 8, wrapUpTurns: 3, askOpinionEvery: 0, summary: false },
      script: plain,
    });
    const started = ofType(events, 'turn-started');
    expect(started.map((e) => e.turnsLeft)).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(started.map((e) => e.directives)).toEqual([
      [],
      [],
      [],
      [],
      [],
      ['wrap-up'],
      ['wrap-up'],
      ['wrap-up'],
    ]);
    expect(fake.requests.map((r) => lastUserMessage(r).includes('Time to wrap up'))).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(lastUserMessage(fake.request(7))).toContain('turn 8 of 8, the last turn');
  });

  it('clamps wrapUpTurns to the number of turns', async () => {
    const { events } = await run({
      settings: { turns: 2, wrapUpTurns: 5, summary: false },
      script: plain,
    });
    expect(ofType(events, 'turn-started').map((e) => e.directives.includes('wrap-up'))).toEqual([
      true,
      true,
    ]);
  });

  it('puts the invite-opinions directive into the guidance when drawn', async () => {
    const { events, fake } = await run({
      settings: { turns: 40, askOpinionEvery: 2, summary: false },
      script: plain,
    });
    const started = ofType(events, 'turn-started');
    const invited = started.map((e) => e.directives.includes('invite-opinions'));
    expect(invited).toContain(true);
    expect(invited).toContain(false);
    expect(
      fake.requests.map((r) => lastUserMessage(r).includes("Invite the others' opinions")),
    ).toEqual(invited);
  });
});

describe('topics', () => {
  it('announces a change before the turn that discusses it, to the speaker and in the history', async () => {
    const { events, fake } = await run({
      settings: { turns: 30, topicChangeEvery: 4, summary: false },
      script: plain,
    });
    const changeAt = events.findIndex((e) => e.type === 'topic-changed');
    const change = events[changeAt];
    if (change?.type !== 'topic-changed') throw new Error('no topic change in 30 turns');
    expect(events[changeAt + 1]).toMatchObject({
      type: 'turn-started',
      turn: change.turn,
      topic: change.topic,
    });
    const guidance = lastUserMessage(fake.request(change.turn - 1));
    expect(guidance).toContain(`New topic: ${change.topic.text}`);
    const later = fake.requests[change.turn];
    expect(JSON.stringify(later?.messages)).toContain(`Moderator: New topic: ${change.topic.text}`);
    expect(lastUserMessage(later as ModelRequest)).toContain(`\nTopic: ${change.topic.text}`);
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
    const { events, fake } = await run({ settings, script: bobHeavy });
    const turnsTaken = speakers(events);
    const count = (name: string) => turnsTaken.filter((s) => s === name).length;
    for (const other of ['Ann', 'Cy', 'Dee']) expect(count('Bob')).toBeGreaterThan(count(other));
    // The last speaker is someone else, so its temperature and prompt must not leak in.
    expect(turnsTaken.at(-1)).not.toBe('Bob');

    const bob = byName('Bob');
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

  it('on a tie goes to the one who spoke earliest', async () => {
    // Each speaker names someone who has not spoken yet: four turns, one each.
    const spoken = new Set<string>();
    const { events } = await run({
      settings: { turns: 4 },
      script: (r) => {
        if (r.purpose === 'summary') return 'Summary.';
        spoken.add(r.speaker);
        const next = fixtureParticipants.find((p) => !spoken.has(p.name));
        return next === undefined ? 'Done.' : `${next.name}?`;
      },
    });
    const order = speakers(events);
    expect(new Set(order).size).toBe(4);
    expect(ofType(events, 'summary')[0]?.speaker).toBe(order[0]);
  });

  it('is left out when settings.summary is off', async () => {
    const { events, fake } = await run({ settings: { turns: 3, summary: false }, script: plain });
    expect(ofType(events, 'summary')).toHaveLength(0);
    expect(fake.requests.every((r) => r.purpose === 'turn')).toBe(true);
  });
});

describe('replies', () => {
  it('streams the raw text without the own name tag, and others hear the cleaned text', async () => {
    const { events, fake } = await run({
      settings: { turns: 2, summary: false },
      script: (r) => ({ chunks: [`**${r.speaker}`, ':** Hello', ' there.  '] }),
    });
    const firstTurn = events.filter((e) => e.type === 'text-delta' && e.turn === 1);
    expect(firstTurn.map((e) => (e.type === 'text-delta' ? e.text : '')).join('')).toBe(
      'Hello there.  ',
    );
    const ended = ofType(events, 'turn-ended')[0];
    expect(ended?.text).toBe('Hello there.');
    expect(fake.requests[1]?.messages.at(-1)?.content).toContain(
      `${ended?.speaker}: Hello there.\n`,
    );
  });

  it('stops the request once the model speaks for someone else', async () => {
    const { events, fake } = await run({
      settings: { turns: 1, summary: false },
      script: () => ({
        chunks: ['Agreed.', '\nModerator', ': next topic', ' please', ' and more', ' and more'],
      }),
    });
    expect(fake.pulled).toBe(3);
    expect(fake.signals[0]?.aborted).toBe(true);
    expect(ofType(events, 'turn-ended')[0]).toMatchObject({
      text: 'Agreed.',
      status: 'complete',
      cut: { as: 'Moderator', removed: 'Moderator: next topic' },
    });
    expect(
      ofType(events, 'text-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('Agreed.');
  });

  it('marks an empty reply as passed, keeps it out of the history, and moves on', async () => {
    const { events, fake } = await run({
      settings: { turns: 4, summary: false },
      script: (_, call) => (call === 0 ? { chunks: ['  ', '\n'] } : 'Something.'),
    });
    const [passed] = ofType(events, 'turn-ended');
    expect(passed).toMatchObject({ turn: 1, text: '', status: 'passed' });
    expect(ofType(events, 'turn-started')[1]?.reason).toBe('random');
    expect(fake.requests[1]?.messages).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ reason: 'completed', turns: 4 });
  });
});

describe('usage', () => {
  it('sums reported usage and marks estimates when the model reports none', async () => {
    const { events, fake } = await run({
      settings: { turns: 2, summary: false },
      script: (_, call) =>
        call === 0
          ? {
              chunks: ['Reported.'],
              usage: { promptTokens: 100, completionTokens: 5, estimated: false },
            }
          : { chunks: ['Not reported, so estimated.'] },
    });
    const [reported, estimated] = ofType(events, 'turn-ended');
    expect(reported?.usage).toEqual({ promptTokens: 100, completionTokens: 5, estimated: false });
    expect(estimated?.usage).toEqual({
      promptTokens: estimatePromptTokens(fake.requests[1]?.messages ?? []),
      completionTokens: estimateTokens('Not reported, so estimated.'),
      estimated: true,
    });
    expect(events.at(-1)).toMatchObject({
      usage: {
        promptTokens: 100 + (estimated?.usage.promptTokens ?? 0),
        completionTokens: 5 + (estimated?.usage.completionTokens ?? 0),
        estimated: true,
      },
    });
  });

  it('adds up several usage chunks of one reply', async () => {
    const { events } = await run({
      settings: { turns: 1, summary: false },
      script: () => ({
        chunks: ['Hi.'],
        usage: { promptTokens: 7, completionTokens: 2, estimated: false },
        retries: [],
      }),
    });
    expect(events.at(-1)).toMatchObject({
      usage: { promptTokens: 7, completionTokens: 2, estimated: false },
    });
  });

  it('passes retries on as retry events of the turn', async () => {
    const { events } = await run({
      settings: { turns: 1, summary: false },
      script: () => ({
        chunks: ['Hi.'],
        retries: [{ attempt: 1, delayMs: 500, reason: '429 Too Many Requests' }],
      }),
    });
    expect(ofType(events, 'retry')).toEqual([
      { type: 'retry', turn: 1, attempt: 1, delayMs: 500, reason: '429 Too Many Requests' },
    ]);
  });
});

describe('failures', () => {
  const failAt =
    (call: number, error: unknown): Script =>
    (r, i) =>
      i === call ? { chunks: ['Half a '], error } : `${r.speaker} speaks.`;

  it('ends at a fatal model error: error, failed turn, failed discussion', async () => {
    const { events, fake } = await run({
      settings: { turns: 5 },
      script: failAt(1, new ModelError('auth', 'The API key was rejected (401).', true, 401)),
    });
    expect(events.slice(-3)).toEqual([
      {
        type: 'error',
        turn: 2,
        speaker: fake.requests[1]?.speaker,
        kind: 'auth',
        message: 'The API key was rejected (401).',
        fatal: true,
      },
      expect.objectContaining({ type: 'turn-ended', turn: 2, status: 'failed', text: '' }),
      expect.objectContaining({ type: 'discussion-ended', reason: 'failed', turns: 2 }),
    ]);
    expect(fake.requests).toHaveLength(2);
  });

  it('goes on after a non-fatal failure, without the failed turn in anyone’s history', async () => {
    const { events, fake } = await run({
      settings: { turns: 4, summary: false },
      script: failAt(
        1,
        new ModelError('server', 'The server failed (502) after 3 attempts.', false, 502),
      ),
    });
    const error = ofType(events, 'error')[0];
    expect(error).toMatchObject({ turn: 2, kind: 'server', fatal: false });
    expect(ofType(events, 'turn-ended')[1]).toMatchObject({ status: 'failed', text: '' });
    expect(JSON.stringify(fake.requests[2]?.messages)).not.toContain('Half a');
    expect(events.at(-1)).toMatchObject({ reason: 'completed', turns: 4 });
  });

  it(`gives up after ${MAX_CONSECUTIVE_FAILURES} failed turns in a row`, async () => {
    const { events, fake } = await run({
      settings: { turns: 10 },
      script: (_, i) =>
        i === 0 ? 'Fine.' : { error: new ModelError('connection', 'Connection refused', false) },
    });
    expect(fake.requests).toHaveLength(1 + MAX_CONSECUTIVE_FAILURES);
    expect(ofType(events, 'error').at(-1)).toMatchObject({ fatal: true, kind: 'connection' });
    expect(events.at(-1)).toMatchObject({ reason: 'failed', turns: 4 });
  });

  it('ends cleanly, as failed, after a failure with onError "stop"', async () => {
    const { events } = await run({
      settings: { turns: 5, onError: 'stop' },
      script: failAt(0, new ModelError('timeout', 'No reply within 60 s', false)),
    });
    expect(events.map((e) => e.type)).toEqual([
      'discussion-started',
      'phase-started',
      'turn-started',
      'text-delta',
      'error',
      'turn-ended',
      'discussion-ended',
    ]);
    expect(events.at(-1)).toMatchObject({ reason: 'failed', turns: 1 });
  });

  it('treats any other thrown error as fatal, kind "unknown"', async () => {
    const { events } = await run({
      settings: { turns: 3 },
      script: failAt(0, new TypeError('oops')),
    });
    expect(ofType(events, 'error')).toEqual([
      expect.objectContaining({ kind: 'unknown', message: 'oops', fatal: true }),
    ]);
    expect(events.at(-1)).toMatchObject({ reason: 'failed' });
  });

  it('survives a model function that throws before streaming', async () => {
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ turns: 2 }),
        model: () => {
          throw new ModelError('not-found', 'No model "x" at this endpoint', true, 404);
        },
      }),
    );
    expect(ofType(events, 'error')[0]).toMatchObject({ kind: 'not-found', fatal: true });
    expect(events.at(-1)).toMatchObject({ reason: 'failed', turns: 1 });
  });
});

describe('interruption', () => {
  it.each(['silent', 'throw'] as const)(
    'aborts the request in flight, keeps the partial turn and ends "interrupted" (model ends %s)',
    async (stall) => {
      const controller = new AbortController();
      const fake = new FakeModel(() => ({ chunks: ['Ann: Half ', 'a thought'], stall }));
      const events: DiscussionEvent[] = [];
      for await (const event of runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings(),
        model: fake.model,
        signal: controller.signal,
      })) {
        events.push(event);
        if (event.type === 'text-delta' && event.text.includes('thought')) controller.abort();
      }
      expect(fake.signals[0]?.aborted).toBe(true);
      expect(events.slice(-2)).toEqual([
        expect.objectContaining({
          type: 'turn-ended',
          status: 'interrupted',
          text: expect.stringContaining('a thought'),
        }),
        expect.objectContaining({ type: 'discussion-ended', reason: 'interrupted', turns: 1 }),
      ]);
    },
  );

  it('ends at once when the signal is already aborted', async () => {
    const { events, fake } = await run({ script: plain, signal: AbortSignal.abort() });
    expect(events.map((e) => e.type)).toEqual(['discussion-started', 'discussion-ended']);
    expect(events.at(-1)).toMatchObject({ reason: 'interrupted', turns: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('aborts the request in flight when the consumer stops reading', async () => {
    const fake = new FakeModel(() => ({ chunks: ['Some words'], stall: 'silent' }));
    for await (const event of runDiscussion({
      table: fixtureTable,
      settings: fixtureSettings(),
      model: fake.model,
    })) {
      if (event.type === 'text-delta') break;
    }
    expect(fake.signals[0]?.aborted).toBe(true);
  });
});

describe('determinism', () => {
  const chatty: Script = (r) =>
    r.purpose === 'summary'
      ? 'All said.'
      : `${r.speaker} thinks ${['Ann', 'Bob', 'Cy', 'Dee', 'nobody'][r.messages.length % 5]} should answer.`;

  it('gives the same events for the same seed and replies', async () => {
    const a = await run({ settings: { turns: 40, seed: 7 }, script: chatty });
    const b = await run({ settings: { turns: 40, seed: 7 }, script: chatty });
    expect(a.events).toEqual(b.events);
    expect(a.fake.requests).toEqual(b.fake.requests);
    const c = await run({ settings: { turns: 40, seed: 8 }, script: chatty });
    expect(speakers(c.events)).not.toEqual(speakers(a.events));
  });

  it('draws the same whatever the chunking of the replies', async () => {
    const text = (r: ModelRequest) => `${r.speaker} thinks nobody should answer.`;
    const whole = await run({
      settings: { turns: 40, seed: 11 },
      script: (r) => ({ chunks: [text(r)] }),
    });
    const bytes = await run({
      settings: { turns: 40, seed: 11 },
      script: (r) => ({ chunks: [...text(r)] }),
    });
    const withoutDeltas = (events: DiscussionEvent[]) =>
      events.filter((e) => e.type !== 'text-delta');
    expect(withoutDeltas(bytes.events)).toEqual(withoutDeltas(whole.events));
  });
});
