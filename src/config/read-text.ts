import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Problem } from './problems.js';

/** 1 MiB: a context of some 250,000 tokens, more than most models take. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

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

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Why a file or folder could not be read, in words. */
export function why(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ELOOP':
      return 'is a symbolic link that loops';
    case 'EISDIR':
      return 'expected a file but found a folder';
    default:
      return `cannot be read (${code ?? (error as Error).message})`;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

interface FileKind {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}

export function kindOf(info: FileKind): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * Reads a regular file as text (see decodeText), refusing anything else (a FIFO would hang,
 * /dev/zero would never end) and a file over `maxBytes`, which is checked before reading and
 * again while reading (a file that grows is cut off there). `source` is the path as shown.
 *
 * With synchronous calls, though the answer is a promise: a table is a dozen small files read one
 * after the other before anything else can start, and each call on the thread pool was a round
 * trip the main thread sat idle through (five a file: open, stat, two reads, close).
 */
export async function readRegularText(
  path: string,
  source: string,
  maxBytes: number = DEFAULT_MAX_FILE_BYTES,
): Promise<ReadResult> {
  const bad = (message: string): ReadResult => ({
    status: 'bad',
    problem: { source, file: source, message },
  });
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
    return bad(why(code, error));
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) {
      return bad(`is ${kindOf(info)}, not a regular file; a table file must be an ordinary file`);
    }
    const tooLarge = (size: string) =>
      bad(
        `is ${size}, more than the ${formatBytes(maxBytes)} a table file may have; raise the limit with the maxFileBytes setting (--max-file-bytes, ROUNDTABLE_MAX_FILE_BYTES) if it really is that large`,
      );
    if (info.size > maxBytes) return tooLarge(formatBytes(info.size));
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      // The size it had, and one byte more to see the end (or that it grew), then 64 KiB at a time.
      const chunk = Buffer.allocUnsafe(length === 0 ? info.size + 1 : 64 * 1024);
      const bytesRead = readSync(fd, chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) return tooLarge(`over ${formatBytes(maxBytes)}`);
    }
    return decodeText(Buffer.concat(chunks, length), source);
  } catch (error) {
    return bad(why(errorCode(error), error));
  } finally {
    closeSync(fd);
  }
}

/** A file outside any table (a batch grid): read with the same care, at the default limit. */
export function readText(path: string, source: string): Promise<ReadResult> {
  return readRegularText(path, source);
}
