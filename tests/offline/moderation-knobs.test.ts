// The moderation guards against seats that misbehave on purpose: the real engine and OpenAI
// client against the bundled Markov server, its knobs (README "Knobs") set per seat in the model
// name. What the issue asks of the guards, measured on what the offline model really says.
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent, EventOf } from '../../src/engine/events.js';
import type { Table } from '../../src/engine/table.js';
import { LIBRARY_TABLE, runOffline } from './offline-run.js';

const turnsOf = (events: readonly DiscussionEvent[]): EventOf<'turn-started'>[] =>
  events.filter(
    (e): e is EventOf<'turn-started'> => e.type === 'turn-started' && e.kind === 'turn',
  );
const endedOf = (events: readonly DiscussionEvent[]): EventOf<'turn-ended'>[] =>
  events.filter((e): e is EventOf<'turn-ended'> => e.type === 'turn-ended');

/** Every seat's model, by its place at the table (undefined: the plain Markov model). */
function withModels(
  models: (name: string, i: number, names: string[]) => string,
): (t: Table) => Table {
  return (table) => {
    const names = table.participants.map((p) => p.name);
    return {
      ...table,
      participants: table.participants.map((p, i) => ({ ...p, model: models(p.name, i, names) })),
    };
  };
}

/** The longest run of consecutive turns held alternately by the same two seats. */
function longestAlternation(speakers: readonly string[]): number {
  let longest = Math.min(speakers.length, 1);
  let run = 1;
  for (let i = 1; i < speakers.length; i++) {
    const alternating =
      speakers[i] !== speakers[i - 1] && (run === 1 || speakers[i] === speakers[i - 2]);
    run = alternating ? run + 1 : speakers[i] === speakers[i - 1] ? 1 : 2;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** The most turns any seat held in any window of `size` consecutive turns. */
function mostInWindow(speakers: readonly string[], size: number): number {
  let most = 0;
  for (let start = 0; start + size <= speakers.length; start++) {
    const counts = new Map<string, number>();
    for (const speaker of speakers.slice(start, start + size))
      counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
    most = Math.max(most, ...counts.values());
  }
  return most;
}

describe('the guards against the offline model’s knobs', () => {
  // Every seat repeats its last turn 30% of the time: one run, read by two tests.
  let repeats: ReturnType<typeof runOffline> | undefined;
  const repeatRun = () => {
    repeats ??= runOffline(LIBRARY_TABLE, {
      seed: 11,
      turns: 200,
      config: { speakerPolicy: 'fair', summary: false },
      table: withModels(() => 'markov?repeat=0.3&mention=0'),
    });
    return repeats;
  };

  it.each(['fair', 'random'])(
    'two seats that name each other every turn (%s): no A↔B run past 4 turns, nobody above twice its share',
    async (speakerPolicy) => {
      const run = await runOffline(LIBRARY_TABLE, {
        seed: 7,
        turns: 200,
        config: { speakerPolicy, summary: false },
        table: withModels((_, i, names) =>
          i === 0
            ? `markov?mention=1&to=${names[1]}`
            : i === 1
              ? `markov?mention=1&to=${names[0]}`
              : 'markov',
        ),
      });
      const started = turnsOf(run.events);
      expect(started).toHaveLength(200);
      // The knob works: the two seats do name each other, and the guard has to step in.
      expect(started.filter((e) => e.reason === 'mention').length).toBeGreaterThan(40);
      expect(started.some((e) => e.guard === 'ping-pong')).toBe(true);
      const speakers = started.map((e) => e.speaker);
      expect(longestAlternation(speakers)).toBeLessThanOrEqual(4);
      // 5 seats: any 10 turns hold at most twice the fair share of 2.
      expect(mostInWindow(speakers, 10)).toBeLessThanOrEqual(4);
    },
    180_000,
  );

  it('flags at least 95% of injected repeats (30% of turns), and under 2% of the rest', async () => {
    const run = await repeatRun();
    const ended = endedOf(run.events).filter((e) => e.status === 'complete');
    // The model marks what it repeats: "As I said, …" and its own last turn.
    const injected = ended.filter((e) => /^As I said,/.test(e.text));
    const fresh = ended.filter((e) => !/^As I said,/.test(e.text));
    expect(injected.length).toBeGreaterThan(40);
    const caught = injected.filter((e) => e.repeat !== undefined).length / injected.length;
    const falselyFlagged = fresh.filter((e) => e.repeat !== undefined).length / fresh.length;
    expect(caught).toBeGreaterThanOrEqual(0.95);
    expect(falselyFlagged).toBeLessThan(0.02);
  }, 180_000);

  it('opens a turn on "As I said" only to repeat the seat\'s last turn, never a walk learned from the repeats', async () => {
    const run = await repeatRun();
    // Without the rule, walks picked the marker up from the conversation's repeats ("As I said, I
    // stand.", "… The second year. As I said, I think we should …") and the test above counted
    // them as repeats the guard missed.
    const last = new Map<string, string>();
    let marked = 0;
    for (const e of endedOf(run.events).filter((e) => e.status === 'complete')) {
      const before = (last.get(e.speaker) ?? '').replace(/^As I said, /, '');
      for (const at of e.text.matchAll(/\bas I said\b/gi)) {
        marked++;
        expect(at.index, e.text).toBe(0);
        expect(before !== '' && e.text.endsWith(before.slice(1)), e.text).toBe(true);
      }
      last.set(e.speaker, e.text);
    }
    expect(marked).toBeGreaterThan(40);
  }, 180_000);

  it('fair gives each of 5 seats 20% ± 3 points of 400 turns when nobody names anyone', async () => {
    const run = await runOffline(LIBRARY_TABLE, {
      seed: 5,
      turns: 400,
      // No invitations: the moderator asks nobody to name anyone.
      config: { speakerPolicy: 'fair', summary: false, askOpinionEvery: 10_000 },
      table: withModels(() => 'markov?mention=0'),
    });
    const started = turnsOf(run.events);
    expect(started).toHaveLength(400);
    expect(started.filter((e) => e.reason === 'mention')).toHaveLength(0);
    const counts = new Map<string, number>();
    for (const e of started) counts.set(e.speaker, (counts.get(e.speaker) ?? 0) + 1);
    expect(counts.size).toBe(5);
    for (const count of counts.values())
      expect(Math.abs(count / 400 - 0.2)).toBeLessThanOrEqual(0.03);
  }, 240_000);
});

describe('the model-driven policies against the offline model', () => {
  it('moderator: its JSON answers choose the speakers, with a reason, and no fallback', async () => {
    // The moderator may end a run early (endChance: 1 in 16 with two turns left, rarely sooner),
    // so each run is read for whether it did, and runs are added until enough turns were given.
    let given = 0;
    for (let seed = 3; given < 15; seed++) {
      expect(seed, 'five runs all ended before 15 turns were given').toBeLessThan(8);
      const run = await runOffline(LIBRARY_TABLE, {
        seed,
        turns: 20,
        // Nobody names anyone, so every turn is the moderator's to give.
        config: { speakerPolicy: 'moderator', summary: false, askOpinionEvery: 10_000 },
        table: withModels(() => 'markov?mention=0'),
      });
      const decisions = run.events.filter(
        (e): e is EventOf<'moderator-decision'> => e.type === 'moderator-decision',
      );
      const turns = turnsOf(run.events);
      expect(decisions.filter((d) => d.fallback !== undefined)).toEqual([]);
      // An 'end' is its last decision and no turn follows it; without one the run used its turns.
      const end = decisions.findIndex((d) => d.action === 'end');
      if (end === -1) expect(turns.length, `seed ${seed}`).toBe(20);
      else expect(end, `seed ${seed}`).toBe(decisions.length - 1);
      const gave = decisions.filter((d) => d.action !== 'end');
      // Every turn that ran went where an answer said, for the reason it gave.
      expect(turns.map((t) => [t.turn, t.speaker, t.reason])).toEqual(
        gave.map((d) => [d.turn, d.next, 'llm-moderator']),
      );
      for (const turn of turns) expect(turn.why?.length ?? 0).toBeGreaterThan(0);
      // It asked with a JSON schema, and the requests went out as the moderator.
      const asked = run.requests.filter((r) => r.purpose === 'moderator');
      expect(asked.length).toBe(decisions.length);
      expect(asked.every((r) => r.responseFormat?.type === 'json_schema')).toBe(true);
      given += gave.length;
    }
  }, 240_000);

  it('moderator: lets a 60-turn discussion use its turns, ending it (if at all) only near the end', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const run = await runOffline(LIBRARY_TABLE, {
        seed,
        turns: 60,
        config: { speakerPolicy: 'moderator', summary: false },
      });
      // Its answers said "end" ~5% of the time whatever the budget: most runs ended by turn 20.
      expect(turnsOf(run.events).length, `seed ${seed}`).toBeGreaterThanOrEqual(50);
    }
  }, 180_000);

  it('bid: the seat that always bids 9 wins every bid it is in', async () => {
    const run = await runOffline(LIBRARY_TABLE, {
      seed: 3,
      turns: 20,
      config: { speakerPolicy: 'bid', summary: false },
      table: withModels((_, i) => (i === 2 ? 'markov?bid=9&mention=0' : 'markov?bid=2&mention=0')),
    });
    const eager = run.table.participants[2]?.name;
    const rounds = run.events.filter((e): e is EventOf<'bids'> => e.type === 'bids');
    expect(rounds.length).toBeGreaterThan(5);
    const byTurn = new Map(turnsOf(run.events).map((e) => [e.turn, e]));
    for (const round of rounds) {
      const bidders = round.bids.map((b) => b.speaker);
      const turn = byTurn.get(round.turn);
      if (bidders.includes(eager ?? '') && turn?.reason === 'bid') expect(turn.speaker).toBe(eager);
    }
    expect(turnsOf(run.events).filter((e) => e.speaker === eager).length).toBeGreaterThan(5);
  }, 120_000);
});
