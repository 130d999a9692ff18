import { describe, expect, it } from 'vitest';
import { DiscussionControls } from '../controls.js';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent, EventOf } from '../events.js';
import type { ModelRequest } from '../model.js';
import type { EngineSettings, Table } from '../table.js';
import {
  collect,
  FakeModel,
  lastUserMessage,
  ofType,
  type Script,
} from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable, numberedTable } from '../test-utils/fixture.js';
import { fairWeights } from './fair.js';
import { readModeratorAnswer } from './moderator.js';
import { pickRoundRobin } from './rotation.js';

async function run(
  settings: Partial<EngineSettings>,
  script: Script,
  table: Table = fixtureTable,
  controls?: DiscussionControls,
): Promise<{ events: DiscussionEvent[]; fake: FakeModel }> {
  const fake = new FakeModel(script);
  const events = await collect(
    runDiscussion({ table, settings: fixtureSettings(settings), model: fake.model, controls }),
  );
  return { events, fake };
}

const turnsOf = (events: readonly DiscussionEvent[]) =>
  ofType(events, 'turn-started').filter((e) => e.kind === 'turn');
const quiet: Script = (r) => `${r.speaker} has a view on this.`;

describe('fair', () => {
  it('weighs toward whoever spoke least and longest ago', () => {
    const record = [
      { step: 1, index: 0, reason: 'fair' as const },
      { step: 2, index: 1, reason: 'fair' as const },
      { step: 3, index: 0, reason: 'fair' as const },
    ];
    const [a, b, c] = fairWeights(record, [0, 1, 2], 4);
    // Seat 2 never spoke; seat 0 spoke twice, last just now.
    expect(c).toBeGreaterThan(b ?? 0);
    expect(b).toBeGreaterThan(a ?? 0);
  });

  it.each([1, 2, 3])(
    'gives every seat 20% ± 3 points of 400 turns among 5, never twice in a row (seed %i)',
    async (seed) => {
      const { events } = await run(
        { speakerPolicy: 'fair', turns: 400, summary: false, seed, wrapUpTurns: 0 },
        quiet,
        numberedTable(5),
      );
      const started = turnsOf(events);
      expect(started).toHaveLength(400);
      const counts = new Map<string, number>();
      started.forEach((e, i) => {
        if (i > 0) expect(e.speaker).not.toBe(started[i - 1]?.speaker);
        counts.set(e.speaker, (counts.get(e.speaker) ?? 0) + 1);
      });
      for (const count of counts.values())
        expect(Math.abs(count / 400 - 0.2)).toBeLessThanOrEqual(0.03);
      expect(started.every((e) => e.reason === 'fair' || e.reason === 'guard')).toBe(true);
      // Not a fixed rotation: the order varies.
      const firstFive = started
        .slice(0, 5)
        .map((e) => e.speaker)
        .join();
      const nextFive = started
        .slice(5, 10)
        .map((e) => e.speaker)
        .join();
      expect(firstFive).not.toBe(nextFive);
    },
    60_000,
  );
});

describe('round-robin and random', () => {
  it('round-robin goes round the table in seat order', async () => {
    expect(pickRoundRobin([0, 1, 2, 3], undefined)).toBe(0);
    expect(pickRoundRobin([0, 2, 3], 1)).toBe(2);
    expect(pickRoundRobin([0, 1, 2], 2)).toBe(0);
    const { events } = await run({ speakerPolicy: 'round-robin', turns: 8, summary: false }, quiet);
    expect(turnsOf(events).map((e) => e.speaker)).toEqual([
      'Ann',
      'Bob',
      'Cy',
      'Dee',
      'Ann',
      'Bob',
      'Cy',
      'Dee',
    ]);
  });

  it('a named seat speaks first, as before, with why', async () => {
    const { events } = await run({ speakerPolicy: 'round-robin', turns: 3, summary: false }, (r) =>
      r.speaker === 'Ann' ? 'Dee, what do you think?' : `${r.speaker} agrees.`,
    );
    expect(turnsOf(events).map((e) => [e.speaker, e.reason, e.why])).toEqual([
      ['Ann', 'round-robin', undefined],
      ['Dee', 'mention', 'named by Ann'],
      ['Ann', 'round-robin', undefined],
    ]);
  });
});

