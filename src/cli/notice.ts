import { terminalSafe } from '../render/terminal-safe.js';
import { redactKnownSecrets } from './known-secrets.js';

export interface NoticeStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/**
 * Writes one message for a person (an error, a warning, a note) and a newline. Messages quote
 * table files, servers and replies, so they are shown, never obeyed, and never carry a key.
 */
export function notice(message: string, stream: NoticeStream = process.stderr): void {
  stream.write(`${terminalSafe(redactKnownSecrets(message))}\n`);
}
