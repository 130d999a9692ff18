// Prefix search (`rai*`) through FTS5's prefix index, and the migration that gives a library of
// schema version 1 (no prefix index) one in place.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticRun } from '../render/test-utils/events.js';
import { Library } from './library.js';
import { listRuns, MATCH_END, MATCH_START } from './queries.js';
import { SCHEMA_VERSION } from './schema.js';
import { type TempHome, tempHome, withTexts, writeRun } from './test-utils/transcripts.js';

let home: TempHome;
let warnings: string[];
let libraries: Library[];

const open = () => {
  const library = Library.open({ env: home.env, warn: (m) => warnings.push(m) });
  libraries.push(library);
  return library;
};

beforeEach(async () => {
  home = await tempHome();
  warnings = [];
  libraries = [];
});
afterEach(async () => {
  for (const library of libraries) library.close();
  await home.remove();
});

const SAYINGS = [
  'The railway should reopen.',
  'Raise the fares first.',
  'A ranger patrols the rail yard.',
  'Use your brain.',
  'Meet at the Café Röhm.',
  'Nothing to see here.',
];

/** One run per saying (turn 2), oldest first; returns their ids. */
async function sayingRuns(library: Library): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, saying] of SAYINGS.entries()) {
    const events = withTexts(syntheticRun({ turns: 3 }), (turn) =>
      turn === 2 ? saying : `Turn ${turn} is about budgets.`,
    );
    const run = await writeRun(`${home.root}/transcripts`, {
      events,
      now: new Date(2026, 10, 1 + i),
    });
    library.indexFolder(run.dir);
    ids.push(run.id);
  }
  return ids;
}

/** Which sayings the search finds, oldest first. */
const sayingsFound = (library: Library, query: string, ids: readonly string[]) =>
  listRuns(library.db, { query, limit: 100 })
    .map((r) => ids.indexOf(r.id))
    .sort()
    .map((i) => SAYINGS[i]?.split(' ').slice(0, 2).join(' '));

describe('prefix search', () => {
  it('finds every word that begins with the prefix, of any length, and no other', async () => {
    const library = open();
    const ids = await sayingRuns(library);
    // Two and three letters (the prefix index), then four and more (the main index).
    expect(sayingsFound(library, 'ra*', ids)).toEqual(['The railway', 'Raise the', 'A ranger']);
    expect(sayingsFound(library, 'rai*', ids)).toEqual(['The railway', 'Raise the', 'A ranger']);
    expect(sayingsFound(library, 'rail*', ids)).toEqual(['The railway', 'A ranger']);
    expect(sayingsFound(library, 'railw*', ids)).toEqual(['The railway']);
    // Folded as the index folds words: no case, no accents.
    expect(sayingsFound(library, 'RÖH*', ids)).toEqual(['Meet at']);
    expect(sayingsFound(library, 'roh*', ids)).toEqual(['Meet at']);
    expect(sayingsFound(library, 'caf*', ids)).toEqual(['Meet at']);
    expect(sayingsFound(library, 'caf', ids)).toEqual([]);
    expect(sayingsFound(library, 'zq*', ids)).toEqual([]);
    // A prefix with another word: both in one passage.
    expect(sayingsFound(library, 'ra* yard', ids)).toEqual(['A ranger']);
    const [ranger] = listRuns(library.db, { query: 'ran*' });
    expect(ranger?.matches[0]?.snippet).toBe(
      `A ${MATCH_START}ranger${MATCH_END} patrols the rail yard.`,
    );
  });
});

describe('a library of schema version 1 (no prefix index)', () => {
  it('is migrated in place: its runs stay, even those whose folder is gone', async () => {
    const first = open();
    const ids = await sayingRuns(first);
    // Version 1's full-text table, as it was made: without the prefix index.
    first.db.exec(`
      DROP TRIGGER passages_ai; DROP TRIGGER passages_ad; DROP TABLE passages_fts;
      CREATE VIRTUAL TABLE passages_fts USING fts5(text, content = 'passages',
        content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
      CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text); END;
      CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts (passages_fts, rowid, text)
        VALUES ('delete', old.id, old.text); END;
      INSERT INTO passages_fts (passages_fts) VALUES ('rebuild');
      PRAGMA user_version = 1;
    `);
    const gone = listRuns(first.db, { query: 'railway' })[0]?.dir ?? '';
    first.close();
    rmSync(gone, { recursive: true });

    const second = open();
    expect(warnings).toEqual([]);
    const version = second.db.prepare('PRAGMA user_version').get() as { user_version: number };
    expect(version.user_version).toBe(SCHEMA_VERSION);
    const fts = second.db
      .prepare(`SELECT sql FROM sqlite_master WHERE name = 'passages_fts'`)
      .get() as { sql: string };
    expect(fts.sql).toMatch(/prefix = '2 3'/);
    expect(sayingsFound(second, 'ra*', ids)).toEqual(['The railway', 'Raise the', 'A ranger']);
    // The index is kept up to date afterwards: a deleted run leaves it, a new one enters it.
    const extra = await writeRun(`${home.root}/transcripts`, {
      events: withTexts(syntheticRun({ turns: 2 }), () => 'Rambling on.'),
      now: new Date(2026, 11, 1),
    });
    second.indexFolder(extra.dir);
    second.indexFolder(extra.dir);
    expect(listRuns(second.db, { query: 'ram*' }).map((r) => r.id)).toEqual([extra.id]);
    const check = second.db.prepare(
      "INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)",
    );
    expect(() => check.run()).not.toThrow();
  });

  it('is rebuilt from the folders when it is of a version it cannot migrate from', async () => {
    const first = open();
    await sayingRuns(first);
    first.db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    first.close();
    const second = open();
    expect(warnings.join('\n')).toMatch(/made by another version; rebuilt it from 6 transcript/);
    expect(listRuns(second.db, { query: 'ra*' })).toHaveLength(3);
  });
});
