// The transcript's fdatasync runs on the thread pool (record-writer.ts): these hold it to what
// that must not break. node:fs is wrapped so a test can hold a sync open or make it fail.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiscussionEvent, EndReason } from '../engine/events.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { parseEventsFile } from './events-file.js';
import { runInfo } from './test-utils/run-info.js';
import { openTranscript, type TranscriptWriter } from './writer.js';

const io = vi.hoisted(() => ({
  log: [] as string[],
  /** Syncs are held until `release` is called; otherwise they call back at once. */
  hold: false,
  held: [] as (() => void)[],
  fail: undefined as NodeJS.ErrnoException | undefined,
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    fdatasync(fd: number, callback: (error: NodeJS.ErrnoException | null) => void) {
      io.log.push('sync started');
      const done = () => {
        io.log.push('sync done');
        if (io.fail !== undefined) callback(io.fail);
        else fs.fdatasync(fd, callback);
      };
      if (io.hold) io.held.push(done);
      else done();
    },
    closeSync(fd: number) {
      io.log.push('closed');
      fs.closeSync(fd);
    },
  };
});

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rt-transcript-sync-'));
  io.log = [];
  io.hold = false;
  io.held = [];
  io.fail = undefined;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Closes `writer`, checking it closes no file while a held sync is open, then lets them end. */
async function closeOnceHeldSyncsEnd(writer: TranscriptWriter, reason?: EndReason): Promise<void> {
  const closing = writer.close(reason);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(io.log).not.toContain('closed');
  io.hold = false;
  for (const release of io.held.splice(0)) release();
  await closing;
}

describe("the transcript's syncs to disk", () => {
  it('leave the discussion going while the disk catches up, and close only after they end', async () => {
    io.hold = true;
    const writer = await openTranscript({ root, run: runInfo, title: 'Sync' });
    io.log = [];
    const events = syntheticRun({ end: false });
    // Every event is written while the first turn's sync is still held.
    for (const event of events) writer.write(event);
    expect(io.log.filter((entry) => entry === 'sync started')).toHaveLength(2);
    expect(io.held).toHaveLength(2);

    await closeOnceHeldSyncsEnd(writer, 'interrupted');

    // The sync that was held, then one more for the records written after it began, then close.
    expect(io.log.join(', ')).toBe(
      'sync started, sync started, sync done, sync done, sync started, sync done, sync started, sync done, closed, closed',
    );
    const parsed = parseEventsFile(await readFile(join(writer.dir, 'events.jsonl'), 'utf8'));
    expect(parsed.records.at(-1)).toMatchObject({ type: 'closed', reason: 'interrupted' });
  });

  it("start no second sync at close when the discussion's end started one after every record", async () => {
    const writer = await openTranscript({ root, run: runInfo, title: 'Sync' });
    const events = syntheticRun();
    const end = events.at(-1) as DiscussionEvent;
    expect(end.type).toBe('discussion-ended');
    for (const event of events.slice(0, -1)) writer.write(event);
    await new Promise((resolve) => setTimeout(resolve, 20));
    io.log = [];
    io.hold = true;
    writer.write(end);
    await closeOnceHeldSyncsEnd(writer);
    // The end's sync (both files), then the files closed: nothing was written after it began.
    expect(io.log.join(', ')).toBe(
      'sync started, sync started, sync done, sync done, closed, closed',
    );
  });

  it('say so when the disk cannot keep the transcript, naming the folder', async () => {
    io.fail = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    const writer = await openTranscript({ root, run: runInfo, title: 'Sync' });
    io.log = [];
    for (const event of syntheticRun()) writer.write(event);
    await expect(writer.close()).rejects.toThrow(
      `Cannot finish the transcript in ${writer.dir}: EIO: i/o error, fdatasync`,
    );
    expect(io.log.at(-1)).toBe('closed');
  });
});
