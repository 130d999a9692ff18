// Kept apart from notice.ts: wrapping measures text with string-width, whose module builds an
// Intl.Segmenter (ICU's break rules) when it loads, some 20 ms of CPU that `--help` and a run's
// first turn do not need; only the run library's warnings are wrapped, and it loads this itself.
import { wrapText } from '../tui/wrap.js';
import { type NoticeStream, notice } from './notice.js';

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
