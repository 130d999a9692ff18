// Finding runs in the library: full-text search with the matching lines marked, filters by table,
// model, date and status, and a run named by any unique prefix of its id.
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../render/test-utils/events.js';
import { findRun, listRuns, MATCH_END, MATCH_START } from './queries.js';
import { testLibraries } from './test-utils/libraries.js';
import { withTexts, writeRun } from './test-utils/transcripts.js';

const libs = testLibraries();

describe('search', () => {
  it('finds a word in any turn, newest first, with the matching lines marked', async () => {
    const library = libs.open();
    const texts = [
      'The viaduct needs repair before anything else.',
      'Housing would pay for itself within a decade.',
      'A tram could reuse the old viaduct and the station.',
    ];
    for (const [i, text] of texts.entries()) {
      const events = withTexts(syntheticRun({ turns: 3 }), (turn) =>
        turn === 2 ? text : `Turn ${turn} is about budgets.`,
      );
      const run = await writeRun(libs.transcripts, { events, now: new Date(2026, 10, 1 + i) });
      library.indexFolder(run.dir);
    }
    const found = listRuns(library.db, { query: 'viaduct' });
    expect(found.map((r) => r.startedAt.slice(0, 10))).toEqual([
      new Date(2026, 10, 3).toISOString().slice(0, 10),
      new Date(2026, 10, 1).toISOString().slice(0, 10),
    ]);
    expect(found[0]?.matches).toEqual([
      {
        kind: 'turn',
        turn: 2,
        speaker: 'Bob',
        snippet: `A tram could reuse the old ${MATCH_START}viaduct${MATCH_END} and the station.`,
      },
    ]);
    expect(listRuns(library.db, { query: 'housing decade' })).toHaveLength(1);
    expect(listRuns(library.db, { query: '"pay for itself"' })).toHaveLength(1);
    expect(listRuns(library.db, { query: '"itself pay"' })).toHaveLength(0);
    expect(listRuns(library.db, { query: 'viad*' })).toHaveLength(2);
    expect(listRuns(library.db, { query: 'budgets' })).toHaveLength(3);
    // Search words are never FTS syntax: quotes, operators and brackets are just text.
    expect(listRuns(library.db, { query: 'viaduct AND) NOT "' })).toHaveLength(0);
  });

  it('filters by table, model, date and status', async () => {
    const library = libs.open();
    const specs = [
      { tableDir: '/t/larkhaven', model: 'llama3', end: 'completed', day: 1 },
      { tableDir: '/t/harbour', model: 'gpt-4o-mini', end: 'failed', day: 2 },
      { tableDir: '/t/larkhaven', model: 'gpt-4o-mini', end: 'stopped', day: 3 },
    ] as const;
    for (const spec of specs) {
      const events = syntheticRun({ turns: 2 }).map((e) =>
        e.type === 'discussion-started'
          ? { ...e, participants: e.participants.map((p) => ({ ...p, model: spec.model })) }
          : e.type === 'discussion-ended'
            ? { ...e, reason: spec.end }
            : e,
      );
      const run = await writeRun(libs.transcripts, {
        events,
        run: { tableDir: spec.tableDir },
        now: new Date(2026, 10, spec.day, 12),
      });
      library.indexFolder(run.dir);
    }
    const days = (filter: Parameters<typeof listRuns>[1]) =>
      listRuns(library.db, filter).map((r) => new Date(r.startedAt).getDate());
    expect(days({})).toEqual([3, 2, 1]);
    expect(days({ table: 'larkhaven' })).toEqual([3, 1]);
    expect(days({ table: '/t/harb' })).toEqual([2]);
    expect(days({ model: 'gpt' })).toEqual([3, 2]);
    expect(days({ model: 'llama3' })).toEqual([1]);
    expect(days({ since: new Date(2026, 10, 2) })).toEqual([3, 2]);
    expect(days({ status: 'failed' })).toEqual([2]);
    expect(days({ status: 'stopped', table: 'larkhaven' })).toEqual([3]);
    expect(days({ limit: 2 })).toEqual([3, 2]);
  });
});

describe('finding a run by id', () => {
  it('takes any unique prefix and explains an ambiguous or unknown one', async () => {
    const library = libs.open();
    const a = await writeRun(libs.transcripts, { run: { id: 'abc123000000' } });
    const b = await writeRun(libs.transcripts, { run: { id: 'abd456000000' } });
    library.indexFolder(a.dir);
    library.indexFolder(b.dir);
    expect(findRun(library.db, 'abc').dir).toBe(a.dir);
    expect(findRun(library.db, 'ABD4').dir).toBe(b.dir);
    expect(() => findRun(library.db, 'ab')).toThrow(/names 2 runs; give more of the id/);
    expect(() => findRun(library.db, 'ffff')).toThrow(/no run in the library has an id/);
    expect(() => findRun(library.db, 'xyz')).toThrow(/is not a run id/);
  });
});
