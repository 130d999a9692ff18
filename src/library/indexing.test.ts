// The run library indexing a run: live as the transcript is written (tokens, seats, status,
// the decision record) and again from its folder, which gives the same rows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../render/test-utils/events.js';
import { fixtureOutcome } from '../report/test-utils/fixture-outcome.js';
import type { RecordObserver } from '../transcript/writer.js';
import type { Library } from './library.js';
import { findRun, listRuns } from './queries.js';
import { testLibraries } from './test-utils/libraries.js';
import { writeRun } from './test-utils/transcripts.js';

const libs = testLibraries();

/**
 * Indexes, live, the run about to be written: the first record names no folder, so the indexer
 * opens on the folder that was not in the transcripts folder when this was called.
 */
function indexedLive(library: Library): RecordObserver {
  const before = new Set(existsSync(libs.transcripts) ? readdirSync(libs.transcripts) : []);
  let live: ReturnType<Library['liveIndexer']> | undefined;
  return (record) => {
    const dir = readdirSync(libs.transcripts).find((d) => !before.has(d)) ?? '';
    live ??= library.liveIndexer(join(libs.transcripts, dir));
    live.observe(record);
  };
}

describe('indexing a run as it is written', () => {
  it('records the table, seats, settings, status, tokens and every turn', async () => {
    const library = libs.open();
    const run = await writeRun(libs.transcripts, { observe: indexedLive(library) });
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
    const library = libs.open();
    const events = syntheticRun();
    const statuses: string[] = [];
    const index = indexedLive(library);
    await writeRun(libs.transcripts, {
      events,
      observe: (record) => {
        index(record);
        if (record.type === 'turn-ended') statuses.push(listRuns(library.db)[0]?.status ?? '');
      },
    });
    expect(new Set(statuses)).toEqual(new Set(['running']));
    expect(listRuns(library.db)[0]?.status).toBe('completed');
  });
});

describe('reindexing from folders', () => {
  it('gives the same rows as live indexing', async () => {
    const library = libs.open();
    const runs = [];
    for (let i = 0; i < 3; i++) {
      runs.push(
        await writeRun(libs.transcripts, {
          now: new Date(2026, 10, 1 + i),
          synthetic: { turns: 4 + i, end: i === 2 ? false : 'completed' },
          observe: indexedLive(library),
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
    const library = libs.open();
    const events = syntheticRun();
    const summaryTurn = events.find((e) => e.type === 'turn-started' && e.kind === 'summary');
    if (summaryTurn?.type !== 'turn-started') throw new Error('fixture');
    // Without the summary's turn-ended: its text and its tokens come with the summary event.
    const phased = events.filter((e) => !(e.type === 'turn-ended' && e.turn === summaryTurn.turn));
    const run = await writeRun(libs.transcripts, { events: phased });
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
    const both = await writeRun(libs.transcripts, { events, now: new Date(2026, 0, 2) });
    library.indexFolder(both.dir);
    const counted = library.db
      .prepare(`SELECT count(*) AS n FROM passages WHERE kind = 'summary'`)
      .get() as { n: number };
    expect(counted.n).toBe(2);
    const again = listRuns(library.db, { query: '"we covered"' }).find((r) => r.id === both.id);
    expect(again?.completionTokens).toBe(ended.usage.completionTokens);
  });

  it('holds the decision record of a run indexed live, as reindex does from outcome.json', async () => {
    const library = libs.open();
    const record = fixtureOutcome();
    const events = syntheticRun();
    const end = events.findIndex((e) => e.type === 'discussion-ended');
    events.splice(end, 0, { type: 'outcome', record });
    const run = await writeRun(libs.transcripts, { events, observe: indexedLive(library) });
    // outcome.json is written after its event is recorded: the live indexer cannot read the file.
    const onDisk: unknown = JSON.parse(readFileSync(join(run.dir, 'outcome.json'), 'utf8'));
    expect(findRun(library.db, run.id)?.outcome).toEqual(onDisk);
    expect(onDisk).toMatchObject({ questions: [{ index: 0, outcome: 'housing' }, { index: 1 }] });
    library.rebuild([run.dir]);
    expect(findRun(library.db, run.id)?.outcome).toEqual(onDisk);
  });

  it('counts the tokens of every request while a run goes, not only its turns', async () => {
    const library = libs.open();
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
    const run = await writeRun(libs.transcripts, { events });
    library.indexFolder(run.dir);
    expect(findRun(library.db, run.id)?.promptTokens).toBe(expected);
  });

  it('keeps the id a run was given wherever its folder moves', async () => {
    const library = libs.open();
    const run = await writeRun(libs.transcripts);
    expect(library.indexFolder(run.dir).id).toBe(run.id);
  });
});
