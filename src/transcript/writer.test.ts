import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { parseEventsFile, type TranscriptRecord } from './events-file.js';
import { renderMarkdown } from './markdown.js';
import { runInfo } from './test-utils/run-info.js';
import { leaveStaleLock } from './test-utils/stale-lock.js';
import { openTranscript, resumeTranscript } from './writer.js';

const now = new Date(2026, 0, 5, 9, 3, 7);
const title = 'Should cities ban cars?';

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rt-transcript-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function files(dir: string) {
  const events = await readFile(join(dir, 'events.jsonl'), 'utf8');
  const markdown = await readFile(join(dir, 'transcript.md'), 'utf8');
  const html = await readFile(join(dir, 'transcript.html'), 'utf8');
  return { events, markdown, html, parsed: parseEventsFile(events) };
}

/** The turns transcript.md shows, as `Name: text` (first line of each). */
const markdownTurns = (markdown: string) =>
  [...markdown.matchAll(/^\*\*(\w+):\*\* (.*)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
const completedTurns = (events: readonly DiscussionEvent[]) => {
  const summaryTurns = new Set(
    events.flatMap((e) => (e.type === 'turn-started' && e.kind === 'summary' ? [e.turn] : [])),
  );
  return events.flatMap((e) =>
    e.type === 'turn-ended' && !summaryTurns.has(e.turn)
      ? [`${e.speaker}: ${e.text.split('\n')[0]}`]
      : [],
  );
};

describe('openTranscript', () => {
  it('writes a whole run to events.jsonl and transcript.md', async () => {
    const events = syntheticRun();
    const writer = await openTranscript({ root, now, run: runInfo, title });
    expect(basename(writer.dir)).toBe('20260105-090307-should-cities-ban-cars');
    for (const event of events) writer.write(event);
    await writer.close();

    const { events: text, markdown, parsed } = await files(writer.dir);
    expect(text.endsWith('\n')).toBe(true);
    expect(parsed.truncated).toBe(false);
    expect(parsed.runs).toEqual([
      {
        type: 'run',
        ...runInfo,
        // Inside the folder the test runs in: pages show it from there.
        tableName: runInfo.tableDir,
        id: expect.stringMatching(/^[0-9a-f]{12}$/),
        title,
        startedAt: now.toISOString(),
        ts: now.toISOString(),
      },
    ]);
    // Every event but the text deltas, in order, each stamped with its time.
    const stored = events.filter((e) => e.type !== 'text-delta');
    expect(parsed.events.map(({ ts: _, ...event }) => event)).toEqual(stored);
    for (const event of parsed.events) expect(Number.isNaN(Date.parse(event.ts))).toBe(false);
    expect(parsed.records.at(-1)?.type).toBe('discussion-ended');

    // transcript.md: every turn, the summary and the totals; and the same as a rebuild.
    expect(markdownTurns(markdown)).toEqual(completedTurns(events));
    expect(markdown).toContain(
      '## Summary\n\n*By Ada (Ada Lovelace).*\n\nIn short: we covered 6 turns.',
    );
    expect(markdown).toMatch(
      /## Totals\n\n- Turns: 6\n- Tokens: \d+ prompt \+ \d+ completion tokens\n\n$/,
    );
    expect(markdown).toBe(renderMarkdown(parsed.records));
  });

  it('leaves both files valid, holding exactly the completed turns, when a run stops after any event', async () => {
    const events = syntheticRun();
    for (let n = 0; n <= events.length; n++) {
      const written = events.slice(0, n);
      const writer = await openTranscript({ root, dirName: `cut-${n}`, run: runInfo, title });
      for (const event of written) writer.write(event);
      // Read while the writer is still open: this is what a crash would leave.
      const { markdown, parsed } = await files(writer.dir);
      expect(parsed.truncated, `after ${n} events`).toBe(false);
      expect(parsed.events.length).toBe(written.filter((e) => e.type !== 'text-delta').length);
      expect(markdownTurns(markdown), `after ${n} events`).toEqual(completedTurns(written));
      // The summary is written as soon as its text is complete (its turn's end).
      const summaryTurn = events.find((e) => e.type === 'turn-started' && e.kind === 'summary');
      const summaryDone = written.some(
        (e) =>
          e.type === 'turn-ended' &&
          summaryTurn?.type === 'turn-started' &&
          e.turn === summaryTurn.turn,
      );
      expect(markdown.includes('## Summary'), `after ${n} events`).toBe(summaryDone);
      await writer.close();
    }
  });

  it('records an interruption once, and ignores events after close', async () => {
    const events = syntheticRun({ end: false });
    const writer = await openTranscript({ root, now, run: runInfo, title });
    const cut = events.findIndex((e) => e.type === 'turn-started' && e.turn === 4);
    const written = events.slice(0, cut + 2);
    for (const event of written) writer.write(event);
    await writer.close('interrupted');
    await writer.close('failed');
    const late = events.find((e) => e.type === 'turn-ended' && e.turn === 4);
    writer.write(late as DiscussionEvent);

    const { markdown, parsed } = await files(writer.dir);
    expect(parsed.records.at(-1)).toMatchObject({ type: 'closed', reason: 'interrupted' });
    expect(parsed.records.filter((r) => r.type === 'closed')).toHaveLength(1);
    expect(parsed.events).toHaveLength(written.filter((e) => e.type !== 'text-delta').length);
    expect(markdown).toMatch(
      /## Interrupted\n\n\*The run was interrupted after 3 turns; every complete turn is above\.\*\n\n- Turns: 3\n- Tokens: .*counted from the turns above\n\n$/,
    );
    expect(markdown.match(/## Interrupted/g)).toHaveLength(1);
  });

  it('adds no closing record when the engine ended the discussion itself', async () => {
    const writer = await openTranscript({ root, now, run: runInfo, title });
    for (const event of syntheticRun({ turns: 2, end: 'interrupted' })) writer.write(event);
    await writer.close('interrupted');
    const { markdown, parsed } = await files(writer.dir);
    expect(parsed.records.some((r) => r.type === 'closed')).toBe(false);
    expect(markdown.match(/## Interrupted/g)).toHaveLength(1);
    expect(markdown).not.toContain('counted from the turns above');
  });

  it('never writes credentials from URLs, secret settings or known key values', async () => {
    const key = 'sk-live-1234567890';
    const leakyUrl = 'https://user:sk-secret@host.example/v1';
    const writer = await openTranscript({
      root,
      now,
      title,
      secrets: [key],
      run: {
        ...runInfo,
        baseUrl: leakyUrl,
        settings: {
          baseUrl: leakyUrl,
          apiKey: 'sk-secret',
          endpoints: { a: { baseUrl: leakyUrl } },
        },
      },
    });
    const events: DiscussionEvent[] = [
      ...syntheticRun({ turns: 1, end: false }),
      { type: 'retry', turn: 2, attempt: 1, delayMs: 10, reason: `ECONNRESET ${leakyUrl}` },
      { type: 'error', kind: 'connection', message: `cannot reach ${leakyUrl}`, fatal: true },
      { type: 'interjection', beforeTurn: 2, text: `My key is ${key}, oops.` },
    ];
    for (const event of events) writer.write(event);
    await writer.close('failed');

    const written = await readdir(writer.dir);
    expect(written.sort()).toEqual(['events.jsonl', 'transcript.html', 'transcript.md']);
    const { events: jsonl, markdown, html } = await files(writer.dir);
    for (const text of [jsonl, markdown, html]) {
      expect(text).not.toContain('sk-secret');
      expect(text).not.toContain('user:');
      expect(text).not.toContain(key);
    }
    expect(jsonl).toContain('https://host.example/v1');
    expect(markdown).toContain('My key is [redacted], oops.');
    expect(html).toContain('My key is [redacted], oops.');
  });

  it('numbers transcript folders that would collide', async () => {
    const dirs = [];
    for (let i = 0; i < 3; i++) {
      const writer = await openTranscript({ root, now, run: runInfo, title });
      dirs.push(basename(writer.dir));
      await writer.close();
    }
    expect(dirs).toEqual([
      '20260105-090307-should-cities-ban-cars',
      '20260105-090307-should-cities-ban-cars-2',
      '20260105-090307-should-cities-ban-cars-3',
    ]);
  });

  it('names the folder after the table when there is no title', async () => {
    const writer = await openTranscript({
      root,
      now,
      run: { ...runInfo, tableDir: '/x/Café Tables/' },
    });
    expect(basename(writer.dir)).toBe('20260105-090307-cafe-tables');
    await writer.close();
    expect((await files(writer.dir)).markdown).toMatch(/^# Roundtable: Café Tables\n/);
  });
});

describe('resumeTranscript', () => {
  it('repairs a crashed transcript and continues it in the same files', async () => {
    const events = syntheticRun();
    const cut = events.findIndex((e) => e.type === 'turn-started' && e.turn === 3);
    const first = await openTranscript({ root, now, run: runInfo, title });
    for (const event of events.slice(0, cut + 2)) first.write(event);
    // A kill -9 mid-write: half a line in events.jsonl, turn 2 missing from transcript.md.
    await appendFile(join(first.dir, 'events.jsonl'), '{"type":"turn-ended","turn":3,"te');
    const md = join(first.dir, 'transcript.md');
    const before = await readFile(md, 'utf8');
    await writeFile(md, before.slice(0, before.indexOf('**Bob:**')));
    leaveStaleLock(first.dir);

    const observed: TranscriptRecord[] = [];
    const { writer, previous } = await resumeTranscript({
      dir: first.dir,
      run: { ...runInfo, version: '0.1.1' },
      now: new Date(2026, 0, 6),
      observe: (record) => observed.push(record),
    });
    expect(previous.truncated).toBe(true);
    expect(previous.events.at(-1)).toMatchObject({ type: 'turn-started', turn: 3 });
    const restarted = events.slice(cut).filter((e) => !(e.type === 'discussion-started'));
    for (const event of restarted) writer.write(event);
    await writer.close();

    const { markdown, parsed } = await files(first.dir);
    expect(parsed.truncated).toBe(false);
    expect(parsed.runs.map((r) => [r.version, r.resumed, r.title])).toEqual([
      ['0.1.0', undefined, title],
      ['0.1.1', true, title],
    ]);
    // The resumed run keeps its id; the observer saw exactly the records that were appended.
    expect(parsed.runs[1]?.id).toBe(parsed.runs[0]?.id);
    expect(observed).toEqual(parsed.records.slice(previous.records.length));
    expect(markdownTurns(markdown)).toEqual(completedTurns(events));
    expect(markdown).toContain(`*(resumed ${new Date(2026, 0, 6).toISOString()})*`);
    expect(markdown).toBe(renderMarkdown(parsed.records));
  });

  it('starts a new line after a whole last record that lost its newline', async () => {
    const first = await openTranscript({ root, now, run: runInfo, title });
    for (const event of syntheticRun({ turns: 1, end: false })) first.write(event);
    const path = join(first.dir, 'events.jsonl');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, -1));
    leaveStaleLock(first.dir);

    const { writer, previous } = await resumeTranscript({ dir: first.dir, run: runInfo });
    expect(previous.truncated).toBe(false);
    writer.write({ type: 'command', command: { type: 'pause' } });
    await writer.close('stopped');
    const { parsed } = await files(first.dir);
    expect(parsed.records.slice(-3).map((r) => r.type)).toEqual(['run', 'command', 'closed']);
    expect(parsed.events.length).toBe(previous.events.length + 1);
  });

  it('gives a run recorded without an id one derived from its first record', async () => {
    const first = await openTranscript({ root, now, run: runInfo, title });
    first.write(syntheticRun()[0] as DiscussionEvent);
    await first.close();
    const path = join(first.dir, 'events.jsonl');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(/"id":"[0-9a-f]{12}",/, ''));
    const again = async () => {
      const { writer } = await resumeTranscript({ dir: first.dir, run: runInfo });
      await writer.close();
      return (await files(first.dir)).parsed.runs.at(-1)?.id;
    };
    const id = await again();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(await again()).toBe(id);
  });

  it('refuses a folder without events.jsonl', async () => {
    await expect(resumeTranscript({ dir: root, run: runInfo })).rejects.toThrow(/events\.jsonl/);
  });
});
