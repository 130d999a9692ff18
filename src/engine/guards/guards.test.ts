import { describe, expect, it } from 'vitest';
import { ControlWordStream, takeControlWord } from '../control-words.js';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent, EventOf } from '../events.js';
import type { FloorEntry } from '../floor-record.js';
import type { EngineSettings, Table } from '../table.js';
import {
  collect,
  FakeModel,
  lastUserMessage,
  ofType,
  type Script,
} from '../test-utils/fake-model.js';
import { fixtureSettings, numberedTable } from '../test-utils/fixture.js';
import { dominationVeto, pingPongVeto, silenceDue } from './floor-guards.js';
import { findRepeat, shingles, similarity } from './repetition.js';

async function run(settings: Partial<EngineSettings>, script: Script, table: Table) {
  const fake = new FakeModel(script);
  const events = await collect(
    runDiscussion({ table, settings: fixtureSettings(settings), model: fake.model }),
  );
  return { events, fake };
}

const turnsOf = (events: readonly DiscussionEvent[]) =>
  ofType(events, 'turn-started').filter((e) => e.kind === 'turn');
const name = (index: number) => `P${index + 1}`;
const entry = (step: number, index: number, reason: FloorEntry['reason']): FloorEntry => ({
  step,
  index,
  reason,
});

