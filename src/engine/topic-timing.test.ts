// When the schedule moves the topic. It draws a change on every turn after the first, as before,
// and makes it on the first turn that may take it: not while a seat named in the last reply (or
// by a person) answers what it was asked, and not before the topic has had two turns. A turn
// that waits says so (`withheld`), and the change is made by a later turn without a draw of its
// own; a draw while one waits is kept too (two wait at most). A wrap-up turn drops them. A
// person's /next-topic and the LLM moderator act at once.
import { describe, expect, it } from 'vitest';
import type { Command } from './commands.js';
import type { DiscussionEvent, EventOf, TopicHold } from './events.js';
import { MAX_TOPICS_DUE, wrapUpFrom } from './schedule.js';
import type { EngineSettings } from './table.js';
import { ofType, type Script } from './test-utils/fake-model.js';
import { fixtureSettings } from './test-utils/fixture.js';
import { hash, NAMES, variedScript } from './test-utils/planned-run.js';
import { plainReply, runScripted, topicDrawn, turnsOf } from './test-utils/scripted-run.js';
import { steer } from './test-utils/steer.js';

/** Every reply asks the seat after the speaker a question: every floor goes by a mention. */
const naming: Script = (request) => {
  const next = NAMES[(NAMES.indexOf(request.speaker) + 1) % NAMES.length];
  return `${request.speaker} asks: ${next}, what do you think?`;
};

/**
 * About half the replies ask someone by name, the others name nobody; by the request's place in
 * the run, not its words, so a shorter run hears the same replies as a longer one's first turns.
 */
const mixed = (): Script => {
  let asked = 0;
  return (request) => {
    const h = hash(`${request.speaker} ${asked++}`);
    return h % 2 === 0
      ? `${request.speaker} wonders ${h % 89}: what do you say, ${NAMES[h % 4]}?`
      : `${request.speaker} notes ${h % 97}.`;
  };
};

const scheduled = (events: readonly DiscussionEvent[]) =>
  ofType(events, 'topic-changed').filter((e) => e.reason === 'schedule');
const topicHeld = (e: EventOf<'turn-started'>): TopicHold | undefined =>
  e.withheld?.find((h) => h.decision === 'topic-change')?.reason;

/**
 * Reads a one-phase discussion's events and checks every rule of the scheduled topic change,
 * turn by turn, against the draws computed on their own. Returns how often each kind of
 * decision was seen.
 */
function expectTimedTopics(settings: EngineSettings, events: readonly DiscussionEvent[]) {
  const seen = { made: 0, answer: 0, 'fresh-topic': 0, 'wrap-up': 0, waited: 0, kept: 0 };
  const wrapUp = wrapUpFrom(settings);
  let onTopic = 0;
  let waiting = 0;
  for (const started of turnsOf(events)) {
    const { turn } = started;
    const label = `seed ${settings.seed}, turn ${turn} of ${settings.turns}`;
    const changes = scheduled(events).filter((e) => e.turn === turn);
    const hold = started.withheld?.find((h) => h.decision === 'topic-change');
    const held = hold?.reason;
    const named = started.reason === 'mention' || started.reason === 'moderator';
    const draw = turn > 1 && topicDrawn(settings, turn);
    // A draw while one waits is kept, not lost.
    if (draw && waiting > 0) seen.kept += 1;
    let due = waiting + (draw ? 1 : 0);
    expect(changes.length, label).toBeLessThanOrEqual(1);
    if (changes.length > 0) {
      // A change is due (drawn now, or waiting), and nothing holds it.
      expect(due, label).toBeGreaterThan(0);
      expect(named, label).toBe(false);
      expect(onTopic, label).toBeGreaterThanOrEqual(2);
      expect(turn, label).toBeLessThan(wrapUp);
      seen.made += 1;
      if (!draw) seen.waited += 1;
      due -= 1;
      // Another one due waits for the new topic's second turn.
      expect(held, label).toBe(due > 0 ? 'fresh-topic' : undefined);
    } else if (held !== undefined) {
      expect(due, label).toBeGreaterThan(0);
      // The reason it gives is true of the turn, in this order.
      if (turn >= wrapUp) expect(held, label).toBe('wrap-up');
      else if (named) expect(held, label).toBe('answer');
      else {
        expect(held, label).toBe('fresh-topic');
        expect(onTopic, label).toBeLessThan(2);
      }
      seen[held] += 1;
    } else {
      // Three questions: a due change always has somewhere to go, so it is made or held.
      expect(due, label).toBe(0);
    }
    waiting = held === 'wrap-up' ? 0 : Math.min(due, MAX_TOPICS_DUE);
    expect(hold?.due, label).toBe(held !== undefined && waiting > 1 ? waiting : undefined);
    onTopic = changes.length > 0 ? 1 : onTopic + 1;
  }
  return seen;
}

