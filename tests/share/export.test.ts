import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRecords } from '../../src/report/test-utils/fixture.js';
import { renderHtml } from '../../src/transcript/html/document.js';
import { renderMarkdown } from '../../src/transcript/markdown.js';
import { runCli, withTempDir } from '../helpers/cli.js';

/** A transcript folder holding the report fixture's events.jsonl and nothing else. */
function writeFixtureFolder(root: string): string {
  const dir = join(root, 'run');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'events.jsonl'),
    `${fixtureRecords()
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`,
  );
  return dir;
}

describe('roundtable export', () => {
  it('rebuilds transcript.html and transcript.md in the folder from events.jsonl', async () => {
    await withTempDir(async (root) => {
      const dir = writeFixtureFolder(root);
      const result = await runCli(['export', dir]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`Wrote ${join(dir, 'transcript.html')}`);
      expect(await readFile(join(dir, 'transcript.html'), 'utf8')).toBe(
        renderHtml(fixtureRecords()),
      );
      expect(await readFile(join(dir, 'transcript.md'), 'utf8')).toBe(
        renderMarkdown(fixtureRecords()),
      );
    });
  });

  it('writes one format to stdout or another file', async () => {
    await withTempDir(async (root) => {
      const dir = writeFixtureFolder(root);
      const json = await runCli(['export', dir, '--json', '--out', '-']);
      expect(json.code, json.stderr).toBe(0);
      const document = JSON.parse(json.stdout);
      expect(document).toMatchObject({
        format: 'roundtable-transcript',
        title: 'Park or housing?',
      });
      expect(document.turns.map((t: { speaker: string }) => t.speaker)).toEqual([
        'Ann',
        'Bob',
        'Cy',
        'Cy',
        'Ann',
      ]);
      expect(document.seatUsage[0]).toEqual({
        seat: 1,
        promptTokens: 1000,
        completionTokens: 28,
        estimated: false,
      });

      const target = join(root, 'page.html');
      const html = await runCli(['export', dir, '--html', '--out', target]);
      expect(html.code, html.stderr).toBe(0);
      expect(await readFile(target, 'utf8')).toContain('<h1>Park or housing?</h1>');
    });
  });

  it('names what is wrong with exit code 2', async () => {
    await withTempDir(async (root) => {
      const missing = await runCli(['export', join(root, 'nope')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('transcript folder not found');
      expect(missing.stderr).not.toContain('    at ');

      const dir = writeFixtureFolder(root);
      const both = await runCli(['export', dir, '--html', '--md', '--out', '-']);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('--out takes one format');

      const [first] = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n');
      writeFileSync(join(dir, 'events.jsonl'), `${first}\nnot json\n${first}\n`);
      const broken = await runCli(['export', dir]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/events\.jsonl, line 2: not valid JSON/);
    });
  });
});
