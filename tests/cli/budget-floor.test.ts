// A budget too small for the run's end (its closing answers, summary and record at their worst)
// cannot be kept, so every command that would start or go on with a run refuses it before
// anything is sent or written: run, plan, batch (and its --dry-run), resume. Offline.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { writeGrid } from '../batch/helpers.js';
import { runCli, withTempDir, writeTable } from '../helpers/cli.js';

/** The least budget `plan --json` reports for the small table with closing on. */
async function leastFor(table: string, ...args: string[]): Promise<number> {
  const plan = await runCli(['plan', table, '--json', '--no-requests', '--closing', ...args]);
  expect(plan.code).toBe(0);
  const least = (JSON.parse(plan.stdout) as { leastBudget: { tokens: number } }).leastBudget;
  return least.tokens;
}

const refusal = (least: number) =>
  new RegExp(
    `budgetTokens \\(from --budget-tokens\\) is [\\d,]+ tokens, but this table needs at least ${least.toLocaleString('en-US')} for its end alone: 3 closing answers \\+ the summary \\+ its record at maxTokens 400, every reply counted at its longest\\. The end always runs, so this budget cannot be kept\\. Raise budgetTokens to ${least.toLocaleString('en-US')} or more, lower maxTokens, or turn closing off`,
    'u',
  );

describe('a budget smaller than the end', () => {
  it('is refused by run and plan with exit 2, naming the least budget; nothing is written', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'));
      const least = await leastFor(table);
      // Three structured answers, the summary and its record: well past a few hundred tokens.
      expect(least).toBeGreaterThan(3 * 400 + 400 + 600);
      const out = join(tmp, 'out');
      const run = await runCli([
        'run',
        table,
        '--plain',
        '--closing',
        '--budget-tokens',
        String(least - 1),
        '--out',
        out,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(refusal(least));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(() => readdirSync(out)).toThrow();
      const plan = await runCli(['plan', table, '--closing', '--budget-tokens', String(least - 1)]);
      expect(plan.code).toBe(2);
      expect(plan.stderr).toMatch(refusal(least));
      // A lower maxTokens lowers what the end needs, as the message says.
      expect(await leastFor(table, '--max-tokens', '200')).toBeLessThan(least);

      // At the least budget the run goes ahead: it warns that no turn fits, keeps the budget
      // and still ends with every closing answer, the summary and its record.
      const held = await runCli([
        'run',
        table,
        '--json',
        '--no-transcript',
        '--closing',
        '--budget-tokens',
        String(least),
      ]);
      expect(held.code).toBe(0);
      expect(held.stderr).toMatch(
        /warning: budgetTokens \(from --budget-tokens\) is [\d,]+ tokens: enough for the end, but the first turn with the end after it needs up to [\d,]+ tokens, so the discussion wraps up at once/u,
      );
      const events = held.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as DiscussionEvent);
      const ended = events.find((e) => e.type === 'discussion-ended');
      expect(ended?.type === 'discussion-ended' && ended.reason).toBe('completed');
      const spent =
        ended?.type === 'discussion-ended'
          ? ended.usage.promptTokens + ended.usage.completionTokens
          : Number.POSITIVE_INFINITY;
      expect(spent).toBeLessThanOrEqual(least);
      expect(events.filter((e) => e.type === 'positions')).toHaveLength(3);
      expect(events.filter((e) => e.type === 'summary-record')).toHaveLength(1);
    });
  }, 120_000);

  it('is refused by batch, with the grid and run it is in, and by --dry-run', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const table = writeTable(join(tmp, 'table'));
      const least = await leastFor(table);
      const grid = writeGrid(tmp, {
        tables: [table],
        seeds: [1],
        settings: [
          { closing: true, budgetTokens: least + 5_000 },
          { closing: true, budgetTokens: least - 1 },
        ],
      });
      for (const extra of [[], ['--dry-run']]) {
        const out = join(tmp, `out${extra.length}`);
        const refused = await runCli(['batch', grid, '--out', out, ...extra], { env });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/run 2 \(table table, seed 1, settings\[1\]\)/u);
        expect(refused.stderr).toMatch(
          new RegExp(
            `budgetTokens \\(from .*grid\\.json\\) is [\\d,]+ tokens, but this table needs at least ${least.toLocaleString('en-US')}`,
            'u',
          ),
        );
        expect(refused.stderr).not.toMatch(/settings\[0\]/u);
        expect(() => readdirSync(join(out, 'runs'))).toThrow();
      }
    });
  }, 120_000);
});

describe('resume with a budget that cannot hold what is left', () => {
  it('is refused, saying what was spent and what the end needs; a larger --budget-tokens goes on', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'));
      const out = join(tmp, 'out');
      const first = await runCli([
        'run',
        table,
        '--plain',
        '--closing',
        '--turns',
        '8',
        '--seed',
        '5',
        '--out',
        out,
      ]);
      expect(first.code).toBe(0);
      const [name] = readdirSync(out);
      const dir = join(out, name ?? '');
      const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n');
      // Cut after turn 6 ended, and give the recorded run a budget it has already spent.
      const cut = lines.findIndex(
        (line) => line.includes('"type":"turn-ended"') && line.includes('"turn":6,'),
      );
      expect(cut).toBeGreaterThan(0);
      const run = JSON.parse(lines[0] ?? '{}') as { settings: Record<string, unknown> };
      run.settings.budgetTokens = 1_000;
      writeFileSync(
        join(dir, 'events.jsonl'),
        `${[JSON.stringify(run), ...lines.slice(1, cut + 1)].join('\n')}\n`,
      );
      const before = readFileSync(join(dir, 'events.jsonl'), 'utf8');

      const refused = await runCli(['resume', dir, '--plain']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /budgetTokens \(from .*events\.jsonl, line 1 \(run record\)\) is 1,000 tokens; the run has spent [\d,]+ tokens, past the budget already, and its end still needs up to [\d,]+ tokens \(3 closing answers \+ the summary \+ its record at maxTokens 400, every reply counted at its longest\): [\d,]+ in all, so the budget cannot be kept\. Resume with a larger budget: --budget-tokens (\d+) or more/u,
      );
      expect(readFileSync(join(dir, 'events.jsonl'), 'utf8')).toBe(before);

      const asked = /--budget-tokens (\d+) or more/u.exec(refused.stderr)?.[1] ?? '0';
      const resumed = await runCli(['resume', dir, '--json', '--budget-tokens', asked]);
      expect(resumed.stderr).not.toMatch(/\n\s+at /);
      expect(resumed.code).toBe(0);
      const events = resumed.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as DiscussionEvent);
      // No turn fits any more: the budget wraps up at once, and the end is spoken whole.
      expect(events.find((e) => e.type === 'budget')).toMatchObject({ action: 'wrap-up' });
      expect(events.filter((e) => e.type === 'positions')).toHaveLength(3);
      expect(events.filter((e) => e.type === 'summary')).toHaveLength(1);
      const ended = events.at(-1);
      expect(ended?.type === 'discussion-ended' && ended.reason).toBe('completed');
      if (ended?.type === 'discussion-ended') {
        expect(ended.usage.promptTokens + ended.usage.completionTokens).toBeLessThanOrEqual(
          Number(asked),
        );
      }
      // The new budget is the run's from now on: the resume's run record keeps it.
      const after = readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n');
      const records = after.map((line) => JSON.parse(line) as { type: string; settings?: unknown });
      const resumedRecord = records.filter((r) => r.type === 'run').at(-1) as {
        settings: { budgetTokens?: number };
      };
      expect(resumedRecord.settings.budgetTokens).toBe(Number(asked));
    });
  }, 120_000);
});
