// Terminal-injection fixtures: what a hostile model reply or table file may carry, and a check
// that an output channel shows all of it as inert text. Shared by every channel's test.

/** Each attack on its own, named for the failure messages. */
export const ATTACKS: Readonly<Record<string, string>> = {
  'OSC 0 title': '\u001b]0;pwned title\u0007',
  'CSI 2J clear screen': '\u001b[2J\u001b[H',
  'OSC 52 clipboard write': '\u001b]52;c;cm0gLXJmIH4K\u0007',
  'OSC 8 hidden link': '\u001b]8;;https://evil.example/\u001b\\click me\u001b]8;;\u001b\\',
  'SGR colour': '\u001b[31mred\u001b[0m',
  'raw C1 CSI': '\u009b31mC1 red',
  BEL: 'ding\u0007',
  'CR overwrite': 'visible\rHIDDEN',
  backspace: 'abc\b\b\bxyz',
  'bidi override': 'user\u202egnp.exe',
  'bidi isolate': '\u2067isolated\u2069',
  'NUL and DEL': 'a\u0000b\u007fc',
};

/** Every attack in one line of prose, as a reply would carry it. */
export const HOSTILE_TEXT = `Here is my view. ${Object.values(ATTACKS).join(' ')} The end.`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** The first character a terminal would obey rather than print (newline and tab are fine), if any. */
export function firstControl(output: string, allowSgr = false): string | undefined {
  // The program's own colours (SGR `ESC [ … m`) are allowed where colour is on.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is the point.
  const text = allowSgr ? output.replace(/\u001b\[[0-9;]*m/gu, '') : output;
  const match = OBEYED.exec(text);
  if (match === null) return undefined;
  const code = match[0].codePointAt(0) ?? 0;
  const at = match.index;
  return `U+${code.toString(16).padStart(4, '0')} at ${at}: …${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}…`;
}

/** The visible forms the attacks must show as, so a test can see they were kept, not dropped. */
export const VISIBLE_FORMS = ['␛]0;pwned title␇', '␛[2J', '␛]52;c;', '⟨U+009B⟩31m', '⟨U+202E⟩'];
