// A shared transcript names the table by its folder, never by the absolute path the events file
// keeps for resume ("Table: /work/wt/issue-13" told every reader where the author's files live).
import { describe, expect, it } from 'vitest';
import type { RunRecord } from './events-file.js';
import { runHeader as htmlHeader } from './html/sections.js';
import { runHeader as markdownHeader } from './markdown-parts.js';
import { folderName, shownTable, tableNameOf } from './table-name.js';

const record = (extra: Partial<RunRecord>): RunRecord => ({
  type: 'run',
  version: '0.1.0',
  tableDir: '/home/ann/private/tables/larkhaven',
  settings: {},
  title: 'Larkhaven',
  startedAt: '2026-12-03T00:00:00.000Z',
  ts: '2026-12-03T00:00:00.000Z',
  ...extra,
});

describe('tableNameOf: what a run records of its table', () => {
  it('is the path from where the run started when the table is inside it', () => {
    expect(tableNameOf('/home/ann/tables/larkhaven', '/home/ann')).toBe('tables/larkhaven');
    expect(tableNameOf('tables/larkhaven', process.cwd())).toBe('tables/larkhaven');
  });

  it("is the folder's name when the run started in it or outside it", () => {
    expect(tableNameOf('/home/ann/tables/larkhaven', '/home/ann/tables/larkhaven')).toBe(
      'larkhaven',
    );
    expect(tableNameOf('/home/ann/tables/larkhaven', '/srv/elsewhere')).toBe('larkhaven');
    expect(tableNameOf('/home/ann/tables/larkhaven/', '/home/ann/tables/larkhavenx')).toBe(
      'larkhaven',
    );
  });
});

describe('the pages a run is shared as', () => {
  it("show the recorded name, else the folder's name, never the absolute path", () => {
    for (const run of [record({}), record({ tableName: 'larkhaven' })]) {
      expect(shownTable(run)).toBe('larkhaven');
      for (const page of [markdownHeader(run), htmlHeader(run)]) {
        expect(page).toContain('Table: larkhaven');
        expect(page).not.toContain('/home/ann');
      }
    }
    const nested = record({ tableName: 'tables/larkhaven' });
    expect(markdownHeader(nested)).toContain('Table: tables/larkhaven');
  });

  it('name a fork by its folder too', () => {
    const fork = record({ forkedFrom: { dir: '/home/ann/transcripts/2026-run', turn: 4 } });
    for (const page of [markdownHeader(fork), htmlHeader(fork)]) {
      expect(page).toContain('Forked from 2026-run at turn 4');
      expect(page).not.toContain('/home/ann');
    }
    expect(folderName('/')).toBe('/');
  });
});
