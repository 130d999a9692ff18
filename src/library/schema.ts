// The library's tables. The library is an index, never the record: the transcript folders are.
// So a schema change needs no migration: a library of another version is rebuilt from them.

/** Bumped whenever the tables below change; an older library is then rebuilt. */
export const SCHEMA_VERSION = 1;

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

CREATE VIRTUAL TABLE passages_fts USING fts5(
  text,
  content = 'passages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
  INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
  INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
`;
