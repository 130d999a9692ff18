// `roundtable batch` as a person runs it: a 40-run grid offline, several at once; stopped at a
// random moment (Ctrl-C, then kill -9) and started again, every run is done exactly once and says
// exactly what an uninterrupted batch says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/engine/random.js';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { resultRows, runFolders, spoken, writeGrid } from './helpers.js';

describe('roundtable batch', () => {
  it('runs a 40-run grid offline, four at once, into one folder with results', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const table = writeTable(join(tmp, 'table'));
      const grid = writeGrid(tmp, {
        tables: [table],
        seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        settings: [
          { turns: 3, maxTokens: 40 },
          { turns: 4, maxTokens: 40, summary: false },
        ],
        seats: [{ Ann: { creativity: 0.1 } }, { Ann: { creativity: 0.9 } }],
      });
      const out = join(tmp, 'batch');
      const result = await runCli(['batch', grid, '--out', out, '--concurrency', '4'], { env });
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.code).toBe(0);
      const folders = runFolders(out);
      expect(folders).toHaveLength(40);
      for (const folder of folders) {
        expect(folder.events.filter((e) => e.type === 'discussion-started')).toHaveLength(1);
        expect(folder.events.at(-1)).toMatchObject({
          type: 'discussion-ended',
          reason: 'completed',
          // Priced like a run: offline costs $0, every token priced.
          cost: { usd: 0, unpricedTokens: 0 },
        });
      }
      const rows = resultRows(out);
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((r) => r.key)).size).toBe(40);
      expect(rows.map((r) => r.run)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(rows.filter((r) => r.turns === 4)).toHaveLength(20);
      const csv = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
      expect(csv).toHaveLength(41);
      expect(csv[0]).toMatch(/^run,key,table,seed,settings,seats,format,status,turns,/);
      // The summary, grouped by each dimension the grid varies, on stdout and in summary.md.
      expect(result.stdout).toMatch(/^## By seed$/m);
      expect(result.stdout).toMatch(/^## By settings$/m);
      expect(result.stdout).toMatch(/^## By seats$/m);
      expect(result.stdout).toMatch(
        /^\| turns=4 maxTokens=40 summary=false \| 20 +\| 20 +\| 0 +\| 4\.0 /m,
      );
      expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(result.stdout);
      // Every run is in the run library.
      const history = await runCli(['history', '--limit', '100', '--json'], { env });
      expect(history.stdout.trim().split('\n')).toHaveLength(40);
      // Run again: nothing left to do, nothing run twice.
      const again = await runCli(['batch', grid, '--out', out], { env });
      expect(again.code).toBe(0);
      expect(again.stderr).toMatch(/40 of 40 runs already ended; skipping them/);
      expect(runFolders(out).map((f) => f.events.length)).toEqual(
        folders.map((f) => f.events.length),
      );
    });
  }, 120_000);

  it('stopped at random moments and started again, runs each run exactly once', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const table = writeTable(join(tmp, 'table'));
      const grid = writeGrid(tmp, {
        tables: [table],
        seeds: [11, 12, 13, 14, 15, 16],
        settings: [
          { turns: 12, maxTokens: 60 },
          { turns: 8, maxTokens: 60 },
        ],
      });
      const reference = join(tmp, 'reference');
      expect((await runCli(['batch', grid, '--out', reference], { env })).code).toBe(0);
      const expected = new Map(runFolders(reference).map((f) => [f.name, spoken(f.events)]));
      expect(expected.size).toBe(12);

      const out = join(tmp, 'stopped');
      const random = createRandom(1414);
      const stops: string[] = [];
      for (const signal of ['SIGINT', 'SIGKILL', 'SIGINT'] as const) {
        let seen = 0;
        let sent = false;
        const at = 1 + random.int(6);
        const { child, done } = spawnCli(
          ['batch', grid, '--out', out, '--concurrency', '3', '--plain'],
          {
            env,
            // Stop after the at-th run has started (or resumed): somewhere in the middle of things.
            onStderr: (text) => {
              seen += (text.match(/\] (started|resuming) run/g) ?? []).length;
              if (seen >= at && !sent) {
                sent = true;
                child.kill(signal);
              }
            },
          },
        );
        const result = await done;
        stops.push(`${signal}@${at}:${result.code ?? result.signal}`);
        if (signal === 'SIGINT' && result.code !== 0) {
          expect(result.code).toBe(130);
          expect(result.stderr).toMatch(/run the same command again to resume it/);
        }
      }
      const last = await runCli(['batch', grid, '--out', out, '--plain'], { env });
      expect(last.code).toBe(0);
      const folders = runFolders(out);
      expect(folders.map((f) => f.name)).toEqual([...expected.keys()]);
      for (const folder of folders) {
        // One discussion per folder, ended once for good, saying what the uninterrupted one said.
        expect(folder.events.filter((e) => e.type === 'discussion-started')).toHaveLength(1);
        expect(
          folder.events.filter((e) => e.type === 'discussion-ended' && e.reason !== 'interrupted'),
        ).toHaveLength(1);
        expect(spoken(folder.events), `${folder.name} after ${stops.join(' ')}`).toEqual(
          expected.get(folder.name),
        );
      }
      const rows = resultRows(out);
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((r) => r.key)).size).toBe(12);
      // The stops really interrupted something.
      expect(folders.some((f) => f.events.some((e) => e.type === 'discussion-resumed'))).toBe(true);
    });
  }, 180_000);

  it('lists the runs with --dry-run and sends nothing; refuses a bad grid with exit 2', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const table = writeTable(join(tmp, 'table'));
      const grid = writeGrid(tmp, { tables: [table], seeds: [1, 2], settings: [{ turns: 3 }] });
      const dry = await runCli(['batch', grid, '--out', join(tmp, 'b'), '--dry-run'], { env });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(
        /2 runs in .*: 2 to run, 0 to resume, 0 ended \(nothing was sent\)/,
      );
      const bad = writeGrid(
        tmp,
        { tables: [table], seats: [{ Nobody: { model: 'x' } }] },
        'bad.json',
      );
      const refused = await runCli(['batch', bad], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/has no seat named "Nobody" \(its seats: Ann, Bob, Cy\)/);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      const missing = await runCli(['batch', join(tmp, 'nope.json')], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/nope\.json: grid file not found/);
    });
  }, 60_000);
});
