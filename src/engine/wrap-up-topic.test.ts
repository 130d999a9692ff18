// A wrap-up turn draws the points together: the schedule's topic change, drawn there as on any
// turn, is held back and the turn's start says so. A person's or the LLM moderator's change is
// theirs to make.
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent, EventOf } from './events.js';
import { ofType } from './test-utils/fake-model.js';
import { plainReply, runScripted, turnsOf } from './test-utils/scripted-run.js';

const HELD = { decision: 'topic-change', reason: 'wrap-up' } as const;

const heldTopic = (e: EventOf<'turn-started'>) =>
  (e.withheld ?? []).some((h) => h.decision === 'topic-change');
/** The turns the schedule moved the topic on. */
const scheduledChanges = (events: readonly DiscussionEvent[]) =>
  ofType(events, 'topic-changed')
    .filter((e) => e.reason === 'schedule')
    .map((e) => e.turn);

describe('topics on wrap-up turns', () => {
  it('never change on the schedule; every other turn changes when drawn to', async () => {
    const { events } = await runScripted({
      settings: { turns: 9, wrapUpTurns: 3, topicChangeEvery: 1, summary: false },
      script: plainReply,
    });
    expect(scheduledChanges(events)).toEqual([2, 3, 4, 5, 6]);
    const started = turnsOf(events);
    expect(started.map(heldTopic)).toEqual([...Array(6).fill(false), true, true, true]);
    expect(started.at(-1)?.withheld).toContainEqual(HELD);
    // The speaker is told the topic it was on.
    expect(started.slice(6).map((e) => e.topic)).toEqual([
      started[5]?.topic,
      started[5]?.topic,
      started[5]?.topic,
    ]);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'hold back exactly the changes a run without wrap-up makes there (seed %i)',
    async (seed) => {
      let held = 0;
      for (let turns = 2; turns <= 10; turns++) {
        const base = { seed, turns, topicChangeEvery: 3, summary: false };
        const free = await runScripted({
          settings: { ...base, wrapUpTurns: 0 },
          script: plainReply,
        });
        const wrapped = await runScripted({
          settings: { ...base, wrapUpTurns: 3 },
          script: plainReply,
        });
        const from = Math.max(1, turns - 2);
        const label = `seed ${seed}, ${turns} turns`;
        const beforeWrapUp = (turn: number) => turn < from;
        // Before the wrap-up the two runs are one; in it the changes become held-back draws.
        expect(scheduledChanges(wrapped.events).filter(beforeWrapUp), label).toEqual(
          scheduledChanges(free.events).filter(beforeWrapUp),
        );
        expect(
          scheduledChanges(wrapped.events).filter((t) => !beforeWrapUp(t)),
          label,
        ).toEqual([]);
        const heldAt = turnsOf(wrapped.events)
          .filter(heldTopic)
          .map((e) => e.turn);
        // With three questions a drawn change always has somewhere to go: the same draws.
        expect(heldAt, label).toEqual(
          scheduledChanges(free.events).filter((t) => !beforeWrapUp(t)),
        );
        held += heldAt.length;
      }
      expect(held).toBeGreaterThan(0);
    },
  );
});
