// A wrap-up turn draws the points together: the schedule's topic change, drawn there as on any
// turn (or waiting from an earlier one), is held back, the turn's start says so, and it waits no
// longer. A person's or the LLM moderator's change is theirs to make.
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent, EventOf } from './events.js';
import { ofType } from './test-utils/fake-model.js';
import { fixtureSettings } from './test-utils/fixture.js';
import { plainReply, runScripted, topicDrawn, turnsOf } from './test-utils/scripted-run.js';

const HELD = { decision: 'topic-change', reason: 'wrap-up' } as const;

const heldTopic = (e: EventOf<'turn-started'>) =>
  (e.withheld ?? []).some((h) => h.decision === 'topic-change');
/** The turns the schedule moved the topic on. */
const scheduledChanges = (events: readonly DiscussionEvent[]) =>
  ofType(events, 'topic-changed')
    .filter((e) => e.reason === 'schedule')
    .map((e) => e.turn);

describe('topics on wrap-up turns', () => {
  it('never change on the schedule; every other turn changes when its topic had two turns', async () => {
    const { events } = await runScripted({
      settings: { turns: 9, wrapUpTurns: 3, topicChangeEvery: 1, summary: false },
      script: plainReply,
    });
    expect(scheduledChanges(events)).toEqual([3, 5]);
    const started = turnsOf(events);
    // Every turn draws: a turn that makes a change holds the next one for the new topic.
    expect(started.map(heldTopic)).toEqual([false, ...Array(8).fill(true)]);
    expect(started.slice(6).map((e) => e.withheld)).toEqual(Array(3).fill([HELD]));
    // The speaker is told the topic it was on.
    expect(started.slice(6).map((e) => e.topic)).toEqual([
      started[5]?.topic,
      started[5]?.topic,
      started[5]?.topic,
    ]);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'hold back exactly the changes due there, and nothing waits past them (seed %i)',
    async (seed) => {
      let held = 0;
      for (let turns = 2; turns <= 10; turns++) {
        const base = { seed, turns, topicChangeEvery: 3, summary: false };
        const free = await runScripted({
          settings: { ...base, wrapUpTurns: 0 },
          script: plainReply,
        });
        const settings = { ...base, wrapUpTurns: 3 };
        const wrapped = await runScripted({ settings, script: plainReply });
        const from = Math.max(1, turns - 2);
        const label = `seed ${seed}, ${turns} turns`;
        const beforeWrapUp = (turn: number) => turn < from;
        // Before the wrap-up the two runs are one; in it no change is made.
        expect(scheduledChanges(wrapped.events).filter(beforeWrapUp), label).toEqual(
          scheduledChanges(free.events).filter(beforeWrapUp),
        );
        expect(
          scheduledChanges(wrapped.events).filter((t) => !beforeWrapUp(t)),
          label,
        ).toEqual([]);
        // Its first turn holds back what the run without wrap-up made or held there (a change
        // drawn then, or waiting from before); the later ones hold back their own draws.
        const decided = (run: { events: DiscussionEvent[] }, turn: number) =>
          scheduledChanges(run.events).includes(turn) ||
          turnsOf(run.events).some((e) => e.turn === turn && heldTopic(e));
        const heldAt = turnsOf(wrapped.events)
          .filter(heldTopic)
          .map((e) => e.turn);
        const expected = [
          ...(from > 1 && decided(free, from) ? [from] : []),
          ...Array.from({ length: turns - from }, (_, k) => from + 1 + k).filter((t) =>
            topicDrawn(fixtureSettings(settings), t),
          ),
        ];
        expect(
          heldAt.filter((t) => !beforeWrapUp(t)),
          label,
        ).toEqual(expected);
        held += expected.length;
      }
      expect(held).toBeGreaterThan(0);
    },
  );
});
