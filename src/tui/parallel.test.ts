import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { phaseStatus } from './parallel.js';
import { reduce } from './reduce.js';
import { initialTuiState } from './state.js';
import { started, turnStarted } from './test-utils/events.js';

const rebuttals: DiscussionEvent = {
  type: 'phase-started',
  phase: 1,
  kind: 'discussion',
  title: 'Rebuttals',
  parallel: false,
  seats: [1, 2, 3],
};

describe("a sequential phase's part of the status line", () => {
  it("counts the phase's own turns without calling them the run's turn number", () => {
    // Three opening turns came before, so the run's fifth turn is the rebuttals' second of ten.
    const events: DiscussionEvent[] = [
      started(10),
      rebuttals,
      turnStarted(4, 1, { turnsLeft: 9 }),
      turnStarted(5, 2, { turnsLeft: 8 }),
    ];
    const state = events.reduce(reduce, initialTuiState());
    const status = phaseStatus(state.phase);
    expect(status).toBe('Rebuttals 2 of 10');
    expect(status).not.toContain('turn');
  });
});
