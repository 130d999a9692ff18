// Commands from a person (or a script): applied between turns at safe points, except skip and
// pause, which also act while a reply streams (see stream-reply.ts).
import type { Command } from './commands.js';
import { findParticipant } from './controls.js';
import type { DiscussionEvent } from './events.js';
import { leastDiscussed } from './schedule.js';
import type { DiscussionState } from './state.js';
import { changeTopic, topicFor } from './topics.js';

/** What a safe point lets happen next. */
export type Gate = 'go' | 'wrap-up' | 'stop' | 'interrupted';

/** Commands that act on the reply being streamed. */
export const isImmediate = (c: Command): boolean =>
  c.type === 'skip' || c.type === 'pause' || c.type === 'resume';
/** Commands that end a pause by themselves (they resume first). */
export const releasesPause = (c: Command): boolean =>
  c.type === 'stop' || c.type === 'wrap-up' || c.type === 'time-up';

/** Between turns: applies queued commands; waits while paused. */
export async function* safePoint(
  state: DiscussionState,
  nextTurn: number,
): AsyncGenerator<DiscussionEvent, Gate> {
  for (;;) {
    if (state.signal.aborted) return 'interrupted';
    for (const command of state.controls.take()) {
      if (yield* applyCommand(state, command, nextTurn)) return 'stop';
    }
    if (!state.paused) return state.wrapUp ? 'wrap-up' : 'go';
    await wake(state);
  }
}

/** Applies one command at a safe point; true when it ends the discussion. */
async function* applyCommand(
  state: DiscussionState,
  command: Command,
  nextTurn: number,
): AsyncGenerator<DiscussionEvent, boolean> {
  switch (command.type) {
    case 'skip':
      // Nothing is being spoken between turns; a late skip must not cut the next turn short.
      return false;
    case 'pause':
    case 'resume':
      yield* applyPause(state, command);
      return false;
    case 'next-topic': {
      yield { type: 'command', command };
      const index = leastDiscussed(state.topicTurns, state.topic.index);
      if (index !== state.topic.index) {
        yield* changeTopic(state, { index, text: state.question(index) }, nextTurn, 'moderator');
      }
      return false;
    }
    case 'set-topic': {
      const topic = topicFor(state, command.topic);
      if (topic === undefined) return false;
      yield { type: 'command', command };
      if (topic.index === -1 || topic.index !== state.topic.index) {
        yield* changeTopic(state, topic, nextTurn, 'moderator');
      }
      return false;
    }
    case 'wrap-up':
    case 'time-up':
      yield* resumeIfPaused(state);
      yield { type: 'command', command };
      if (!state.wrapUp) state.wrapUpReason = command.type;
      state.wrapUp = true;
      return false;
    case 'stop':
      yield* resumeIfPaused(state);
      yield { type: 'command', command };
      return true;
    case 'interject': {
      const text = command.text.trim();
      if (text.length === 0) return false;
      yield { type: 'command', command };
      const mention = state.moderatorMentions.last(text);
      state.log.append({ kind: 'moderator', text });
      yield { type: 'interjection', beforeTurn: nextTurn, text, mention };
      if (mention !== undefined)
        state.floor = { index: state.indexOf(mention), reason: 'moderator' };
      return false;
    }
    case 'ask': {
      const participant = findParticipant(state.table.participants, command.name);
      if (participant === undefined) return false;
      yield { type: 'command', command };
      state.floor = { index: state.indexOf(participant.name), reason: 'moderator' };
      return false;
    }
  }
}

export async function* applyPause(
  state: DiscussionState,
  command: Command,
): AsyncGenerator<DiscussionEvent, void> {
  if (command.type === 'pause' && !state.paused) {
    state.paused = true;
    yield { type: 'command', command };
  } else if (command.type === 'resume') {
    yield* resumeIfPaused(state);
  }
}

export async function* resumeIfPaused(
  state: DiscussionState,
): AsyncGenerator<DiscussionEvent, void> {
  if (!state.paused) return;
  state.paused = false;
  yield { type: 'command', command: { type: 'resume' } };
}

/** Resolves on the next command, the abort, or (if given) when `pending` settles. */
export function wake(
  state: DiscussionState,
  pending?: Promise<unknown>,
): Promise<'chunk' | 'command' | 'abort'> {
  return new Promise((resolve) => {
    if (state.signal.aborted) {
      resolve('abort');
      return;
    }
    const done = (why: 'chunk' | 'command' | 'abort'): void => {
      unsubscribe();
      state.signal.removeEventListener('abort', onAbort);
      resolve(why);
    };
    const onAbort = (): void => done('abort');
    const unsubscribe = state.controls.subscribe(() => done('command'));
    state.signal.addEventListener('abort', onAbort, { once: true });
    pending?.then(() => done('chunk'));
  });
}
