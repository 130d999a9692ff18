import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { runCli, withTempDir } from '../helpers/cli.js';

function jsonLines(text: string): DiscussionEvent[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DiscussionEvent);
}

async function transcriptDir(root: string): Promise<string> {
  const [only, ...rest] = await readdir(root);
  expect(rest).toEqual([]);
  return join(root, only as string);
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('roundtable run, offline', () => {
  it('runs the example table on the built-in model, in plain text, and keeps a transcript', async () => {
    await withTempDir(async (out) => {
      const result = await runCli(['run', '--plain', '--turns', '4', '--seed', '11', '--out', out]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('offline');
      expect(result.stdout).toMatch(/^(Margit|Tomasz|Ines|Juno): \S/m);
      expect(result.stdout).toContain('Summary');
      expect(result.stdout).not.toContain('\u001b[');

      const dir = await transcriptDir(out);
      const records = (await readFile(join(dir, 'events.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string });
      expect(records[0]?.type).toBe('run');
      expect(records.filter((r) => r.type === 'turn-ended')).toHaveLength(4);
      expect(records.at(-1)?.type).toBe('discussion-ended');
      const markdown = await readFile(join(dir, 'transcript.md'), 'utf8');
      expect(markdown).toContain('Larkhaven Branch');
    });
  });

  it('--json prints only events, one a line, from start to end', async () => {
    const result = await runCli([
      'run',
      '--json',
      '--turns',
      '3',
      '--seed',
      '5',
      '--no-transcript',
    ]);
    expect(result.code).toBe(0);
    const events = jsonLines(result.stdout);
    expect(events[0]?.type).toBe('discussion-started');
    expect(events.at(-1)).toMatchObject({
      type: 'discussion-ended',
      reason: 'completed',
      turns: 3,
    });
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
  });

  it('gives the same discussion for the same seed', async () => {
    const speakers = async (): Promise<string[]> => {
      const result = await runCli([
        'run',
        '--json',
        '--turns',
        '6',
        '--seed',
        '42',
        '--no-transcript',
      ]);
      expect(result.code).toBe(0);
      return jsonLines(result.stdout).flatMap((e) =>
        e.type === 'turn-ended' ? [`${e.speaker}: ${e.text}`] : [],
      );
    };
    const first = await speakers();
    expect(first).toHaveLength(6);
    expect(await speakers()).toEqual(first);
  });
});

describe('roundtable run, failures', () => {
  it('names an endpoint that refuses connections and exits 1', async () => {
    await withTempDir(async (out) => {
      const port = await closedPort();
      const result = await runCli([
        'run',
        '--plain',
        '--base-url',
        `http://127.0.0.1:${port}/v1`,
        '--model',
        'm',
        '--retries',
        '0',
        '--out',
        out,
      ]);
      expect(result.code).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toContain(`127.0.0.1:${port}`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const events = await readFile(join(await transcriptDir(out), 'events.jsonl'), 'utf8');
      expect(events).toContain('"type":"error"');
      expect(events).toContain('"reason":"failed"');
    });
  });

  it('rejects --json with --plain', async () => {
    const result = await runCli(['run', '--json', '--plain']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--json and --plain');
  });

  it('refuses a human seat without a terminal', async () => {
    const result = await runCli(['run', '--human', 'Margit', '--no-transcript']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('terminal');
  });

  it('refuses a human seat for someone not at the table', async () => {
    const result = await runCli(['run', '--human', 'Nobody', '--no-transcript']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Nobody');
    expect(result.stderr).toContain('Margit');
  });
});
