// A deferred live indexer (the queue coordinator's): records are held until flush, then written
// in one transaction, and the library ends as an undeferred indexer leaves it.
import { describe, expect, it } from 'vitest';
import type { TranscriptRecord } from '../transcript/events-file.js';
import type { Library } from './library.js';
import { listRuns } from './queries.js';
import { testLibraries } from './test-utils/libraries.js';
import { writeRun } from './test-utils/transcripts.js';

const libs = testLibraries();
const open = (env?: Record<string, string>) => libs.open(env);

describe('a deferred live indexer', () => {
  it('writes nothing until flushed, then all it holds in one transaction', async () => {
    const records: TranscriptRecord[] = [];
    const run = await writeRun(`${libs.home.root}/transcripts`, {
      observe: (r) => records.push(r),
    });
    const library = open();
    const live = library.liveIndexer(run.dir, [], { deferred: true });
    const half = Math.floor(records.length / 2);
    for (const record of records.slice(0, half)) live.observe(record);
    expect(listRuns(library.db)).toEqual([]);
    let commits = 0;
    const exec = library.db.exec.bind(library.db);
    library.db.exec = (sql: string) => {
      if (sql === 'COMMIT') commits += 1;
      exec(sql);
    };
    live.flush();
    expect(commits).toBe(1);
    expect(listRuns(library.db)[0]?.status).toBe('running');
    live.flush();
    expect(commits).toBe(1);
    for (const record of records.slice(half)) live.observe(record);
    live.flush();
    library.db.exec = exec;

    // The same run indexed from its folder, in a library of its own.
    const reference = open({ ROUNDTABLE_HOME: `${libs.home.root}/reference` });
    reference.indexFolder(run.dir);
    const strip = (l: Library) =>
      listRuns(l.db, { query: 'closer look' }).map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip(library)).toEqual(strip(reference));
    expect(strip(library)[0]).toMatchObject({ status: 'completed', turnsSpoken: 6 });
  });
});
