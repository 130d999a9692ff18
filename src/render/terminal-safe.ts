// Text from outside (a model's reply, a table file, a server's error) must never steer the
// terminal that shows it, then or in a later `cat`: no title change, screen clear, clipboard
// write (OSC 52), hidden link (OSC 8), colour, cursor move, bell, carriage-return overwrite or
// reordering by bidi overrides. Every control character except newline and tab is made visible
// instead of being obeyed: C0 controls as their Unicode control pictures (ESC → ␛, BEL → ␇), DEL
// as ␡, C1 controls and bidi embeddings/overrides/isolates as ⟨U+XXXX⟩. An escape sequence is
// then inert text (`␛]0;title␇`) that shows what the sender tried. Nothing is removed, so what
// a person reads still matches what was recorded.
//
// Apply it where text reaches a person: plain output, the live view, transcript.md, validate,
// error messages and warnings. JSON (stdout with --json, events.jsonl) keeps the exact text and
// uses `terminalSafeJson`, which escapes what JSON.stringify leaves raw.

/** Bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI): what "Trojan Source" abuses. */
const BIDI = '\u202a-\u202e\u2066-\u2069';
const UNSAFE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');
const UNSAFE_TEST = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`);

function codePoint(code: number): string {
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

function visible(character: string): string {
  const code = character.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return codePoint(code);
}

/** Whether `text` holds anything a terminal would obey rather than print (newline and tab aside). */
export function hasTerminalControls(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/**
 * `text` with every control character but newline and tab made visible. A CR that ends a line
 * (CRLF) is dropped; any other CR is shown (␍), since it would let later text overwrite the line.
 */
export function terminalSafe(text: string): string {
  if (!UNSAFE_TEST.test(text)) return text;
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, visible);
}

/**
 * A copy of `value` (an event, a header: plain JSON data) with every string made terminal-safe.
 * Returns `value` itself when nothing needed changing, so the common case allocates nothing.
 */
export function terminalSafeValue<T>(value: T): T {
  return mapStrings(value, terminalSafe);
}

/** Applies `map` to every string inside plain JSON-like data; unchanged parts are shared. */
export function mapStrings<T>(value: T, map: (text: string) => string): T {
  return mapValue(value, map) as T;
}

// Called for every event, text deltas included (thousands a second): nothing is allocated until
// a string actually changes.
function mapValue(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = mapValue(item, map);
      if (mapped !== item) out ??= value.slice();
      if (out !== undefined) out[i] = mapped;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let out: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      const mapped = mapValue(item, map);
      if (mapped !== item) out ??= { ...record };
      if (out !== undefined) out[key] = mapped;
    }
    return out ?? value;
  }
  return value;
}

// JSON.stringify escapes C0 controls but leaves C1 controls, bidi controls and the two line
// separators JavaScript once refused raw; inside a JSON text they can only sit in strings, where
// a \u escape means the same character.
const JSON_RAW = new RegExp(`[\\u007f-\\u009f${BIDI}\\u2028\\u2029]`, 'g');

/** JSON.stringify(value), with nothing left in it that a terminal would obey. Same data. */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_RAW,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
