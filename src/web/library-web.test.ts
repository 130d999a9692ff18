import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureRecords } from '../report/test-utils/fixture.js';
import type { TranscriptRecord } from '../transcript/events-file.js';
import { startLibraryWeb, type WebServer } from './start.js';
import { openSse, recordsOf, until } from './test-utils/sse-client.js';

let root = '';
let server: WebServer | undefined;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rt-serve-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(root, { recursive: true, force: true });
});

const lines = (records: readonly TranscriptRecord[]) =>
  records.map((r) => `${JSON.stringify(r)}\n`).join('');

function folder(name: string, records: readonly TranscriptRecord[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'events.jsonl'), lines(records));
  return dir;
}

const retitled = (title: string, startedAt: string) =>
  fixtureRecords().map((r) => (r.type === 'run' ? { ...r, title, startedAt } : r));

describe('roundtable serve', () => {
  it('lists the runs under the folder, newest first, and shows a finished one as its transcript', async () => {
    folder('old', retitled('Old <b>one</b>', '2026-01-01T00:00:00.000Z'));
    folder('nested/new', retitled('New one', '2026-02-01T00:00:00.000Z'));
    mkdirSync(join(root, 'not-a-run'));
    server = await startLibraryWeb(root, { host: '127.0.0.1', port: 0 });
    const base = server.url.replace(/\/$/, '');

    const list = (await (await fetch(`${base}/api/runs`)).json()) as {
      runs: { id: string; title: string; turns: number; endReason: string; seats: string[] }[];
    };
    expect(list.runs.map((r) => [r.id, r.title, r.turns, r.endReason])).toEqual([
      ['nested/new', 'New one', 5, 'completed'],
      ['old', 'Old <b>one</b>', 5, 'completed'],
    ]);
    expect(list.runs[0]?.seats).toEqual(['Ann', 'Bob', 'Cy']);

    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('<a href="/runs/nested%2Fnew">New one</a>');
    expect(page).toContain('Old &lt;b&gt;one&lt;/b&gt;');
    expect(page).not.toContain('<script');

    const run = await fetch(`${base}/runs/nested%2Fnew`);
    expect(run.status).toBe(200);
    expect(run.headers.get('content-security-policy')).toContain("script-src 'none'");
    const html = await run.text();
    expect(html).toContain('<nav class="back"><a href="/">← All runs</a></nav>');
    expect(html).toContain('<h2>Totals</h2>');
  });

  it('shows the turns against the plan only while the count is within it (closing answers are past it)', async () => {
    const planned = (turns: number) =>
      fixtureRecords().map((r) =>
        r.type === 'discussion-started' ? { ...r, settings: { ...r.settings, turns } } : r,
      ) as TranscriptRecord[];
    folder('short', planned(10));
    folder('past', planned(3));
    server = await startLibraryWeb(root, { host: '127.0.0.1', port: 0 });
    const page = await (await fetch(server.url)).text();
    const turnsCell = (id: string) =>
      new RegExp(`href="/runs/${id}".*?<td class="n">([^<]*)</td>`).exec(page)?.[1];
    expect(turnsCell('short')).toBe('5 / 10');
    expect(turnsCell('past')).toBe('5');
  });

  it('follows a run that is still being written, for as long as it is watched', async () => {
    const records = fixtureRecords();
    const cut = records.findIndex((r) => r.type === 'turn-ended' && r.turn === 3);
    const dir = folder('live', records.slice(0, cut));
    server = await startLibraryWeb(root, { host: '127.0.0.1', port: 0 });
    const base = server.url.replace(/\/$/, '');

    const page = await (await fetch(`${base}/runs/live`)).text();
    expect(page).toContain('data-events="/runs/live/events"');

    const stream = openSse(`${base}/runs/live/events`);
    await until(() => recordsOf(stream).length === cut, 'what is written so far');
    // A record written in two pieces is read once it is whole.
    const rest = lines(records.slice(cut));
    appendFileSync(join(dir, 'events.jsonl'), rest.slice(0, 25));
    await new Promise((resolve) => setTimeout(resolve, 400));
    appendFileSync(join(dir, 'events.jsonl'), rest.slice(25));
    await until(() => recordsOf(stream).length === records.length, 'the rest, as it is appended');
    expect(recordsOf(stream).map((r) => r.type)).toEqual(records.map((r) => r.type));
    stream.close();
  });

  it('answers 404 for a run it does not list, whatever the name', async () => {
    folder('a', fixtureRecords());
    server = await startLibraryWeb(root, { host: '127.0.0.1', port: 0 });
    const base = server.url.replace(/\/$/, '');
    for (const name of ['nope', '..%2F..%2Fetc', 'a%2F..%2Fa', '.']) {
      const response = await fetch(`${base}/runs/${name}`);
      expect(response.status, name).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/^no run named /);
    }
    expect((await fetch(`${base}/runs/nope/events`)).status).toBe(404);
  });
});
