// The one-line notice that answers a key (what was sent, "cancelled"), and when it goes stale.
import type { Command } from '../engine/commands.js';

/** A notice, and where the stream was when it was given. */
export interface Notice {
  readonly text: string;
  readonly turnsStarted: number;
  readonly paused: boolean;
}

/** What the notice line says once a command was sent. */
export function describeCommand(command: Command): string {
  switch (command.type) {
    case 'skip':
      return 'skipping the rest of this turn';
    case 'next-topic':
      return 'next topic after this turn';
    case 'set-topic':
      return typeof command.topic === 'number'
        ? `question ${command.topic} after this turn`
        : 'new topic after this turn';
    case 'wrap-up':
      return 'wrapping up: summary next';
    case 'stop':
      return 'finishing after this turn';
    case 'pause':
      return 'pausing';
    case 'resume':
      return 'resuming';
    case 'interject':
      return 'the table will hear you after this turn';
    case 'ask':
      return `${command.name} speaks next`;
    case 'time-up':
      return 'time is up: wrapping up';
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export function noticeOf(
  text: string,
  context: { readonly turnsStarted: number; readonly enginePaused: boolean },
): Notice {
  return { text, turnsStarted: context.turnsStarted, paused: context.enginePaused };
}

/** The notice while it still answers the last key: no turn has started and no pause flipped since. */
export function currentNotice(
  ui: { readonly notice: Notice | undefined },
  stream: { readonly turnsStarted: number; readonly paused: boolean },
): string | undefined {
  const notice = ui.notice;
  if (notice === undefined) return undefined;
  return notice.turnsStarted === stream.turnsStarted && notice.paused === stream.paused
    ? notice.text
    : undefined;
}
