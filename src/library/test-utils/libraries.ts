// A fresh ROUNDTABLE_HOME for each test of a file, and every library a test opened closed after it.
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Library } from '../library.js';
import { type TempHome, tempHome } from './transcripts.js';

export interface TestLibraries {
  /** The running test's home (a new one for each test). */
  readonly home: TempHome;
  /** The running test's transcripts folder, in its home. */
  readonly transcripts: string;
  /** The one-line notices the test's libraries gave. */
  readonly warnings: string[];
  /** Opens the library of the test's home, or of another ROUNDTABLE_HOME. */
  open(env?: Record<string, string>): Library;
}

/** Call at the top of a test file: sets up the hooks that make and remove each test's home. */
export function testLibraries(): TestLibraries {
  let home: TempHome | undefined;
  let warnings: string[] = [];
  let libraries: Library[] = [];
  beforeEach(async () => {
    home = await tempHome();
    warnings = [];
    libraries = [];
  });
  afterEach(async () => {
    for (const library of libraries) library.close();
    await home?.remove();
  });
  const current = (): TempHome => {
    if (home === undefined) throw new Error('testLibraries: a home exists only inside a test');
    return home;
  };
  return {
    get home() {
      return current();
    },
    get transcripts() {
      return join(current().root, 'transcripts');
    },
    get warnings() {
      return warnings;
    },
    open(env) {
      const library = Library.open({ env: env ?? current().env, warn: (m) => warnings.push(m) });
      libraries.push(library);
      return library;
    },
  };
}
