// A run's library is opened once its first turn has ended, not before the run (it is a good part
// of a first turn's start-up): every record seen until then is held and indexed, in order.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TranscriptRecord } from '../transcript/events-file.js';
import { indexingForRun } from './for-run.js';
import { libraryPaths } from './home.js';
import type { Library } from './library.js';
import { listRuns } from './queries.js';
import { testLibraries } from './test-utils/libraries.js';
import { writeRun } from './test-utils/transcripts.js';

const libs = testLibraries();

async function recordedRun(): Promise<{ dir: string; records: TranscriptRecord[] }> {
  const records: TranscriptRecord[] = [];
  const run = await writeRun(libs.transcripts, {
    observe: (r) => records.push(r),
  });
  return { dir: run.dir, records };
}

/** The runs a library lists, without the time they were last written. */
const runs = (library: Library) =>
  listRuns(library.db).map(({ updatedAt: _updated, ...rest }) => rest);

/** Lets the library's opening (an import, then SQLite) run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('indexingForRun', () => {
  it('opens the library only after the first turn has ended, and loses no record', async () => {
    const { dir, records } = await recordedRun();
    const said: string[] = [];
    const indexing = indexingForRun({ env: libs.home.env, warn: (m) => said.push(m) });
    const firstEnd = records.findIndex((r) => r.type === 'turn-ended');
    expect(firstEnd).toBeGreaterThan(2);
    // As `run` does it: the writer's first record, then the folder, then the rest.
    indexing.observe(records[0] as TranscriptRecord);
    indexing.bind(dir);
    for (const record of records.slice(1, firstEnd)) indexing.observe(record);
    await settle();
    expect(existsSync(libraryPaths(libs.home.env).db)).toBe(false);

    indexing.observe(records[firstEnd] as TranscriptRecord);
    await settle();
    expect(existsSync(libraryPaths(libs.home.env).db)).toBe(true);
    for (const record of records.slice(firstEnd + 1)) indexing.observe(record);
    await indexing.close();
    // Left open for the process's exit: no checkpoint (two syncs) at the end of every run; the
    // next connection reads the WAL.
    expect(existsSync(`${libraryPaths(libs.home.env).db}-wal`)).toBe(true);

    const reference = libs.open({ ROUNDTABLE_HOME: join(libs.home.root, 'reference') });
    reference.indexFolder(dir);
    expect(runs(libs.open())).toEqual(runs(reference));
    expect(runs(reference)[0]).toMatchObject({ status: 'completed', turnsSpoken: 6 });
    expect(said).toEqual([]);
  });

  it('indexes a run that ended before any turn did, when it closes', async () => {
    const { dir, records } = await recordedRun();
    const before = records.slice(
      0,
      records.findIndex((r) => r.type === 'turn-ended'),
    );
    const indexing = indexingForRun({ env: libs.home.env });
    indexing.observe(before[0] as TranscriptRecord);
    indexing.bind(dir);
    for (const record of before.slice(1)) indexing.observe(record);
    await settle();
    expect(existsSync(libraryPaths(libs.home.env).db)).toBe(false);
    await indexing.close();
    expect(runs(libs.open())).toMatchObject([{ status: 'running', turnsSpoken: 0 }]);
  });

  it('lets the run go on without a library it cannot open, and says so when it closes', async () => {
    const { dir, records } = await recordedRun();
    const home = join(libs.home.root, 'not-a-folder');
    await writeFile(home, 'a file where the home folder should be\n');
    const said: string[] = [];
    const indexing = indexingForRun({ env: { ROUNDTABLE_HOME: home }, warn: (m) => said.push(m) });
    indexing.observe(records[0] as TranscriptRecord);
    indexing.bind(dir);
    for (const record of records.slice(1)) indexing.observe(record);
    await settle();
    expect(said).toEqual([]);
    await indexing.close();
    expect(said).toEqual([
      expect.stringMatching(/^the run library is not available \(.*\); this run is not indexed$/),
    ]);
  });
});
