// The turn-scheduling engine's driver: pure (no I/O, no clock), seeded, driven by an AbortSignal
// and a command queue, and observable only through the events it yields. The parts live beside
// it: state.ts (what a run knows), formats.ts and phases/ (what is spoken, in which order),
// stream-reply.ts (replies as they stream), safe-point.ts (commands), outcome.ts (failures),
// resume.ts (taking up a recorded run).

import { CostLedger } from '../cost/ledger.js';
import type { DiscussionOptions } from './discussion-options.js';
import type { DiscussionEvent } from './events.js';
import { runPhases } from './phases/index.js';
import { outcomeEvent } from './record.js';
import { openingText } from './request.js';
import { resumePoint } from './resume.js';
import type { ResumePoint } from './resume-point.js';
import { DiscussionState } from './state.js';
import { TurnTally } from './turn-tally.js';

export type { DiscussionOptions } from './discussion-options.js';
export { MAX_CONSECUTIVE_FAILURES } from './outcome.js';

/** `source`'s events through `f`; stopping the result stops the source (its requests abort). */
async function* mapped<R>(
  source: AsyncGenerator<DiscussionEvent, R>,
  f: (event: DiscussionEvent) => DiscussionEvent,
): AsyncGenerator<DiscussionEvent, R> {
  try {
    for (;;) {
      const step = await source.next();
      if (step.done === true) return step.value;
      yield f(step.value);
    }
  } finally {
    await source.return(undefined as never);
  }
}

/**
 * The state a discussion starts (or resumes) from, before any event: the opening in the log, a
 * recorded run's costs counted and its state restored. Throws when the recording completed.
 */
export function startingState(options: DiscussionOptions): {
  state: DiscussionState;
  resume: ResumePoint | undefined;
} {
  const state = new DiscussionState(options);
  const resume = options.resume && resumePoint(options.table, options.resume.events);
  if (resume?.completed === true) {
    throw new RangeError('This discussion has already completed: there is nothing to resume');
  }
  for (const event of options.resume?.events ?? []) state.costs?.recount(event);
  state.log.append({ kind: 'moderator', text: openingText(state.settings, state.topic) });
  if (resume !== undefined) state.restore(resume);
  return { state, resume };
}

/**
 * Runs a discussion, yielding every event in order. Model failures become `error` events and
 * the generator never throws for them; a table without participants or questions is a
 * programming error and throws at once.
 */
export function runDiscussion(options: DiscussionOptions): AsyncGenerator<DiscussionEvent, void> {
  const { state, resume } = startingState(options);
  return run(state, resume, options.resume?.events ?? []);
}

async function* run(
  state: DiscussionState,
  resume: ResumePoint | undefined,
  recorded: readonly DiscussionEvent[],
): AsyncGenerator<DiscussionEvent, void> {
  // Every event passes here: its cost is stamped on it and counted (per seat, per phase).
  const ledger = new CostLedger();
  const tally = new TurnTally();
  const emit = (event: DiscussionEvent): DiscussionEvent => {
    const stamped = state.costs?.stamp(event) ?? event;
    ledger.observe(stamped);
    tally.observe(stamped);
    return stamped;
  };
  for (const event of recorded) {
    ledger.observe(event);
    tally.observe(event);
  }
  if (resume?.started !== true) {
    yield emit({
      type: 'discussion-started',
      seed: state.seed,
      settings: state.settings,
      participants: state.table.participants,
      task: state.table.task,
      topic: state.topic,
      ...(state.costs === undefined ? {} : { prices: state.costs.prices }),
    });
    for (const memory of state.memories) {
      const speaker = state.table.participants.find((p) => p.seat === memory.seat)?.name ?? '';
      yield emit({ type: 'seat-memory', speaker, ...memory });
    }
  }
  if (resume?.started === true)
    yield emit({ type: 'discussion-resumed', fromTurn: resume.nextTurn });
  const reason = yield* mapped(runPhases(state), emit);
  const outcome =
    reason === 'interrupted' || resume?.outcomeRecorded === true
      ? undefined
      : outcomeEvent(state, ledger, reason);
  if (outcome !== undefined) yield emit(outcome);
  const turnsByPhase = tally.byPhase(state.turnsTaken);
  yield emit({
    type: 'discussion-ended',
    reason,
    turns: state.turnsTaken,
    ...(turnsByPhase === undefined ? {} : { turnsByPhase }),
    usage: state.usage,
    ...(state.costs === undefined ? {} : { cost: state.costs.total }),
  });
}
