// A library file that is damaged or gone is rebuilt from the transcript folders it had seen,
// with one short notice; folders that are gone or unreadable are skipped.
import { appendFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns } from './queries.js';
import { testLibraries } from './test-utils/libraries.js';
import { writeRun } from './test-utils/transcripts.js';

const libs = testLibraries();

describe('a missing or damaged library', () => {
  it('is rebuilt from the transcript folders it had seen', async () => {
    const first = libs.open();
    const run = await writeRun(libs.transcripts);
    first.indexFolder(run.dir);
    first.close();
    writeFileSync(first.paths.db, 'this is not a database '.repeat(400));
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(first.paths.db + suffix)) writeFileSync(first.paths.db + suffix, '');
    }
    const second = libs.open();
    expect(listRuns(second.db).map((r) => r.id)).toEqual([run.id]);
    expect(libs.warnings.join('\n')).toMatch(/was damaged; rebuilt it from 1 transcript folder/);
    expect(readdirSync(join(libs.home.root, 'home')).some((f) => f.includes('.damaged-'))).toBe(
      true,
    );
  });

  it('is rebuilt when the file was deleted', async () => {
    const first = libs.open();
    const run = await writeRun(libs.transcripts);
    first.indexFolder(run.dir);
    first.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(first.paths.db + suffix)) writeFileSync(first.paths.db + suffix, '');
    }
    rmSync(first.paths.db);
    const second = libs.open();
    expect(listRuns(second.db).map((r) => r.id)).toEqual([run.id]);
    expect(libs.warnings.join('\n')).toMatch(/is missing; rebuilt it from 1 transcript folder/);
  });

  it('says in a few words which folders a rebuild at start skipped, not every one', async () => {
    const first = libs.open();
    const run = await writeRun(libs.transcripts);
    first.indexFolder(run.dir);
    const broken: string[] = [];
    for (let i = 0; i < 5; i++) {
      const folder = await writeRun(libs.transcripts, { now: new Date(2020, 0, 1 + i) });
      first.indexFolder(folder.dir);
      writeFileSync(join(folder.dir, 'events.jsonl'), 'not json\n');
      broken.push(folder.dir);
    }
    first.close();
    rmSync(first.paths.db);
    libs.open();
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
    const library = libs.open();
    const run = await writeRun(libs.transcripts);
    const broken = await writeRun(libs.transcripts, { now: new Date(2020, 0, 1) });
    appendFileSync(join(broken.dir, 'events.jsonl'), 'not json\n{"type":"turn-ended"}\n');
    const rebuilt = library.rebuild([run.dir, join(libs.home.root, 'gone'), broken.dir]);
    expect(rebuilt.indexed.map((r) => r.id)).toEqual([run.id]);
    expect(rebuilt.skipped).toEqual([
      { dir: broken.dir, reason: expect.stringMatching(/line \d+: not valid JSON/) },
    ]);
  });
});