/** The longest run of turns in which the same two seats alternate on mentions. */
function longestPingPong(started: readonly EventOf<'turn-started'>[]): number {
  let longest = 1;
  let run = 1;
  for (let i = 1; i < started.length; i++) {
    const a = started[i - 2]?.speaker;
    const b = started[i - 1]?.speaker;
    const c = started[i];
    const alternating =
      c?.reason === 'mention' && (run === 1 || c.speaker === a) && c.speaker !== b;
    run = alternating ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

describe('the floor guards as rules', () => {
  it('ping-pong: a fifth alternating turn on mentions is refused', () => {
    const record = [
      entry(1, 0, 'fair'),
      entry(2, 1, 'mention'),
      entry(3, 0, 'mention'),
      entry(4, 1, 'mention'),
    ];
    expect(pingPongVeto(record, 0, 4, name)?.why).toBe(
      'ping-pong guard: P2 and P1 alternated 4 turns',
    );
    expect(pingPongVeto(record.slice(0, 3), 1, 4, name)).toBeUndefined();
    expect(pingPongVeto(record, 2, 4, name)).toBeUndefined();
    expect(pingPongVeto(record, 0, 0, name)).toBeUndefined();
  });

  it('domination: more than twice the fair share of 2 × seats turns is refused, unless a person gave it', () => {
    const record = [0, 1, 0, 2, 0, 3, 0].map((index, k) => entry(k + 1, index, 'mention'));
    expect(dominationVeto(record, 0, 4, 2, name)?.guard).toBe('domination');
    const given = record.map((e) => (e.index === 0 ? { ...e, reason: 'moderator' as const } : e));
    expect(dominationVeto(given, 0, 4, 2, name)).toBeUndefined();
  });

  it('silence: everyone speaks by turn seats + 1; nobody waits more than 3 × seats', () => {
    const early = [entry(1, 0, 'fair'), entry(2, 1, 'fair'), entry(3, 0, 'fair')];
    // Step 4 of 4 seats: P3 and P4 are unheard and two steps are left until step 5.
    expect(silenceDue(early, [0, 1, 2, 3], 4, 3, name)).toMatchObject({ index: 2 });
    expect(silenceDue(early, [0, 1, 2, 3], 3, 3, name)).toBeUndefined();
    const long = [
      entry(1, 2, 'fair'),
      ...Array.from({ length: 12 }, (_, k) => entry(k + 2, k % 2, 'fair')),
    ];
    expect(silenceDue([...long, entry(14, 3, 'fair')], [0, 1, 2, 3], 15, 3, name)).toMatchObject({
      index: 2,
      why: 'silence guard: P3 has waited 13 turns',
    });
  });
});

describe('the guards in a discussion', () => {
  const table = numberedTable(5);

  it('two seats that always name each other alternate at most 4 turns; nobody holds the floor', async () => {
    const script: Script = (r) =>
      r.speaker === 'P1'
        ? 'P2, what do you think?'
        : r.speaker === 'P2'
          ? 'P1, over to you.'
          : 'I see.';
    const { events } = await run(
      { speakerPolicy: 'fair', turns: 200, summary: false, wrapUpTurns: 0 },
      script,
      table,
    );
    const started = turnsOf(events);
    expect(longestPingPong(started)).toBeLessThanOrEqual(4);
    expect(started.some((e) => e.guard === 'ping-pong')).toBe(true);
    expectNoDomination(started, 5);
  }, 60_000);

  it('a seat everyone names holds no more than twice its fair share of any 2 × seats turns', async () => {
    // P1 hands the floor round the table, and everyone hands it back to P1.
    const script: Script = (r, call) =>
      r.speaker === 'P1' ? `P${2 + (call % 4)}, you first.` : 'P1, what do you say?';
    const { events } = await run(
      { speakerPolicy: 'random', turns: 200, summary: false, wrapUpTurns: 0 },
      script,
      table,
    );
    const started = turnsOf(events);
    expectNoDomination(started, 5);
    expect(started.some((e) => e.guard === 'domination')).toBe(true);
  }, 60_000);

  it('every seat speaks by turn seats + 1 and nobody waits more than 3 × seats turns', async () => {
    const script: Script = (r) => (r.speaker === 'P1' ? 'P2?' : r.speaker === 'P2' ? 'P3?' : 'P1?');
    const { events } = await run(
      { speakerPolicy: 'round-robin', turns: 120, summary: false, wrapUpTurns: 0 },
      script,
      table,
    );
    const started = turnsOf(events);
    const firstSix = new Set(started.slice(0, 6).map((e) => e.speaker));
    expect(firstSix.size).toBe(5);
    const last = new Map<string, number>();
    started.forEach((e, k) => {
      const before = last.get(e.speaker);
      if (before !== undefined) expect(k - before - 1).toBeLessThanOrEqual(15);
      last.set(e.speaker, k);
    });
    expect(started.some((e) => e.guard === 'silence')).toBe(true);
  }, 60_000);

  it('leaves the original policy unguarded', async () => {
    const script: Script = (r) => (r.speaker === 'P1' ? 'P2, you.' : 'P1, you.');
    const { events } = await run({ turns: 60, summary: false, wrapUpTurns: 0 }, script, table);
    expect(turnsOf(events).every((e) => e.guard === undefined)).toBe(true);
    expect(longestPingPong(turnsOf(events))).toBeGreaterThan(4);
  });
});

function expectNoDomination(started: readonly EventOf<'turn-started'>[], seats: number): void {
  const window = 2 * seats;
  for (let k = 0; k + window <= started.length; k++) {
    const counts = new Map<string, number>();
    for (const e of started.slice(k, k + window)) {
      if (e.reason === 'moderator' || e.reason === 'llm-moderator') continue;
      counts.set(e.speaker, (counts.get(e.speaker) ?? 0) + 1);
    }
    for (const count of counts.values()) expect(count).toBeLessThanOrEqual(4);
  }
}

describe('repetition', () => {
  it('scores the word 3-grams two replies share, of all they have', () => {
    const a = shingles('The tram pays back over thirty years, as I said before.');
    const b = shingles('As I said, the tram pays back over thirty years, as I said before.');
    // 9 shared of 11 in all.
    expect(similarity(a, b)).toBeCloseTo(9 / 11, 5);
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, shingles('Parks need money for upkeep every single year.'))).toBe(0);
  });

  it('finds the earlier turn a reply repeats, among the last ten', () => {
    const entries = [
      {
        kind: 'turn' as const,
        seat: 1,
        speaker: 'A',
        text: 'Trams cost the most up front and pay back over thirty years.',
        turn: 3,
      },
      { kind: 'moderator' as const, text: 'New topic: money.' },
      {
        kind: 'turn' as const,
        seat: 2,
        speaker: 'B',
        text: 'Parks fail without money for upkeep.',
        turn: 4,
      },
    ];
    expect(
      findRepeat(
        'As I said: trams cost the most up front and pay back over thirty years.',
        entries,
        0.6,
      ),
    ).toEqual({ of: 3, similarity: 0.769 });
    expect(
      findRepeat('Housing above the stops would let the land value pay.', entries, 0.6),
    ).toBeUndefined();
    expect(findRepeat('Agreed.', entries, 0.6)).toBeUndefined();
  });

  const echo: Script = (r, call) => {
    const own = r.messages.filter((m) => m.role === 'assistant').at(-1)?.content;
    if (own !== undefined && call % 3 === 0) return `As I said, ${own}`;
    return `${r.speaker} makes point number ${call} about the ${['tram', 'park', 'levy', 'bridge'][call % 4]} and its cost in year ${call * 7}.`;
  };

  it('marks a repeat and asks the seat for a new point next time', async () => {
    const { events, fake } = await run(
      { speakerPolicy: 'fair', turns: 20, summary: false },
      echo,
      numberedTable(3),
    );
    const repeats = ofType(events, 'turn-ended').filter((e) => e.repeat !== undefined);
    expect(repeats.length).toBeGreaterThan(2);
    const marked = repeats[0] as EventOf<'turn-ended'>;
    const next = fake.requests.find(
      (r, k) =>
        k >
          fake.requests.findIndex(
            (q) =>
              q.speaker === marked.speaker &&
              lastUserMessage(q).includes(`turn ${marked.turn - 0}`),
          ) && r.speaker === marked.speaker,
    );
    expect(next === undefined ? '' : lastUserMessage(next)).toContain(
      'Your last reply repeated an earlier turn: make a new point this time.',
    );
  });

  it('with onRepeat regenerate, withdraws the repeat and asks the turn again, once', async () => {
    const { events, fake } = await run(
      { speakerPolicy: 'fair', turns: 12, summary: false, onRepeat: 'regenerate' },
      echo,
      numberedTable(3),
    );
    const discarded = ofType(events, 'reply-discarded');
    expect(discarded.length).toBeGreaterThan(0);
    const first = discarded[0] as EventOf<'reply-discarded'>;
    expect(first.text).toMatch(/^As I said/u);
    const again = fake.requests.filter((r) =>
      lastUserMessage(r).includes(`That nearly repeated turn ${first.repeat.of}`),
    );
    expect(again.length).toBeGreaterThan(0);
    const ended = ofType(events, 'turn-ended').find((e) => e.turn === first.turn);
    expect(ended?.text).not.toBe(first.text);
    const total = ofType(events, 'discussion-ended')[0]?.usage.promptTokens ?? 0;
    const counted =
      ofType(events, 'turn-ended').reduce((n, e) => n + e.usage.promptTokens, 0) +
      discarded.reduce((n, e) => n + e.usage.promptTokens, 0);
    expect(total).toBe(counted);
  });
});

