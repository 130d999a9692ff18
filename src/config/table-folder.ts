// Reading a table folder as someone else may have made it. Only regular files are read (a FIFO
// would hang, /dev/zero would never end), each up to a size limit checked before reading, and a
// file or folder that is a symbolic link resolving outside the table folder is refused: a table
// from elsewhere must not make roundtable read your files and send them to its endpoint. People
// who share files between their own tables allow such links with --follow-outside-symlinks.
// The calls are synchronous (see readRegularText): a table is small, and read before anything else.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, relative } from 'node:path';
import { InputError } from '../errors.js';
import type { Problem } from './problems.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  kindOf,
  type ReadResult,
  readRegularText,
  why,
} from './read-text.js';

export { DEFAULT_MAX_FILE_BYTES, formatBytes } from './read-text.js';

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
/** The environment variable that, like the flag, lets table files link out (batch has no flag). */
export const FOLLOW_OUTSIDE_ENV = 'ROUNDTABLE_FOLLOW_OUTSIDE_SYMLINKS';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
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
    let info: ReturnType<typeof statSync>;
    try {
      info = statSync(dir);
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
      readdirSync(dir);
      return new TableFolder(dir, realpathSync.native(dir), options);
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
      message: `is a symbolic link to ${real}, outside the table folder; roundtable does not follow links out of a table, since a table from someone else could make it read your files (pass ${FOLLOW_OUTSIDE_FLAG} or set ${FOLLOW_OUTSIDE_ENV}=1 if you share files between your own tables)`,
    };
  }

  /** Lists a folder of the table (`participants`), refusing one that links outside it. */
  async list(path: string): Promise<FolderList> {
    const full = join(this.dir, path);
    const source = `${this.display(path)}/`;
    let real: string;
    try {
      real = realpathSync.native(full);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
      return { status: 'bad', problem: { source, file: source, message: why(code, error) } };
    }
    const outside = this.#outside(path, real);
    if (outside !== undefined) return { status: 'bad', problem: outside };
    try {
      const info = statSync(real);
      if (!info.isDirectory()) return { status: 'file' };
      return { status: 'ok', names: readdirSync(real) };
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
      real = realpathSync.native(join(this.dir, path));
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
      return bad(why(code, error));
    }
    const outside = this.#outside(path, real);
    if (outside !== undefined) return { status: 'bad', problem: outside };
    return readRegularText(real, source, this.maxFileBytes);
  }
}
