import type { Problem } from './problems.js';
import { lineAndColumn } from './read-text.js';

class JsonSyntax extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * A minimal JSON grammar walk, run only after JSON.parse has failed, to find where and why.
 * V8's messages give a position for most errors but not all ("Unexpected token … is not valid
 * JSON", "Unexpected end of JSON input"), and we always want line:column and plain words.
 */
class Locator {
  private i = 0;
  constructor(private readonly s: string) {}

  run(): void {
    this.space();
    if (this.i >= this.s.length) this.fail('the file is empty; expected a JSON object');
    this.value();
    this.space();
    if (this.i < this.s.length) this.fail('unexpected text after the end of the JSON value');
  }

  private fail(message: string, at = this.i): never {
    throw new JsonSyntax(message, at);
  }

  private space(): void {
    while (/[ \t\n\r]/.test(this.s[this.i] ?? '')) this.i++;
  }

  private unexpected(expected: string): never {
    const c = this.s[this.i];
    if (c === undefined) this.fail(`unexpected end of file; expected ${expected}`);
    if (c === "'") this.fail('JSON needs double quotes ("), not single quotes');
    const word = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i))?.[0];
    if (word !== undefined) {
      this.fail(`unexpected word ${word}; expected ${expected} (text needs double quotes)`);
    }
    const token = c === '"' ? (/^"[^"\n]{0,30}"?/.exec(this.s.slice(this.i))?.[0] ?? c) : `"${c}"`;
    this.fail(`unexpected ${token}; expected ${expected}`);
  }

  private value(): void {
    this.space();
    const c = this.s[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (!this.literal()) this.unexpected('a value');
  }

  private literal(): boolean {
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i) && !/[\w$]/.test(this.s[this.i + word.length] ?? '')) {
        this.i += word.length;
        return true;
      }
    }
    return false;
  }

  private object(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] !== '"') this.unexpected('a field name in double quotes');
      this.string();
      this.space();
      if (this.s[this.i] !== ':') this.unexpected('":" after the field name');
      this.i++;
      this.value();
      this.space();
      const c = this.s[this.i];
      if (c === '}') {
        this.i++;
        return;
      }
      if (c !== ',') this.unexpected('"," or "}" after the value (is a comma missing?)');
      const comma = this.i++;
      this.space();
      if (this.s[this.i] === '}') this.fail('trailing comma before "}"; remove it', comma);
    }
  }

  private array(): void {
    this.i++;
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      const c = this.s[this.i];
      if (c === ']') {
        this.i++;
        return;
      }
      if (c !== ',') this.unexpected('"," or "]" after the list item (is a comma missing?)');
      const comma = this.i++;
      this.space();
      if (this.s[this.i] === ']') this.fail('trailing comma before "]"; remove it', comma);
    }
  }

  private string(): void {
    const start = this.i++;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail('text is missing its closing double quote', start);
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\n') this.fail('line break inside text; write \\n instead');
      if (c < ' ') this.fail('control character inside text');
      if (c === '\\') {
        const e = this.s[this.i + 1] ?? '';
        if (e === 'u') {
          const hex = /^[0-9a-fA-F]{0,4}/.exec(this.s.slice(this.i + 2, this.i + 6))?.[0] ?? '';
          if (hex.length < 4)
            this.fail('\\u must be followed by four hex digits', this.i + 2 + hex.length);
          this.i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') {
          this.fail(`invalid escape \\${e}; to write a backslash, use \\\\`, this.i + 1);
        }
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private number(): void {
    const re = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    re.lastIndex = this.i;
    const match = re.exec(this.s);
    if (match === null) this.fail('invalid number');
    this.i += match[0].length;
    if (match[1] === '0' && /[0-9]/.test(this.s[this.i] ?? '')) {
      this.fail('numbers cannot start with 0');
    }
  }
}

/** Where V8 said it failed, for the rare case the locator and V8 disagree. */
function v8Offset(error: unknown, text: string): number {
  const match = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match?.[1] === undefined ? text.length : Number(match[1]);
}

function excerpt(text: string, line: number, column: number): string {
  const source = text.split('\n')[line - 1] ?? '';
  // Long lines (a whole prompt on one line) are cut around the column so the caret stays visible.
  const from = Math.max(0, column - 50);
  const shown = (from > 0 ? '…' : '') + source.slice(from, from + 90);
  const caret = column - from + (from > 0 ? 1 : 0);
  return `    ${shown}\n    ${' '.repeat(Math.max(0, caret - 1))}^`;
}

export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: Problem };

/** JSON.parse, with a failure turned into a Problem at `source:line:column` with the line shown. */
export function parseJson(text: string, source: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    let located: JsonSyntax | undefined;
    try {
      new Locator(text).run();
    } catch (found) {
      // Anything else (say, a stack overflow on absurd nesting) falls back to V8's own account.
      if (found instanceof JsonSyntax) located = found;
    }
    const offset = located?.offset ?? v8Offset(error, text);
    const reason =
      located?.message ?? (error as Error).message.replace(/ in JSON at position.*$/, '');
    const message = `malformed JSON: ${reason}`;
    const { line, column } = lineAndColumn(text, offset);
    return {
      ok: false,
      problem: {
        source,
        file: source,
        location: `:${line}:${column}`,
        message,
        detail: excerpt(text, line, column),
      },
    };
  }
}
