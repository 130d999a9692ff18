import type { Problem } from './problems.js';

export type ReadResult =
  | { readonly status: 'ok'; readonly text: string }
  | { readonly status: 'missing' }
  | { readonly status: 'bad'; readonly problem: Problem };

/** Line and column (1-based) of a position, counting `\n` as the line break. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (const ch of before) if (ch === '\n') line++;
  return { line, column: offset - lastBreak };
}

function decodes(bytes: Uint8Array, n: number, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the first invalid UTF-8 sequence starts. A streaming decoder accepts any valid prefix (an
 * incomplete last character is held back, not rejected), so validity is monotone in the prefix
 * length and a binary search finds the longest valid prefix in log(n) decodes; the bad sequence
 * starts at the end of its last complete character, at most three bytes earlier.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length + 1;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (decodes(bytes, mid, true)) good = mid;
    else bad = mid;
  }
  let start = good;
  while (start > 0 && !decodes(bytes, start, false)) start--;
  return start;
}

function notUtf8(bytes: Uint8Array, source: string, file: string): Problem {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      source,
      file,
      message: 'the file is UTF-16, not UTF-8; save it as UTF-8 (a BOM is fine)',
    };
  }
  const at = firstInvalidByte(bytes);
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, Math.max(0, at)));
  const { line, column } = lineAndColumn(before, before.length);
  const byte = bytes[at]?.toString(16).padStart(2, '0') ?? '??';
  return {
    source,
    file,
    location: `:${line}:${column}`,
    message: `the file is not valid UTF-8 (byte 0x${byte}); save it as UTF-8`,
  };
}

/**
 * A table file's bytes as text, strictly UTF-8. A leading BOM is dropped and CRLF/CR line endings
 * become `\n`, so every later step sees one form. `source` is the path as the user should see it.
 * Files are read through TableFolder (table-folder.ts), which checks what may be read at all.
 */
export function decodeText(bytes: Uint8Array, source: string): ReadResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { status: 'bad', problem: notUtf8(bytes, source, source) };
  }
  return { status: 'ok', text: text.replace(/\r\n?/g, '\n') };
}
