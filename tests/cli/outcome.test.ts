// The decision record and the budgets, as a person meets them: offline runs of the example table
// (whose first and third questions list options) through the real CLI. Each run is a whole CLI
// process: on a loaded machine it takes several times what it takes alone, hence the timeouts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { ROOT, runCli, withTempDir, writeTable } from '../helpers/cli.js';

const published = z.fromJSONSchema(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'outcome.schema.json'), 'utf8')),
);

function events(stdout: string): DiscussionEvent[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DiscussionEvent);
}

/** Three turns and the closing positions, offline, as JSON events (no transcript in the checkout). */
const closingRun = (seed: number, ...more: string[]) =>
  runCli([
    'run',
    '--json',
    '--no-transcript',
    '--closing',
    '--turns',
    '3',
    '--seed',
    String(seed),
    ...more,
  ]);

function ofType<T extends DiscussionEvent['type']>(all: DiscussionEvent[], type: T) {
  return all.filter((e): e is Extract<DiscussionEvent, { type: T }> => e.type === type);
}

describe('the decision record, offline', () => {
  it.each([1, 2, 3, 4, 5])(
    'seed %i: outcome.json validates against schema/outcome.schema.json, and is shown',
    async (seed) => {
      await withTempDir(async (out) => {
        const result = await runCli([
          'run',
          '--plain',
          '--closing',
          '--turns',
          '4',
          '--seed',
          String(seed),
          '--out',
          out,
        ]);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('── Outcome ──');
        const [folder] = readdirSync(out);
        const dir = join(out, folder ?? '');
        const record = JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8'));
        const checked = published.safeParse(record);
        expect(checked.success, JSON.stringify(checked.error?.issues.slice(0, 3))).toBe(true);
        expect(record.questions[0]).toMatchObject({
          index: 0,
          options: ['trains', 'trail', 'housing'],
        });
        expect(record.questions[0].positions).toHaveLength(4);
        // The offline model follows the strict schema: every seat's answer reads as given.
        for (const question of record.questions) {
          expect(question.positions.map((p: { status: string }) => p.status)).toEqual(
            Array(4).fill('parsed'),
          );
        }
        expect(record.questions[0].vote.voters).toHaveLength(4);
        // Action items fall to people: a seat by name (the offline model takes the schema's
        // branch of seat names, or names a seat in its free-text branch), never a sentence.
        expect(record.recordStatus).toBe('parsed');
        for (const item of record.actionItems) {
          expect(item, JSON.stringify(item)).toMatchObject({ ownerIsSeat: true });
          expect(result.stdout).toContain(`${item.action} (${item.owner})`);
        }
        expect(record.cost.total.cost).toMatchObject({ usd: 0, complete: true });
        const markdown = readFileSync(join(dir, 'transcript.md'), 'utf8');
        expect(markdown).toContain('## Outcome');
        // Offline seats cost nothing: the end says "free" once, with no $0 per seat or phase,
        // and the Outcome has no cost line of $0.
        expect(markdown).toMatch(/^- Cost: free$/m);
        expect(markdown).not.toMatch(/\$0\b/);
        expect(result.stdout).toMatch(/^Finished: .* tokens · free$/m);
        expect(result.stdout).not.toMatch(/\$0\b/);
        // The end says what was spoken: the discussion's turns and every seat's closing answer.
        expect(result.stdout).toMatch(/^Finished: 4 turns \+ 4 closing answers · /m);
        expect(markdown).toMatch(/^- Turns: 8 \(4 turns \+ 4 closing answers\)$/m);
        const html = readFileSync(join(dir, 'transcript.html'), 'utf8');
        expect(html).toContain('Finished after 4 turns + 4 closing answers.');
        expect(html).toContain('Cost: free (every request was priced at $0).');
        expect(html).not.toMatch(/\$0</);
      });
    },
    60_000,
  );

  it('carries the same as events with --json, costs included', async () => {
    const result = await closingRun(7);
    expect(result.code).toBe(0);
    const all = events(result.stdout);
    expect(ofType(all, 'positions')).toHaveLength(4);
    expect(ofType(all, 'outcome')).toHaveLength(1);
    expect(ofType(all, 'turn-ended').every((e) => e.cost === 0)).toBe(true);
    expect(ofType(all, 'discussion-started')[0]?.prices).toEqual([
      { endpoint: 'markov', model: 'markov', source: 'local', price: { input: 0, output: 0 } },
    ]);
    expect(ofType(all, 'discussion-ended')[0]?.cost).toMatchObject({ usd: 0, unpricedTokens: 0 });
  }, 60_000);
});

