// The turn-scheduling engine's driver: pure (no I/O, no clock), seeded, driven by an AbortSignal
// and a command queue, and observable only through the events it yields. The parts live beside
// it: state.ts (what a run knows), formats.ts and phases/ (what is spoken, in which order),
// stream-reply.ts (replies as they stream), safe-point.ts (commands), outcome.ts (failures),
// resume.ts (taking up a recorded run).
import type { DiscussionEvent } from './events.js';
import { runPhases } from './phases/index.js';
import { openingText } from './request.js';
import { resumePoint } from './resume.js';
import type { ResumePoint } from './resume-point.js';
import { type DiscussionOptions, DiscussionState } from './state.js';

export { MAX_CONSECUTIVE_FAILURES } from './outcome.js';
export type { DiscussionOptions } from './state.js';

/**
 * Runs a discussion, yielding every event in order. Model failures become `error` events and
 * the generator never throws for them; a table without participants or questions is a
 * programming error and throws at once.
 */
export function runDiscussion(options: DiscussionOptions): AsyncGenerator<DiscussionEvent, void> {
  const state = new DiscussionState(options);
  const resume = options.resume && resumePoint(options.table, options.resume.events);
  if (resume?.completed === true) {
    throw new RangeError('This discussion has already completed: there is nothing to resume');
  }
  return run(state, resume);
}

async function* run(
  state: DiscussionState,
  resume: ResumePoint | undefined,
): AsyncGenerator<DiscussionEvent, void> {
  if (resume?.started !== true) {
    yield {
      type: 'discussion-started',
      seed: state.seed,
      settings: state.settings,
      participants: state.table.participants,
      task: state.table.task,
      topic: state.topic,
    };
  }
  state.log.append({ kind: 'moderator', text: openingText(state.settings, state.topic) });
  if (resume !== undefined) {
    state.restore(resume);
    if (resume.started) yield { type: 'discussion-resumed', fromTurn: resume.nextTurn };
  }
  const reason = yield* runPhases(state);
  yield {
    type: 'discussion-ended',
    reason,
    turns: state.turnsTaken,
    usage: state.usage,
  };
}