describe('scheduled topic changes', () => {
  // Varied replies hash the whole request (turns left too): a shorter run hears other words.
  const scripts = {
    plain: () => plainReply,
    mixed,
    varied: () => variedScript,
  } as const;

  it.each(Object.keys(scripts) as (keyof typeof scripts)[])(
    'wait for the answer and for a second turn, and are made next (%s replies)',
    async (name) => {
      const totals = { made: 0, answer: 0, 'fresh-topic': 0, 'wrap-up': 0, waited: 0, kept: 0 };
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        for (const wrapUpTurns of [0, 3]) {
          const long = fixtureSettings({ seed, turns: 12, wrapUpTurns, topicChangeEvery: 2 });
          const full = await runScripted({ settings: long, script: scripts[name]() });
          const seen = expectTimedTopics(long, full.events);
          for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
            totals[key] += seen[key];
          }
          if (wrapUpTurns > 0 || name === 'varied') continue;
          // Without a wrap-up nothing looks ahead: a shorter run is the longer one's start.
          for (let turns = 1; turns < 12; turns++) {
            const short = await runScripted({
              settings: { ...long, turns, summary: false },
              script: scripts[name](),
            });
            const within = (e: { turn: number }) => e.turn <= turns;
            expect(scheduled(short.events), `${turns} turns`).toEqual(
              scheduled(full.events).filter(within),
            );
            expect(turnsOf(short.events).map(topicHeld), `${turns} turns`).toEqual(
              turnsOf(full.events).filter(within).map(topicHeld),
            );
          }
        }
      }
      // Every rule was met somewhere.
      expect(totals.made).toBeGreaterThan(5);
      expect(totals['fresh-topic']).toBeGreaterThan(0);
      expect(totals.waited).toBeGreaterThan(0);
      expect(totals.kept).toBeGreaterThan(0);
      if (name !== 'plain') expect(totals.answer).toBeGreaterThan(0);
    },
    60_000,
  );

  it('never interrupt a chain of named answers, and move on once nobody was named', async () => {
    const settings = { turns: 8, wrapUpTurns: 2, topicChangeEvery: 1, summary: false };
    const named = await runScripted({ settings, script: naming });
    expect(scheduled(named.events)).toEqual([]);
    expect(turnsOf(named.events).map(topicHeld)).toEqual([
      undefined,
      ...Array(5).fill('answer'),
      'wrap-up',
      'wrap-up',
    ]);
    // Nobody named: a change every second turn, each topic heard twice. Every turn draws, so a
    // turn that makes a change has another due, held for the new topic's second turn.
    const free = await runScripted({ settings, script: plainReply });
    expect(scheduled(free.events).map((e) => e.turn)).toEqual([3, 5]);
    expect(turnsOf(free.events).map((e) => e.topic.index)).toEqual([0, 0, 1, 1, 2, 2, 2, 2]);
    expect(turnsOf(free.events).map(topicHeld)).toEqual([
      undefined,
      ...Array(5).fill('fresh-topic'),
      'wrap-up',
      'wrap-up',
    ]);
  });

  it("wait for a seat a person named, and give way to a person's /next-topic at once", async () => {
    // During turn 3 a person asks Cy; during turn 5, on a topic one turn old, moves on.
    const commands = new Map<number, Command>([
      [3, { type: 'interject', text: '@Cy, what would it cost?' }],
      [5, { type: 'next-topic' }],
    ]);
    const { events } = await steer(
      plainReply,
      (event, controls) => {
        const command = event.type === 'turn-started' ? commands.get(event.turn) : undefined;
        if (command !== undefined) controls.send(command);
      },
      { turns: 8, wrapUpTurns: 0, topicChangeEvery: 1 },
    );
    const started = turnsOf(events);
    expect(started[3]).toMatchObject({ speaker: 'Cy', reason: 'moderator' });
    expect(ofType(events, 'topic-changed').map((e) => [e.turn, e.reason])).toEqual([
      [3, 'schedule'],
      [5, 'schedule'],
      [6, 'moderator'],
      [8, 'schedule'],
    ]);
    // Cy answers on the topic it was asked about; the person's move replaces turn 6's hold. Every
    // turn draws: a turn that makes a change holds the next one for the new topic's second turn.
    expect(started.map(topicHeld)).toEqual([
      undefined,
      'fresh-topic',
      'fresh-topic',
      'answer',
      'fresh-topic',
      undefined,
      'fresh-topic',
      'fresh-topic',
    ]);
  });
});
