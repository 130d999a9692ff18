import { describe, expect, it } from 'vitest';
import { createStyle } from '../render/ansi.js';
import { firstControl, HOSTILE_TEXT } from '../render/test-utils/hostile.js';
import { formatHistory, formatRunCost, formatRunHeader } from './format.js';
import type { RunSummary } from './run-summary.js';
import { MATCH_END, MATCH_START } from './snippet.js';

function run(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id: '3fa9c2d1e4b5',
    dir: '/runs/a',
    title: 'Should the line reopen?',
    tableName: 'larkhaven',
    tableDir: '/tables/larkhaven',
    startedAt: new Date(2026, 10, 2, 14, 5).toISOString(),
    updatedAt: new Date(2026, 10, 2, 14, 9).toISOString(),
    status: 'completed',
    seed: 7,
    format: 'roundtable',
    turnsPlanned: 10,
    turnsSpoken: 10,
    promptTokens: 3000,
    completionTokens: 410,
    estimated: false,
    costUsd: 0.0123,
    costComplete: true,
    endpoint: 'openai',
    settings: {},
    outcome: null,
    seats: [
      { seat: 1, name: 'Ada', model: 'gpt-4o-mini', endpoint: 'openai' },
      { seat: 2, name: 'Bob', model: 'gpt-4o-mini', endpoint: 'openai' },
      { seat: 3, name: 'Cy', model: 'llama3', endpoint: 'ollama' },
    ],
    matches: [
      {
        kind: 'turn',
        turn: 4,
        speaker: 'Bob',
        snippet: `…the old ${MATCH_START}viaduct${MATCH_END} needs…`,
      },
    ],
    ...overrides,
  };
}

describe('formatHistory', () => {
  it('prints a line of facts, the title, and each match marked', () => {
    const text = formatHistory([run()], { style: createStyle(0) });
    expect(text).toBe(
      [
        '3fa9c2d1e4b5  2026-11-02 14:05  completed    larkhaven  gpt-4o-mini ×2, llama3  10/10 turns  3,410 tokens  $0.012',
        '    Should the line reopen?',
        '    turn 4, Bob: …the old **viaduct** needs…',
      ].join('\n'),
    );
  });

  it('counts turns against the plan only while they are within it (closing answers are not planned)', () => {
    const style = createStyle(0);
    expect(formatHistory([run({ turnsSpoken: 6 })], { style })).toContain(' 6/10 turns ');
    // 1 discussion turn + 4 closing answers: not "5/1 turns".
    const closing = run({ turnsPlanned: 1, turnsSpoken: 5 });
    expect(formatHistory([closing], { style })).toContain(' 5 turns ');
    expect(formatRunHeader(closing, { style })).not.toContain('5 of 1');
  });

  it('writes every token count of the header alike, with thousands separators', () => {
    const header = formatRunHeader(run({ promptTokens: 8159, completionTokens: 469 }), {
      style: createStyle(0),
    });
    expect(header).toContain('8,628 tokens (8,159 prompt + 469 completion)');
  });

  it('shows hostile text from a table or a reply, never obeys it', () => {
    const hostile = run({
      title: HOSTILE_TEXT,
      tableName: HOSTILE_TEXT,
      seats: [{ seat: 1, name: HOSTILE_TEXT, model: HOSTILE_TEXT, endpoint: null }],
      matches: [{ kind: 'turn', turn: 1, speaker: HOSTILE_TEXT, snippet: HOSTILE_TEXT }],
    });
    for (const level of [0, 2] as const) {
      const style = createStyle(level);
      expect(firstControl(formatHistory([hostile], { style }), level > 0)).toBeUndefined();
      expect(firstControl(formatRunHeader(hostile, { style }), level > 0)).toBeUndefined();
    }
  });
});

describe('formatRunCost', () => {
  it('says when part or all of the cost is unknown, never $0 for it', () => {
    expect(formatRunCost({ costUsd: 0.42, costComplete: true })).toBe('$0.42');
    expect(formatRunCost({ costUsd: 0, costComplete: true })).toBe('$0');
    expect(formatRunCost({ costUsd: 0.42, costComplete: false })).toBe('$0.42 + unknown');
    expect(formatRunCost({ costUsd: 0, costComplete: false })).toBe('cost unknown');
  });
});