describe('answers that are not JSON, offline (the model knob bad_json)', () => {
  const closing = (model: string, seed: number) => closingRun(seed, '--model', model);

  it('hopeless: each seat is asked once again, then its answer is kept as said, and the run completes', async () => {
    const result = await closing('markov?bad_json=1', 2);
    expect(result.code).toBe(0);
    const all = events(result.stdout);
    const positions = ofType(all, 'positions');
    expect(positions).toHaveLength(4);
    for (const p of positions) {
      expect(p.status).toBe('unparsed');
      expect(p.raw).toBeTruthy();
      expect(p.repairUsage?.completionTokens).toBeGreaterThan(0);
    }
    const record = ofType(all, 'outcome')[0]?.record;
    expect(published.safeParse(record).success).toBe(true);
    expect(record?.questions[0]?.outcome).toBeNull();
    expect(record?.questions[0]?.positions.every((p) => p.status === 'unparsed' && p.raw)).toBe(
      true,
    );
    expect(ofType(all, 'discussion-ended')[0]?.reason).toBe('completed');
  }, 60_000);

  it('half broken: some answers are repaired, the vote counts them', async () => {
    // Which answers break is the model's draw: take the first seed whose run repairs one.
    let all: ReturnType<typeof events> = [];
    for (let seed = 4; seed < 12; seed++) {
      const result = await closing('markov?bad_json=0.5', seed);
      expect(result.code).toBe(0);
      all = events(result.stdout);
      if (ofType(all, 'positions').some((p) => p.status === 'repaired')) break;
    }
    const statuses = ofType(all, 'positions').map((p) => p.status);
    expect(statuses).toContain('repaired');
    const repaired = ofType(all, 'positions').filter((p) => p.status === 'repaired');
    const record = ofType(all, 'outcome')[0]?.record;
    const voters = record?.questions[0]?.vote?.voters ?? [];
    for (const p of repaired) expect(voters).toContain(p.speaker);
  }, 180_000);
});

describe('budgets', () => {
  it.each([4, 9])(
    'seed %i: a third of what an unbudgeted run spends still gets the closing and the summary, within budget + one reply',
    async (seed) => {
      // 30 turns: a third of what they spend holds the end at its worst (a third of a shorter
      // run would not, and is refused: see budget-floor.test.ts) and some turns before it.
      const args = [
        'run',
        '--json',
        '--no-transcript',
        '--closing',
        '--turns',
        '30',
        '--seed',
        String(seed),
      ];
      const free = events((await runCli(args)).stdout);
      const spent = ofType(free, 'discussion-ended')[0]?.usage;
      const total = (spent?.promptTokens ?? 0) + (spent?.completionTokens ?? 0);
      const budget = Math.floor(total / 3);
      const result = await runCli([...args, '--budget-tokens', String(budget)]);
      expect(result.code).toBe(0);
      const kept = events(result.stdout);
      const ended = ofType(kept, 'discussion-ended')[0];
      const used = (ended?.usage.promptTokens ?? 0) + (ended?.usage.completionTokens ?? 0);
      expect(ended?.reason).toBe('completed');
      expect(used).toBeLessThanOrEqual(budget + 400);
      expect(ofType(kept, 'budget').find((e) => e.action === 'wrap-up')).toBeDefined();
      // A wrap-up before the first turn leaves no discussion phase to end; any other ends it so.
      const discussion = ofType(kept, 'phase-ended').find((e) => e.kind === 'discussion');
      if (discussion !== undefined) expect(discussion.reason).toBe('budget');
      expect(ofType(kept, 'positions').filter((p) => p.moment === 'closing')).toHaveLength(4);
      expect(ofType(kept, 'summary')).toHaveLength(1);
      expect(ofType(kept, 'outcome')[0]?.record.stoppedBy).toMatch(/budget/);
    },
    120_000,
  );

  it('refuses budgetUsd when a model has no known price, before anything is written', async () => {
    await withTempDir(async (out) => {
      const result = await runCli([
        'run',
        '--plain',
        '--base-url',
        'https://llm.example.com/v1',
        '--model',
        'mystery',
        '--budget-usd',
        '0.5',
        '--out',
        out,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("budgetUsd (from --budget-usd) needs every model's price");
      expect(result.stderr).toContain('mystery on default');
      expect(readdirSync(out)).toEqual([]);
    });
  });

  it('refuses stopWhen consensus on a table without options', async () => {
    await withTempDir(async (dir) => {
      const result = await runCli(['run', writeTable(dir), '--plain', '--stop-when', 'consensus']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('no question in task/questions.txt lists options');
    });
  });
});
