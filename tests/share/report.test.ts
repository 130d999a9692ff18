import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureRecords } from '../../src/report/test-utils/fixture.js';
import type { TranscriptRecord } from '../../src/transcript/events-file.js';
import { runCli, withTempDir } from '../helpers/cli.js';

function folder(root: string, name: string, records: readonly TranscriptRecord[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'events.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return dir;
}

/** The fixture run on the built-in model: free, so every cost is known. */
const offline = () =>
  fixtureRecords().map((r) =>
    r.type === 'run'
      ? { ...r, endpoint: 'markov', model: 'markov' }
      : r.type === 'discussion-started'
        ? {
            ...r,
            participants: r.participants.map((p) => ({
              ...p,
              endpoint: 'markov',
              model: 'markov',
            })),
          }
        : r,
  );

describe('roundtable report', () => {
  it('prints the hand-checked figures of the fixture as tables', async () => {
    await withTempDir(async (root) => {
      const dir = folder(root, 'run', offline());
      const result = await runCli(['report', dir]);
      expect(result.code, result.stderr).toBe(0);
      const lines = result.stdout.split('\n');
      const row = (name: string) => lines.find((l) => l.startsWith(name))?.split(/\s+/);
      expect(row('Ann')?.slice(0, 6)).toEqual(['Ann', '2', '20', '1,000', '28', '$0']);
      expect(row('Bob')?.slice(0, 5)).toEqual(['Bob', '1', '14', '200', '20']);
      expect(row('Cy')?.slice(0, 5)).toEqual(['Cy', '2', '9', '350', '15']);
      expect(row('total')?.slice(0, 5)).toEqual(['total', '5', '43', '1,550', '63']);
      expect(result.stdout).toContain('Balance (Gini, 0 is even): turns 0.13 · words 0.17');
      expect(result.stdout).toContain('never reached: 3. When do we start?');
      expect(result.stdout).toContain('turn 5 (Ann) repeats turn 1 (Ann): 100% alike');
      expect(result.stdout).toContain('turn 2 (Bob) restates turn 1 (Ann): 62% of its word pairs');
      // Who addressed whom: Ann named Bob in two turns.
      const ann = lines
        .find((l) => /^\s+Ann\s+·/.test(l))
        ?.trim()
        .split(/\s+/);
      expect(ann).toEqual(['Ann', '·', '2', '0']);
      expect(result.stdout.includes('\u001b')).toBe(false);
    });
  });

  it('gives scripts the figures as JSON, each seat with turns, words, tokens and cost', async () => {
    await withTempDir(async (root) => {
      const dir = folder(root, 'run', offline());
      const result = await runCli(['report', dir, '--json']);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.format).toBe('roundtable-report');
      expect(report.runs[0].dir).toBe(dir);
      expect(
        report.runs[0].seats.map((s: Record<string, unknown>) => [
          s.name,
          s.turns,
          s.words,
          s.tokens,
          s.cost,
        ]),
      ).toEqual([
        ['Ann', 2, 20, 1028, 0],
        ['Bob', 1, 14, 220, 0],
        ['Cy', 2, 9, 365, 0],
      ]);
      expect(report.runs[0].balance.turns).toBeCloseTo(2 / 15, 10);
    });
  });

  it('compares several runs side by side, and writes a self-contained HTML page with charts', async () => {
    await withTempDir(async (root) => {
      const a = folder(root, 'a', offline());
      const b = folder(
        root,
        'b',
        offline().filter((r) => !(r.type === 'turn-ended' && r.turn === 5)),
      );
      const text = await runCli(['report', a, b]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^turns\s+5\s+4$/m);
      expect(text.stdout).toMatch(/^words\s+43\s+33$/m);
      expect(text.stdout).toMatch(/^Ann\s+20 \(2\)\s+10 \(1\)$/m);

      const out = join(root, 'report.html');
      const html = await runCli(['report', a, b, '--html', '--out', out]);
      expect(html.code, html.stderr).toBe(0);
      const page = await import('node:fs/promises').then((fs) => fs.readFile(out, 'utf8'));
      expect(page).toContain('<h1>Discussions side by side</h1>');
      expect(page.match(/<svg class="chart"/g)?.length).toBe(6);
      expect(page).not.toMatch(/<script|<link|src=|url\(/i);
      expect(page).toContain('script-src &#39;none&#39;');
      // A shared page names each transcript by its folder, not where it lies on this machine.
      expect(page).toContain(`<span class="muted">${basename(a)}</span>`);
      expect(page).not.toContain(root);
    });
  });

  it('names what is wrong with exit code 2', async () => {
    await withTempDir(async (root) => {
      const both = await runCli(['report', root, '--html', '--json']);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('--html and --json cannot be used together');
      const missing = await runCli(['report', join(root, 'missing')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('transcript folder not found');
      const none = await runCli(['report']);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("missing required argument 'dirs'");
    });
  });
});
