// A whole discussion against a scripted model: who speaks when (the scheduler, mentions), the
// directives each turn carries, and topic changes.
import { describe, expect, it } from 'vitest';
import type { ModelRequest } from './model.js';
import { lastUserMessage, ofType } from './test-utils/fake-model.js';
import { numberedTable } from './test-utils/fixture.js';
import { plainReply, runScripted, speakersOf } from './test-utils/scripted-run.js';

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
      const { events } = await runScripted({
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
    const { events } = await runScripted({
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
    const scripted = await runScripted({
      settings: { turns: 2, summary: false },
      script: (r) => `Bob said so, then Dee; but as ${r.speaker} I say: ${r.speaker}!`,
    });
    const [first, second] = ofType(scripted.events, 'turn-started');
    const expected = first?.speaker === 'Dee' ? 'Bob' : 'Dee';
    expect(second).toMatchObject({ speaker: expected, reason: 'mention' });
  });

  it('ignores names inside words and picks randomly, never the previous speaker', async () => {
    const { events } = await runScripted({
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
    const { events, fake } = await runScripted({
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
    const { events } = await runScripted({
      table,
      settings: { turns: 3, summary: false },
      script: plainReply,
    });
    expect(speakersOf(events)).toEqual(['P1', 'P1', 'P1']);
  });
});

describe('directives and turns left', () => {
  it('gives wrap-up in exactly the last wrapUpTurns turns and counts turns left', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 8, wrapUpTurns: 3, askOpinionEvery: 0, summary: false },
      script: plainReply,
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
    const { events } = await runScripted({
      settings: { turns: 2, wrapUpTurns: 5, summary: false },
      script: plainReply,
    });
    expect(ofType(events, 'turn-started').map((e) => e.directives.includes('wrap-up'))).toEqual([
      true,
      true,
    ]);
  });

  it('puts the invite-opinions directive into the guidance when drawn', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 40, askOpinionEvery: 2, summary: false },
      script: plainReply,
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
    const { events, fake } = await runScripted({
      settings: { turns: 30, topicChangeEvery: 4, summary: false },
      script: plainReply,
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
