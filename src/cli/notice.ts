import { terminalSafe } from '../render/terminal-safe.js';
import { redactKnownSecrets } from './known-secrets.js';

/**
 * Writes one message for a person (an error, a warning, a note) and a newline. Messages quote
 * table files, servers and replies, so they are shown, never obeyed, and never carry a key.
 */
export function notice(
  message: string,
  stream: { write(text: string): unknown } = process.stderr,
): void {
  stream.write(`${terminalSafe(redactKnownSecrets(message))}\n`);
}
