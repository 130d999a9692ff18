import type { Command } from './commands.js';
import { nameKey } from './names.js';
import type { Participant, Table } from './table.js';

/**
 * The way in for a person steering a running discussion: the UI calls `send`, the engine
 * applies each command at its next safe point and confirms it with a `command` event.
 *
 * - skip: ends the turn being spoken now (only that request is aborted); ignored between turns.
 * - pause / resume: holds the stream (no more chunks are pulled, no turn starts) until resume.
 * - next-topic / set-topic: change the topic before the next turn.
 * - wrap-up: the summary comes next; stop: the discussion ends after the current turn.
 *   Either one, sent while paused, resumes first.
 * - interject: heard by everyone from the next turn on; `@Name` in it gives Name the floor.
 * - ask: gives that participant the floor next.
 *
 * Commands that cannot apply (an unknown name, a question number out of range, empty text)
 * are dropped without an event; `validateCommand` lets a UI tell the person before sending.
 * A moderator may give the floor to the participant who just spoke: the no-one-twice-in-a-row
 * rule binds the scheduler, not the moderator.
 */
export class DiscussionControls {
  readonly #queue: Command[] = [];
  readonly #listeners = new Set<() => void>();

  send(command: Command): void {
    this.#queue.push(command);
    for (const listener of [...this.#listeners]) listener();
  }

  // The rest is the engine's side.

  /** Removes and returns every queued command, oldest first. */
  take(): Command[] {
    return this.#queue.splice(0);
  }

  /** Removes and returns the queued commands that match, oldest first; the rest stay queued. */
  takeWhere(matches: (command: Command) => boolean): Command[] {
    const taken: Command[] = [];
    let kept = 0;
    for (const command of this.#queue) {
      if (matches(command)) taken.push(command);
      else this.#queue[kept++] = command;
    }
    this.#queue.length = kept;
    return taken;
  }

  has(matches: (command: Command) => boolean): boolean {
    return this.#queue.some(matches);
  }

  /** Calls `listener` on every later `send`; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

/** The participant a moderator means by `name` (case-insensitive, a leading `@` allowed). */
export function findParticipant(
  participants: readonly Participant[],
  name: string,
): Participant | undefined {
  const key = nameKey(name.trim().replace(/^@/u, ''));
  return participants.find((p) => nameKey(p.name) === key);
}

/** Why the engine would drop `command` for this table, or undefined when it would apply it. */
export function validateCommand(command: Command, table: Table): string | undefined {
  switch (command.type) {
    case 'set-topic': {
      const count = table.task.questions.length;
      if (typeof command.topic === 'number') {
        return Number.isInteger(command.topic) && command.topic >= 1 && command.topic <= count
          ? undefined
          : `There is no question ${command.topic}; pick a number from 1 to ${count}, or type a topic.`;
      }
      return command.topic.trim().length === 0 ? 'The new topic is empty.' : undefined;
    }
    case 'interject':
      return command.text.trim().length === 0 ? 'The interjection is empty.' : undefined;
    case 'ask':
      return findParticipant(table.participants, command.name) === undefined
        ? `Nobody called "${command.name}" is at the table; ask one of: ${table.participants.map((p) => p.name).join(', ')}.`
        : undefined;
    case 'skip':
    case 'next-topic':
    case 'wrap-up':
    case 'stop':
    case 'pause':
    case 'resume':
      return undefined;
  }
}
