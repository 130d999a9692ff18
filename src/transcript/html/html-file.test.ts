import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticRun } from '../../render/test-utils/events.js';
import { parseEventsFile } from '../events-file.js';
import { openTranscript, resumeTranscript } from '../writer.js';
import { renderHtml } from './document.js';

const run = { version: '0.1.0', tableDir: 'tables/demo', settings: {} };

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rt-html-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = async (dir: string) => ({
  html: await readFile(join(dir, 'transcript.html'), 'utf8'),
  records: parseEventsFile(await readFile(join(dir, 'events.jsonl'), 'utf8')).records,
});

describe('transcript.html beside events.jsonl', () => {
  it('is written as the run goes and equals the page rebuilt from events.jsonl at the end', async () => {
    const writer = await openTranscript({ root, title: 'Cars?', run });
    // The page exists from the first record on, before any turn.
    expect((await read(writer.dir)).html).toContain('<h1>Cars?</h1>');
    for (const event of syntheticRun({ turns: 4 })) writer.write(event);
    await writer.close();
    const { html, records } = await read(writer.dir);
    expect(html).toBe(renderHtml(records));
    expect(html).toContain('<h2>Totals</h2>');
  });

  it('records an interruption, and a resume rebuilds the page and carries on', async () => {
    const events = syntheticRun({ turns: 4, end: false });
    const writer = await openTranscript({ root, title: 'Cars?', run });
    for (const event of events.slice(0, 8)) writer.write(event);
    await writer.close('interrupted');
    expect((await read(writer.dir)).html).toContain('<h2>Interrupted</h2>');

    const { writer: resumed } = await resumeTranscript({ dir: writer.dir, run });
    for (const event of syntheticRun({ turns: 4 }).slice(8)) resumed.write(event);
    await resumed.close();
    const { html, records } = await read(writer.dir);
    expect(html).toBe(renderHtml(records));
    expect(html).toContain('<p class="aside resumed">Resumed');
    expect(html).toContain('<h2>Totals</h2>');
  });
});
