// Reading a captured screen: the status block at the bottom, the history and live turn above
// it, a turn's text, the clock; and colours in a capture with attributes.

/** The full-width rule above the status block: what the live frame ends on. */
const STATUS_RULE = /^─{20,}$/;

/** Lines above the status block (history and the live turn). */
export function bodyOf(screen: string): string {
  const lines = screen.split('\n');
  const rule = lines.findLastIndex((line) => STATUS_RULE.test(line));
  return (rule < 0 ? lines : lines.slice(0, rule)).join('\n').trimEnd();
}

/** The status block's lines: topic, turn · time · tokens, keys or mode. */
export function statusOf(screen: string): string {
  const lines = screen.split('\n');
  const rule = lines.findLastIndex((line) => STATUS_RULE.test(line));
  return rule < 0
    ? ''
    : lines
        .slice(rule + 1)
        .join('\n')
        .trim();
}

/** Seconds on the status line's clock (m:ss or h:mm:ss), or undefined before it shows. */
export function elapsedOf(screen: string): number | undefined {
  const match = /· (?:(\d+):)?(\d+):(\d\d) ·/.exec(statusOf(screen));
  if (match === null) return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** The text printed under turn `turn`'s heading ("Name · turn 3/20 · …"), joined into one line. */
export function turnTextOf(screen: string, turn: number): string | undefined {
  const lines = screen.split('\n');
  const heading = lines.findLastIndex((line) => new RegExp(`· turn ${turn}(/|\\b)`).test(line));
  if (heading < 0) return undefined;
  const text: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (!line.startsWith('  ') || line.trim() === '⋯') {
      if (line.trim() === '⋯') continue;
      break;
    }
    text.push(line.trim());
  }
  return text.join(' ');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching colour escapes is the point
export const COLOUR = /\u001b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25];[0-9;]+)m/;

/** Wrapped lines joined again: a line break and the indent that follows it become one space. */
export const unwrapped = (text: string): string => text.replace(/\n +/g, ' ');
