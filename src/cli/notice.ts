import { terminalSafe } from '../render/terminal-safe.js';
import { wrapText } from '../tui/wrap.js';
import { redactKnownSecrets } from './known-secrets.js';

interface NoticeStream {
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

/**
 * A `roundtable: …` warning of a few sentences, wrapped to the terminal's width with the lines
 * after the first indented, so it reads as one paragraph; one line when stderr is not a terminal
 * (a log keeps each message on a line of its own).
 */
export function warnNotice(message: string, stream: NoticeStream = process.stderr): void {
  const text = `roundtable: ${message}`;
  const width = stream.isTTY === true ? (stream.columns ?? 0) : 0;
  notice(width >= 20 ? wrapText(text, width, { hangingIndent: 2 }).join('\n') : text, stream);
}
