import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** Where roundtable keeps what outlives a run: `ROUNDTABLE_HOME`, else `~/.roundtable/`. */
export function roundtableHome(env: Env = process.env): string {
  const home = env.ROUNDTABLE_HOME?.trim();
  return home ? resolve(home) : join(homedir(), '.roundtable');
}

export const LIBRARY_FILE = 'library.db';
/** The transcript folders the library has seen, one a line: what a rebuild reads. */
export const FOLDERS_FILE = 'folders.txt';

export function libraryPaths(env: Env = process.env): {
  home: string;
  db: string;
  folders: string;
} {
  const home = roundtableHome(env);
  return { home, db: join(home, LIBRARY_FILE), folders: join(home, FOLDERS_FILE) };
}