describe('control words', () => {
  it('come off the end of a reply, and only at the end', () => {
    expect(takeControlWord('I have said my piece. [pass]')).toEqual({
      text: 'I have said my piece.',
      control: 'pass',
    });
    expect(takeControlWord('Goodbye, all. [LEAVE].')).toEqual({
      text: 'Goodbye, all.',
      control: 'leave',
    });
    expect(takeControlWord('We are done (end)')).toEqual({ text: 'We are done', control: 'end' });
    expect(takeControlWord('I [pass] on that one, but listen.')).toEqual({
      text: 'I [pass] on that one, but listen.',
    });
  });

  it('are held back while streaming until they cannot be one', () => {
    const stream = new ControlWordStream();
    expect(stream.push('Fine by me. [pa')).toBe('Fine by me.');
    expect(stream.push('ss]')).toBe('');
    expect(stream.end()).toBe('');
    const other = new ControlWordStream();
    expect(other.push('See [')).toBe('See');
    expect(other.push('figure 3] above.')).toBe(' [figure 3] above.');
    expect(other.end()).toBe('');
  });

  const words: Script = (r, call) => {
    if (r.speaker === 'P2' && call < 6) return 'Thank you all, I must go. [leave]';
    if (r.speaker === 'P3') return 'P1, over to you. [pass]';
    return `${r.speaker} adds a thought, turn ${call}.`;
  };

  it('[pass] yields the floor (its mention is not followed), [leave] leaves for good', async () => {
    const { events, fake } = await run(
      { speakerPolicy: 'fair', turns: 16, summary: false },
      words,
      numberedTable(4),
    );
    const ended = ofType(events, 'turn-ended');
    const left = ended.find((e) => e.control === 'leave');
    expect(left?.text).toBe('Thank you all, I must go.');
    const after = turnsOf(events).filter((e) => e.turn > (left?.turn ?? 0));
    expect(after.some((e) => e.speaker === 'P2')).toBe(false);
    const passed = ended.filter((e) => e.control === 'pass');
    expect(passed.length).toBeGreaterThan(0);
    for (const pass of passed) {
      const next = turnsOf(events).find((e) => e.turn === pass.turn + 1);
      expect(next?.reason).not.toBe('mention');
    }
    expect(ofType(events, 'text-delta').some((e) => e.text.includes('['))).toBe(false);
    expect(fake.requests[0]?.messages[0]?.content).toContain('[pass] to yield the floor');
  });

  it('[end] from most of the table ends the discussion phase; the summary still comes', async () => {
    const { events } = await run(
      { speakerPolicy: 'round-robin', turns: 20 },
      (r) => (r.purpose === 'summary' ? 'In sum.' : `${r.speaker} thinks we are done. [end]`),
      numberedTable(4),
    );
    expect(turnsOf(events)).toHaveLength(3);
    expect(ofType(events, 'phase-ended')[0]).toMatchObject({
      kind: 'discussion',
      reason: 'majority',
    });
    expect(ofType(events, 'summary')).toHaveLength(1);
  });

  it('are not offered with the original policy, or with controlWords off', async () => {
    const { fake } = await run(
      { turns: 1, summary: false },
      (r) => `${r.speaker} [pass]`,
      numberedTable(2),
    );
    expect(fake.requests[0]?.messages[0]?.content).not.toContain('[pass]');
    const off = await run(
      { speakerPolicy: 'fair', controlWords: false, turns: 1, summary: false },
      (r) => `${r.speaker} [pass]`,
      numberedTable(2),
    );
    expect(off.fake.requests[0]?.messages[0]?.content).not.toContain('[pass]');
    expect(ofType(off.events, 'turn-ended')[0]?.text).toMatch(/\[pass\]$/u);
  });
});
