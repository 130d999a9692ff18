// `roundtable plan` against what the offline model really spends on the same table and seed.
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import type { Plan } from '../../src/plan/estimate.js';
import { runCli } from '../helpers/cli.js';

async function planned(args: readonly string[]): Promise<Plan> {
  const result = await runCli(['plan', '--json', '--no-requests', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Plan;
}

async function spent(args: readonly string[]): Promise<{ tokens: number; requests: number }> {
  const result = await runCli(['run', '--json', '--no-transcript', ...args]);
  expect(result.code).toBe(0);
  const events = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DiscussionEvent);
  const ended = events.find((e) => e.type === 'discussion-ended');
  if (ended?.type !== 'discussion-ended') throw new Error('the run did not end');
  const requests = events.filter((e) => e.type === 'turn-ended' || e.type === 'summary').length;
  return { tokens: ended.usage.promptTokens + ended.usage.completionTokens, requests };
}

describe('roundtable plan', () => {
  it.each([
    [['--seed', '1']],
    [['--seed', '2', '--turns', '16', '--context-tokens', '1600']],
    [['--seed', '3', '--turns', '24', '--max-tokens', '150']],
  ])('estimates the tokens of an offline run within 25%% (%j)', async (args) => {
    const [plan, run] = await Promise.all([planned(args), spent(args)]);
    const estimate = plan.total.promptTokens.expected + plan.total.completionTokens.expected;
    expect(plan.total.requests.expected).toBe(run.requests);
    expect(Math.abs(estimate - run.tokens) / run.tokens).toBeLessThanOrEqual(0.25);
    // No run can pass the high end (every reply at its maxTokens).
    const high = plan.total.promptTokens.high + plan.total.completionTokens.high;
    expect(run.tokens).toBeLessThan(high);
  });

  it('prints each phase, the prices and one rendered request per phase, sending nothing', async () => {
    // An endpoint nobody listens on: a plan must not need it, nor its key.
    const result = await runCli(
      ['plan', '--seed', '5', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'gpt-4o'],
      { env: { OPENAI_API_KEY: undefined } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Discussion\s+10\s/m);
    expect(result.stdout).toMatch(/^Summary\s+1\s/m);
    expect(result.stdout).toMatch(/^Total\s+11\s/m);
    expect(result.stdout).toContain('default gpt-4o: free (local)');
    expect(result.stdout).toContain('── Discussion: ');
    expect(result.stdout).toContain('[system]\nYou are ');
    expect(result.stdout).toContain('── Summary: ');
  });

  it('names the offline model once in the prices', async () => {
    const result = await runCli(['plan', '--seed', '5', '--no-requests']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}markov: free \(local\)$/m);
  });

  it('prices a remote model from the bundled catalogue, and says so when it cannot', async () => {
    const known = await runCli(
      ['plan', '--no-requests', '--endpoint', 'openai', '--model', 'gpt-4o-mini'],
      {
        env: { OPENAI_API_KEY: undefined },
      },
    );
    expect(known.code).toBe(0);
    expect(known.stderr).toContain('note: a run needs a key:');
    expect(known.stderr).toContain('OPENAI_API_KEY');
    expect(known.stdout).toMatch(
      /openai gpt-4o-mini: input \$0\.15, cached input \$0\.075, output \$0\.60 per million tokens \(price library: openai\)/,
    );
    expect(known.stdout).toMatch(/^Total\s+11\s.*\$0\.\d+ \(\$0\.\d+–\$0\.\d+\)$/m);
    const unknown = await runCli([
      'plan',
      '--no-requests',
      '--base-url',
      'https://llm.example.com/v1',
      '--model',
      'mystery',
    ]);
    expect(unknown.stdout).toContain('default mystery: price unknown');
    expect(unknown.stdout).toMatch(/^Total\s+11\s.*unknown$/m);
  });

  it('refuses a bad --reply-tokens with exit code 2', async () => {
    const result = await runCli(['plan', '--reply-tokens', 'lots']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reply-tokens: expected a whole number ≥ 1, got "lots"');
  });
});
