// Reading a table folder as someone else may have made it. Only regular files are read (a FIFO
// would hang, /dev/zero would never end), each up to a size limit checked before reading, and a
// file or folder that is a symbolic link resolving outside the table folder is refused: a table
// from elsewhere must not make roundtable read your files and send them to its endpoint. People
// who share files between their own tables allow such links with --follow-outside-symlinks.
import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative } from 'node:path';
import { InputError } from '../errors.js';
import type { Problem } from './problems.js';
import { decodeText, type ReadResult } from './read-text.js';

/** 1 MiB: a context of some 250,000 tokens, more than most models take. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface TableFolderOptions {
  /** Largest file read, in bytes (the maxFileBytes setting). */
  readonly maxFileBytes?: number | undefined;
  /** Follow symbolic links that resolve outside the table folder (--follow-outside-symlinks). */
  readonly followOutsideSymlinks?: boolean | undefined;
}

export type FolderList =
  | { readonly status: 'ok'; readonly names: readonly string[] }
  | { readonly status: 'missing' }
  | { readonly status: 'file' }
  | { readonly status: 'bad'; readonly problem: Problem };

/** The flag that lets a table follow links out of its folder, for messages. */
export const FOLLOW_OUTSIDE_FLAG = '--follow-outside-symlinks';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function why(code: string | undefined, error: unknown): string {
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

function kindOf(info: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/** A table folder, opened: every file of the table is read through it. */
export class TableFolder {
  readonly maxFileBytes: number;
  readonly #followOutside: boolean;

  private constructor(
    /** The folder as given, for messages. */
    readonly dir: string,
    /** Its real path: links are judged against it. */
    readonly realDir: string,
    options: TableFolderOptions,
  ) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.#followOutside = options.followOutsideSymlinks === true;
  }

  /**
   * Opens `dir`, or throws an InputError (exit 2): not found, not a folder, or unreadable
   * (permission denied is said as such, never as "not found").
   */
  static async open(dir: string, options: TableFolderOptions = {}): Promise<TableFolder> {
    const expected = 'it should hold participants/ and task/';
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(dir);
    } catch (error) {
      const code = errorCode(error);
      const message =
        code === 'ENOENT' || code === 'ENOTDIR'
          ? `${dir}: table folder not found (${expected})`
          : `${dir}: the table folder ${why(code, error)}`;
      throw new InputError(message, dir, { cause: error });
    }
    if (!info.isDirectory()) {
      throw new InputError(
        `${dir}: expected a table folder holding participants/ and task/, found ${info.isFile() ? 'a file' : kindOf(info)}`,
        dir,
      );
    }
    try {
      await readdir(dir);
      return new TableFolder(dir, await realpath(dir), options);
    } catch (error) {
      throw new InputError(`${dir}: the table folder ${why(errorCode(error), error)}`, dir, {
        cause: error,
      });
    }
  }

  /** A path inside the table as the user should see it: the folder as given, joined. */
  display(path: string): string {
    return normalize(join(this.dir, path));
  }

  /** Undefined when `real` is inside the table folder (or links out are allowed); else why not. */
  #outside(path: string, real: string): Problem | undefined {
    if (this.#followOutside) return undefined;
    const inside = relative(this.realDir, real);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) return undefined;
    const source = this.display(path);
    return {
      source,
      file: source,
      message: `is a symbolic link to ${real}, outside the table folder; roundtable does not follow links out of a table, since a table from someone else could make it read your files (pass ${FOLLOW_OUTSIDE_FLAG} if you share files between your own tables)`,
    };
  }

  /** Lists a folder of the table (`participants`), refusing one that links outside it. */
  async list(path: string): Promise<FolderList> {
    const full = join(this.dir, path);
    const source = `${this.display(path)}/`;
    let real: string;
    try {
      real = await realpath(full);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
      return { status: 'bad', problem: { source, file: source, message: why(code, error) } };
    }
    const outside = this.#outside(path, real);
    if (outside !== undefined) return { status: 'bad', problem: outside };
    try {
      const info = await stat(real);
      if (!info.isDirectory()) return { status: 'file' };
      return { status: 'ok', names: await readdir(real) };
    } catch (error) {
      return {
        status: 'bad',
        problem: { source, file: source, message: why(errorCode(error), error) },
      };
    }
  }

  /**
   * Reads a text file of the table strictly as UTF-8 (see decodeText). Refused, as a Problem:
   * anything but a regular file, a file over the size limit (checked before reading), and a link
   * resolving outside the table folder.
   */
  async readText(path: string): Promise<ReadResult> {
    const source = this.display(path);
    const bad = (message: string): ReadResult => ({
      status: 'bad',
      problem: { source, file: source, message },
    });
    let real: string;
    try {
      real = await realpath(join(this.dir, path));
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
      return bad(why(code, error));
    }
    const outside = this.#outside(path, real);
    if (outside !== undefined) return { status: 'bad', problem: outside };
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
      handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      return bad(why(errorCode(error), error));
    }
    try {
      const info = await handle.stat();
      if (!info.isFile())
        return bad(`is ${kindOf(info)}, not a regular file; a table file must be an ordinary file`);
      const tooLarge = (size: string) =>
        bad(
          `is ${size}, more than the ${formatBytes(this.maxFileBytes)} a table file may have; raise the limit with the maxFileBytes setting (--max-file-bytes, ROUNDTABLE_MAX_FILE_BYTES) if it really is that large`,
        );
      if (info.size > this.maxFileBytes) return tooLarge(formatBytes(info.size));
      // Read to the end, but never past the limit: a file that grows while it is read stops there.
      const chunks: Buffer[] = [];
      let length = 0;
      for (;;) {
        const chunk = Buffer.alloc(64 * 1024);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        length += bytesRead;
        if (length > this.maxFileBytes) return tooLarge(`over ${formatBytes(this.maxFileBytes)}`);
      }
      return decodeText(Buffer.concat(chunks, length), source);
    } catch (error) {
      return bad(why(errorCode(error), error));
    } finally {
      await handle.close();
    }
  }
}