describe('the LLM moderator', () => {
  const moderatorSays =
    (answer: (request: ModelRequest, call: number) => string): Script =>
    (request, call) =>
      request.purpose === 'moderator' ? answer(request, call) : `${request.speaker} speaks.`;

  it('chooses with a reason and a steer that reaches the speaker', async () => {
    const { events, fake } = await run(
      { speakerPolicy: 'moderator', turns: 2, summary: false },
      moderatorSays(() =>
        JSON.stringify({
          next: 'Cy',
          reason: 'Cy has not spoken',
          steer: 'Talk about cost.',
          action: 'continue',
        }),
      ),
    );
    const decision = ofType(events, 'moderator-decision')[0];
    expect(decision).toMatchObject({ next: 'Cy', reason: 'Cy has not spoken', action: 'continue' });
    const first = turnsOf(events)[0];
    expect(first).toMatchObject({
      speaker: 'Cy',
      reason: 'llm-moderator',
      why: 'Cy has not spoken',
      steer: 'Talk about cost.',
    });
    const asked = fake.requests.find((r) => r.purpose === 'moderator');
    expect(asked).toMatchObject({ seat: 0, speaker: 'Moderator' });
    expect(asked?.responseFormat?.type).toBe('json_schema');
    const cy = fake.requests.find((r) => r.purpose === 'turn' && r.speaker === 'Cy');
    expect(lastUserMessage(cy as ModelRequest)).toContain(
      "Moderator's note for you: Talk about cost.",
    );
    // The next turn: Cy spoke last, so the moderator may not choose Cy twice in a row.
    const second = fake.requests.filter((r) => r.purpose === 'moderator')[1];
    expect(lastUserMessage(second as ModelRequest)).toMatch(
      /Candidates for the next turn: Ann, Bob, Dee\./u,
    );
  });

  it('falls back to fair, visibly, when its answer cannot be used', async () => {
    const { events } = await run(
      { speakerPolicy: 'moderator', turns: 3, summary: false },
      moderatorSays((_, call) =>
        call === 0 ? 'I think Bob should go.' : '{"next": "Zed", "reason": "?"}',
      ),
    );
    const decisions = ofType(events, 'moderator-decision');
    expect(decisions.map((d) => d.fallback)).toEqual([
      'no JSON in its answer',
      'it chose "Zed", who may not speak now',
      'it chose "Zed", who may not speak now',
    ]);
    for (const turn of turnsOf(events)) {
      expect(turn.reason).toBe('fair');
      expect(turn.why).toMatch(/^the moderator's answer could not be used; fair:/u);
    }
  });

  it('reads its answer with zod: a name in any case, an unknown action refused', () => {
    expect(
      readModeratorAnswer('{"next":"@ann","reason":"r","action":"next-topic"}', ['Ann']),
    ).toEqual({
      ok: true,
      choice: { next: 'Ann', reason: 'r', steer: undefined, action: 'next-topic' },
    });
    expect(
      readModeratorAnswer('{"next":"Ann","reason":"r","action":"pause"}', ['Ann']),
    ).toMatchObject({
      ok: false,
    });
  });

  it('may move to the next topic or end the discussion, once everyone has spoken', async () => {
    let asked = 0;
    const names = ['Ann', 'Bob', 'Cy', 'Dee'];
    const { events } = await run(
      { speakerPolicy: 'moderator', turns: 8 },
      moderatorSays(() => {
        asked += 1;
        return JSON.stringify({
          next: names[(asked - 1) % names.length],
          reason: 'r',
          steer: '',
          action: asked === 1 ? 'next-topic' : 'end',
        });
      }),
    );
    expect(ofType(events, 'topic-changed')[0]).toMatchObject({ reason: 'llm-moderator', turn: 1 });
    // The end proposed at turns 2–4 waits until Dee, the last unheard, has spoken.
    const started = turnsOf(events);
    expect(started.map((e) => e.speaker)).toEqual(names);
    expect(started[1]?.why).toBe('r (not yet the end: not everyone has spoken)');
    expect(ofType(events, 'phase-ended')[0]).toMatchObject({
      kind: 'discussion',
      reason: 'moderator',
    });
    // The summary still comes.
    expect(ofType(events, 'summary')).toHaveLength(1);
  });
});

describe('bid', () => {
  it('gives the floor to the highest bid, asking every eligible seat in a tiny quiet request', async () => {
    const bids: Record<string, string> = { Ann: '3', Bob: '8', Cy: 'no idea', Dee: '5' };
    const { events, fake } = await run({ speakerPolicy: 'bid', turns: 1, summary: false }, (r) =>
      r.purpose === 'bid' ? (bids[r.speaker] ?? '0') : `${r.speaker} speaks.`,
    );
    const asked = fake.requests.filter((r) => r.purpose === 'bid');
    expect(asked).toHaveLength(4);
    expect(asked.every((r) => r.maxTokens <= 8)).toBe(true);
    expect(
      lastUserMessage(asked[0] as ModelRequest).endsWith(
        'Moderator: Ann, how urgently do you want to speak next, 0-9? Answer with one digit.',
      ),
    ).toBe(true);
    expect(ofType(events, 'bids')[0]?.bids).toEqual([
      { seat: 1, speaker: 'Ann', bid: 3 },
      { seat: 2, speaker: 'Bob', bid: 8 },
      { seat: 3, speaker: 'Cy', bid: undefined },
      { seat: 4, speaker: 'Dee', bid: 5 },
    ]);
    expect(turnsOf(events)[0]).toMatchObject({ speaker: 'Bob', reason: 'bid', why: 'bid 8 of 9' });
    expect(ofType(events, 'text-delta').every((e) => e.turn === 1)).toBe(true);
  });

  it('settles a tie by fair', async () => {
    const { events } = await run({ speakerPolicy: 'bid', turns: 4, summary: false }, (r) =>
      r.purpose === 'bid' ? '7' : `${r.speaker} speaks.`,
    );
    const started = turnsOf(events);
    expect(started[0]?.why).toBe('bid 7 of 9, a tie of 4 settled by fair');
    // The last speaker is not asked: three bid, three tie.
    expect(started[1]?.why).toBe('bid 7 of 9, a tie of 3 settled by fair');
    started.forEach((e, i) => {
      if (i > 0) expect(e.speaker).not.toBe(started[i - 1]?.speaker);
    });
  });
});

describe('the time limit', () => {
  it('wraps up when the session says time is up, and says so', async () => {
    const controls = new DiscussionControls();
    const fake = new FakeModel(quiet);
    const events: DiscussionEvent[] = [];
    for await (const event of runDiscussion({
      table: fixtureTable,
      settings: fixtureSettings({ speakerPolicy: 'fair', turns: 10, closing: true }),
      model: fake.model,
      controls,
    })) {
      events.push(event);
      if (event.type === 'turn-ended' && event.turn === 2) controls.send({ type: 'time-up' });
    }
    expect(turnsOf(events).filter((e) => e.phase === 0)).toHaveLength(2);
    const ended = ofType(events, 'phase-ended') as EventOf<'phase-ended'>[];
    expect(ended.map((e) => [e.kind, e.reason])).toEqual([
      ['discussion', 'time-up'],
      ['closing', 'done'],
      ['summary', 'done'],
    ]);
    expect(ofType(events, 'command').map((e) => e.command.type)).toEqual(['time-up']);
  });
});
