import { describe, expect, it } from 'vitest';
import { syntheticRun } from '../render/test-utils/events.js';
import { displayWidth } from '../tui/wrap.js';
import type { RunSpec } from './expand.js';
import { BatchProgress } from './progress.js';
import { progressBlock } from './progress-block.js';

const spec = (n: number): RunSpec =>
  ({ key: `k${n}`, name: `run-${n}`, index: n, table: 't', tableDir: '/t' }) as RunSpec;

describe('BatchProgress', () => {
  it('counts every request’s tokens and cost, the summary’s too', () => {
    const progress = new BatchProgress(
      2,
      { done: 0, tokens: 0, costUsd: 0, costComplete: true },
      2,
    );
    const events = syntheticRun().map((e) =>
      'usage' in e && e.type !== 'discussion-ended' ? { ...e, cost: 0.25 } : e,
    );
    // The summary phase ends the summary with its summary event alone.
    const phased = events.filter((e) => !(e.type === 'turn-ended' && e.turn === 7));
    progress.started(spec(1), false, 6);
    for (const event of phased) progress.event(spec(1), event);
    const end = events.at(-1);
    if (end?.type !== 'discussion-ended') throw new Error('fixture');
    const { promptTokens, completionTokens } = end.usage;
    expect(progress.totals()).toMatchObject({
      tokens: promptTokens + completionTokens,
      costUsd: 7 * 0.25,
      costComplete: true,
    });
    expect(progress.running()[0]?.speaker).toBeUndefined();
  });
});

describe('the live block on a terminal', () => {
  it('fits the screen: no line wider than it, no more lines than it has rows', () => {
    const progress = new BatchProgress(
      30,
      { done: 0, tokens: 0, costUsd: 0, costComplete: true },
      30,
    );
    const wide = { ...spec(1), tableDir: `/t/${'議論のテーブル'.repeat(4)}` } as RunSpec;
    progress.started(wide, false, 6);
    for (let n = 2; n <= 30; n++) progress.started(spec(n), false, 6);
    const block = progressBlock(progress, 60, 11);
    expect(block).toHaveLength(11);
    expect(block[0]).toMatch(/^[█░]+ {2}0\/30 runs/);
    expect(block.at(-1)).toBe('  … and 21 more running');
    for (const line of block) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(block[1]).toMatch(/…$/);
    // Room for all: every running discussion has its line.
    expect(progressBlock(progress, 200, 40)).toHaveLength(31);
  });
});
