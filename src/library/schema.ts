// The library's tables. The library is an index, never the record: the transcript folders are.
// A library of an unknown version is rebuilt from them; one of a version listed in MIGRATIONS is
// brought up to date in place, so the runs whose folders have moved or gone stay searchable.
import type { DatabaseSync } from 'node:sqlite';

/** Bumped whenever the tables below change, with a migration from the version before. */
export const SCHEMA_VERSION = 2;

// The full-text index of the passages. prefix='2 3' keeps an index of every word's first two and
// three letters, so a search for `ra*` or `rai*` reads one entry instead of every word that
// begins so (53 ms of CPU at 1,000 runs without it: docs/benchmarks.md). Longer prefixes match
// few enough words to need none.
const PASSAGES_FTS = `
CREATE VIRTUAL TABLE passages_fts USING fts5(
  text,
  content = 'passages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
  INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
  INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
`;

/** From version N to N + 1, inside the caller's write transaction. */
export const MIGRATIONS: Readonly<Record<number, (db: DatabaseSync) => void>> = {
  // 1 → 2: the full-text index gains its prefix index, rebuilt from the passages it indexes.
  1: (db) => {
    db.exec('DROP TRIGGER IF EXISTS passages_ai');
    db.exec('DROP TRIGGER IF EXISTS passages_ad');
    db.exec('DROP TABLE IF EXISTS passages_fts');
    db.exec(PASSAGES_FTS);
    db.exec("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')");
  },
};

export const SCHEMA = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  dir TEXT NOT NULL,
  title TEXT NOT NULL,
  table_dir TEXT NOT NULL,
  table_name TEXT NOT NULL,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  status TEXT NOT NULL,
  seed INTEGER,
  format TEXT,
  turns_planned INTEGER,
  turns_spoken INTEGER NOT NULL DEFAULT 0,
  prompt_tokens INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  tokens_estimated INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  cost_complete INTEGER NOT NULL DEFAULT 1,
  endpoint TEXT,
  model TEXT,
  settings TEXT,
  outcome TEXT,
  pid INTEGER,
  host TEXT
);
CREATE INDEX runs_started ON runs (started_at DESC);
CREATE INDEX runs_dir ON runs (dir);

CREATE TABLE seats (
  run_id TEXT NOT NULL,
  seat INTEGER NOT NULL,
  name TEXT NOT NULL,
  full_name TEXT,
  model TEXT,
  endpoint TEXT,
  memory INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, seat)
);
CREATE INDEX seats_name ON seats (name);
CREATE INDEX seats_model ON seats (model);

-- What was said (turns, the summary) and what was asked (the questions), searchable.
CREATE TABLE passages (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  turn INTEGER,
  seat INTEGER,
  speaker TEXT,
  status TEXT,
  text TEXT NOT NULL
);
CREATE INDEX passages_run ON passages (run_id, turn);

${PASSAGES_FTS}`;
