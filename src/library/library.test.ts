import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../render/test-utils/events.js';
import { fixtureOutcome } from '../report/test-utils/fixture-outcome.js';
import type { Library } from './library.js';
import { findRun, listRuns, MATCH_END, MATCH_START } from './queries.js';
import { testLibraries } from './test-utils/libraries.js';
import { withTexts, writeRun } from './test-utils/transcripts.js';

const libs = testLibraries();
const open = (env?: Record<string, string>) => libs.open(env);

const transcripts = () => join(libs.home.root, 'transcripts');

describe('indexing a run as it is written', () => {
  it('records the table, seats, settings, status, tokens and every turn', async () => {
    const library = open();
    let live: ReturnType<Library['liveIndexer']> | undefined;
    const run = await writeRun(transcripts(), {
      observe: (record) => {
        live ??= library.liveIndexer(join(transcripts(), readdirSync(transcripts())[0] ?? ''));
        live.observe(record);
      },
    });
    const [summary] = listRuns(library.db);
    expect(summary).toMatchObject({
      id: run.id,
      dir: run.dir,
      title: 'Should the railway line reopen?',
      tableName: 'larkhaven',
      status: 'completed',
      seed: 42,
      format: 'roundtable',
      turnsPlanned: 6,
      turnsSpoken: 6,
      estimated: false,
    });
    const events = syntheticRun();
    const ended = events.at(-1);
    if (ended?.type !== 'discussion-ended') throw new Error('fixture');
    expect(summary?.promptTokens).toBe(ended.usage.promptTokens);
    expect(summary?.completionTokens).toBe(ended.usage.completionTokens);
    expect(summary?.seats.map((s) => `${s.seat} ${s.name} ${s.model}`)).toEqual([
      '1 Ada null',
      '2 Bob null',
      '3 Cy llama3',
    ]);
    expect(summary?.settings).toEqual({ turns: 6 });
    expect(run.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('shows a run as running while it is written, and as it ended afterwards', async () => {
    const library = open();
    const events = syntheticRun();
    const statuses: string[] = [];
    let live: ReturnType<Library['liveIndexer']> | undefined;
    await writeRun(transcripts(), {
      events,
      observe: (record) => {
        live ??= library.liveIndexer(join(transcripts(), readdirSync(transcripts())[0] ?? ''));
        live.observe(record);
        if (record.type === 'turn-ended') statuses.push(listRuns(library.db)[0]?.status ?? '');
      },
    });
    expect(new Set(statuses)).toEqual(new Set(['running']));
    expect(listRuns(library.db)[0]?.status).toBe('completed');
  });
});

describe('reindexing from folders', () => {
  it('gives the same rows as live indexing', async () => {
    const library = open();
    const runs = [];
    for (let i = 0; i < 3; i++) {
      let live: ReturnType<Library['liveIndexer']> | undefined;
      const before = new Set(existsSync(transcripts()) ? readdirSync(transcripts()) : []);
      runs.push(
        await writeRun(transcripts(), {
          now: new Date(2026, 10, 1 + i),
          synthetic: { turns: 4 + i, end: i === 2 ? false : 'completed' },
          observe: (record) => {
            const dir = readdirSync(transcripts()).find((d) => !before.has(d)) ?? '';
            live ??= library.liveIndexer(join(transcripts(), dir));
            live.observe(record);
          },
        }),
      );
    }
    const strip = (list: ReturnType<typeof listRuns>) =>
      list.map(({ updatedAt: _u, status, ...rest }) => ({
        ...rest,
        // Live, the unfinished run's process is this one (alive); from its folder, it was cut off.
        status: status === 'running' ? 'interrupted' : status,
      }));
    const liveRows = strip(listRuns(library.db, { query: 'closer look' }));
    expect(liveRows).toHaveLength(3);
    const rebuilt = library.rebuild(runs.map((r) => r.dir));
    expect(rebuilt.indexed.map((r) => r.status)).toEqual(['completed', 'completed', 'interrupted']);
    expect(strip(listRuns(library.db, { query: 'closer look' }))).toEqual(liveRows);
  });

  it('indexes a summary that ends with its summary event alone, as the summary phase does', async () => {
    const library = open();
    const events = syntheticRun();
    const summaryTurn = events.find((e) => e.type === 'turn-started' && e.kind === 'summary');
    if (summaryTurn?.type !== 'turn-started') throw new Error('fixture');
    // Without the summary's turn-ended: its text and its tokens come with the summary event.
    const phased = events.filter((e) => !(e.type === 'turn-ended' && e.turn === summaryTurn.turn));
    const run = await writeRun(transcripts(), { events: phased });
    library.indexFolder(run.dir);
    const [summary] = listRuns(library.db, { query: '"we covered"' });
    expect(summary?.id).toBe(run.id);
    const rows = library.db
      .prepare(`SELECT kind, turn, speaker FROM passages WHERE kind = 'summary'`)
      .all() as { kind: string; turn: number; speaker: string }[];
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { kind: 'summary', turn: summaryTurn.turn, speaker: 'Ada' },
    ]);
    const ended = events.at(-1);
    if (ended?.type !== 'discussion-ended') throw new Error('fixture');
    expect(summary?.completionTokens).toBe(ended.usage.completionTokens);
    // With both (older transcripts), the summary is indexed and billed once.
    const both = await writeRun(transcripts(), { events, now: new Date(2026, 0, 2) });
    library.indexFolder(both.dir);
    const counted = library.db
      .prepare(`SELECT count(*) AS n FROM passages WHERE kind = 'summary'`)
      .get() as { n: number };
    expect(counted.n).toBe(2);
    const again = listRuns(library.db, { query: '"we covered"' }).find((r) => r.id === both.id);
    expect(again?.completionTokens).toBe(ended.usage.completionTokens);
  });

  it('holds the decision record of a run indexed live, as reindex does from outcome.json', async () => {
    const library = open();
    const record = fixtureOutcome();
    const events = syntheticRun();
    const end = events.findIndex((e) => e.type === 'discussion-ended');
    events.splice(end, 0, { type: 'outcome', record });
    let live: ReturnType<Library['liveIndexer']> | undefined;
    const run = await writeRun(transcripts(), {
      events,
      observe: (r) => {
        live ??= library.liveIndexer(join(transcripts(), readdirSync(transcripts())[0] ?? ''));
        live.observe(r);
      },
    });
    // outcome.json is written after its event is recorded: the live indexer cannot read the file.
    const onDisk: unknown = JSON.parse(readFileSync(join(run.dir, 'outcome.json'), 'utf8'));
    expect(findRun(library.db, run.id)?.outcome).toEqual(onDisk);
    expect(onDisk).toMatchObject({ questions: [{ index: 0, outcome: 'housing' }, { index: 1 }] });
    library.rebuild([run.dir]);
    expect(findRun(library.db, run.id)?.outcome).toEqual(onDisk);
  });

  it('counts the tokens of every request while a run goes, not only its turns', async () => {
    const library = open();
    const usage = (n: number) => ({ promptTokens: n, completionTokens: n, estimated: false });
    // A run cut off before its end (no discussion-ended to correct the sums): the moderator's
    // decision, the bids, a withdrawn reply and a summary ending with its summary event alone.
    const events = syntheticRun({ end: false }).filter(
      (e) => !(e.type === 'turn-ended' && e.turn === 7),
    );
    events.splice(
      2,
      0,
      { type: 'moderator-decision', turn: 1, next: 'Ada', action: 'continue', usage: usage(5) },
      { type: 'bids', turn: 1, bids: [{ seat: 1, speaker: 'Ada', bid: 3 }], usage: usage(7) },
      {
        type: 'reply-discarded',
        turn: 1,
        seat: 1,
        speaker: 'Ada',
        text: 'Said before.',
        usage: usage(11),
        reason: 'repeat',
        repeat: { of: 1, similarity: 1 },
      },
    );
    const expected = events.reduce(
      (sum, e) => sum + ('usage' in e && e.type !== 'discussion-ended' ? e.usage.promptTokens : 0),
      0,
    );
    expect(events.some((e) => e.type === 'summary')).toBe(true);
    const run = await writeRun(transcripts(), { events });
    library.indexFolder(run.dir);
    expect(findRun(library.db, run.id)?.promptTokens).toBe(expected);
  });

  it('keeps the id a run was given wherever its folder moves', async () => {
    const library = open();
    const run = await writeRun(transcripts());
    expect(library.indexFolder(run.dir).id).toBe(run.id);
  });
});

describe('search', () => {
  it('finds a word in any turn, newest first, with the matching lines marked', async () => {
    const library = open();
    const texts = [
      'The viaduct needs repair before anything else.',
      'Housing would pay for itself within a decade.',
      'A tram could reuse the old viaduct and the station.',
    ];
    for (const [i, text] of texts.entries()) {
      const events = withTexts(syntheticRun({ turns: 3 }), (turn) =>
        turn === 2 ? text : `Turn ${turn} is about budgets.`,
      );
      const run = await writeRun(transcripts(), { events, now: new Date(2026, 10, 1 + i) });
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
    const library = open();
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
      const run = await writeRun(transcripts(), {
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
    const library = open();
    const a = await writeRun(transcripts(), { run: { id: 'abc123000000' } });
    const b = await writeRun(transcripts(), { run: { id: 'abd456000000' } });
    library.indexFolder(a.dir);
    library.indexFolder(b.dir);
    expect(findRun(library.db, 'abc').dir).toBe(a.dir);
    expect(findRun(library.db, 'ABD4').dir).toBe(b.dir);
    expect(() => findRun(library.db, 'ab')).toThrow(/names 2 runs; give more of the id/);
    expect(() => findRun(library.db, 'ffff')).toThrow(/no run in the library has an id/);
    expect(() => findRun(library.db, 'xyz')).toThrow(/is not a run id/);
  });
});

describe('a missing or damaged library', () => {
  it('is rebuilt from the transcript folders it had seen', async () => {
    const first = open();
    const run = await writeRun(transcripts());
    first.indexFolder(run.dir);
    first.close();
    writeFileSync(first.paths.db, 'this is not a database '.repeat(400));
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(first.paths.db + suffix)) writeFileSync(first.paths.db + suffix, '');
    }
    const second = open();
    expect(listRuns(second.db).map((r) => r.id)).toEqual([run.id]);
    expect(libs.warnings.join('\n')).toMatch(/was damaged; rebuilt it from 1 transcript folder/);
    expect(readdirSync(join(libs.home.root, 'home')).some((f) => f.includes('.damaged-'))).toBe(
      true,
    );
  });

  it('is rebuilt when the file was deleted', async () => {
    const first = open();
    const run = await writeRun(transcripts());
    first.indexFolder(run.dir);
    first.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(first.paths.db + suffix)) writeFileSync(first.paths.db + suffix, '');
    }
    const { rmSync } = await import('node:fs');
    rmSync(first.paths.db);
    const second = open();
    expect(listRuns(second.db).map((r) => r.id)).toEqual([run.id]);
    expect(libs.warnings.join('\n')).toMatch(/is missing; rebuilt it from 1 transcript folder/);
  });

  it('says in a few words which folders a rebuild at start skipped, not every one', async () => {
    const first = open();
    const run = await writeRun(transcripts());
    first.indexFolder(run.dir);
    const broken: string[] = [];
    for (let i = 0; i < 5; i++) {
      const folder = await writeRun(transcripts(), { now: new Date(2020, 0, 1 + i) });
      first.indexFolder(folder.dir);
      writeFileSync(join(folder.dir, 'events.jsonl'), 'not json\n');
      broken.push(folder.dir);
    }
    first.close();
    const { rmSync } = await import('node:fs');
    rmSync(first.paths.db);
    open();
    expect(libs.warnings).toHaveLength(1);
    const [warning = ''] = libs.warnings;
    const named = broken.map((dir) => dir.split('/').pop() ?? '');
    expect(warning).toBe(
      `the run library ${first.paths.db} is missing; rebuilt it from 1 transcript folder. 5 folders could not be read and were skipped (${named.slice(0, 3).join(', ')} and 2 more); \`roundtable reindex\` lists each with the reason`,
    );
    // No path and no reason of a skipped folder: those are what `roundtable reindex` is for.
    expect(warning).not.toContain('not valid JSON');
  });

  it('skips folders that are gone or unreadable', async () => {
    const library = open();
    const run = await writeRun(transcripts());
    const broken = await writeRun(transcripts(), { now: new Date(2020, 0, 1) });
    appendFileSync(join(broken.dir, 'events.jsonl'), 'not json\n{"type":"turn-ended"}\n');
    const rebuilt = library.rebuild([run.dir, join(libs.home.root, 'gone'), broken.dir]);
    expect(rebuilt.indexed.map((r) => r.id)).toEqual([run.id]);
    expect(rebuilt.skipped).toEqual([
      { dir: broken.dir, reason: expect.stringMatching(/line \d+: not valid JSON/) },
    ]);
  });
});
