import { describe, expect, it } from 'vitest';
import type { Ballot } from './ballots.js';
import { countVotes } from './tally.js';

const ranked = (voter: string, ...ranking: string[]): Ballot => ({
  voter,
  choice: ranking[0] ?? '',
  ranking,
});
const ABC = ['A', 'B', 'C'];

describe('ranked votes', () => {
  it('elects the Condorcet winner even where the Borda count prefers another option', () => {
    const count = countVotes(ABC, 'ranked', [
      ranked('v1', 'A', 'B', 'C'),
      ranked('v2', 'A', 'B', 'C'),
      ranked('v3', 'A', 'B', 'C'),
      ranked('v4', 'B', 'C', 'A'),
      ranked('v5', 'B', 'C', 'A'),
    ]);
    expect(count.borda).toEqual({ A: 6, B: 7, C: 2 });
    expect(count.condorcet?.winner).toBe('A');
    expect(count.condorcet?.smithSet).toEqual(['A']);
    expect(count.condorcet?.pairwise.A).toEqual({ B: 3, C: 3 });
    expect(count).toMatchObject({ winner: 'A', decidedBy: 'condorcet', tied: [] });
    expect(count.support).toBeCloseTo(0.6);
    expect(count.dissenters).toEqual(['v4', 'v5']);
    expect(count.plurality).toEqual({ options: ['A'], share: 0.6 });
  });

  it('reports a Condorcet cycle and falls back on the Borda count', () => {
    const count = countVotes(ABC, 'ranked', [
      ranked('v1', 'A', 'B', 'C'),
      ranked('v2', 'A', 'B', 'C'),
      ranked('v3', 'B', 'C', 'A'),
      ranked('v4', 'B', 'C', 'A'),
      ranked('v5', 'C', 'A', 'B'),
    ]);
    expect(count.condorcet?.winner).toBeUndefined();
    expect(count.condorcet?.smithSet).toEqual(['A', 'B', 'C']);
    expect(count.borda).toEqual({ A: 5, B: 6, C: 4 });
    expect(count).toMatchObject({ winner: 'B', decidedBy: 'borda' });
    expect(count.dissenters).toEqual(['v1', 'v2', 'v5']);
  });

  it('reports a perfect cycle as a tie, broken by nothing', () => {
    const count = countVotes(ABC, 'ranked', [
      ranked('v1', 'A', 'B', 'C'),
      ranked('v2', 'B', 'C', 'A'),
      ranked('v3', 'C', 'A', 'B'),
    ]);
    expect(count).toMatchObject({ winner: undefined, tied: ['A', 'B', 'C'], decidedBy: 'tie' });
    expect(count.support).toBe(1);
    expect(count.dissenters).toEqual([]);
    expect(count.kendallW).toBe(0);
  });

  it('breaks a Borda tie head to head between the tied options', () => {
    // A beats B 4–2 and ties C 3–3, so there is no Condorcet winner; A and B have 7 points each.
    const count = countVotes(ABC, 'ranked', [
      ranked('v1', 'A', 'B', 'C'),
      ranked('v2', 'A', 'B', 'C'),
      ranked('v3', 'A', 'B', 'C'),
      ranked('v4', 'B', 'C', 'A'),
      ranked('v5', 'B', 'C', 'A'),
      ranked('v6', 'C', 'A', 'B'),
    ]);
    expect(count.condorcet?.winner).toBeUndefined();
    expect(count.borda).toEqual({ A: 7, B: 7, C: 4 });
    expect(count).toMatchObject({ winner: 'A', decidedBy: 'head-to-head' });
  });

  it('breaks a tie by first choices when head to head cannot', () => {
    // A and B: 5 Borda points each, 2–2 head to head; A is two seats' first choice, B one's.
    const count = countVotes(ABC, 'ranked', [
      ranked('v1', 'A', 'B', 'C'),
      ranked('v2', 'A', 'B', 'C'),
      ranked('v3', 'B', 'A', 'C'),
      ranked('v4', 'C', 'B', 'A'),
    ]);
    expect(count.borda).toEqual({ A: 5, B: 5, C: 2 });
    expect(count.firstChoices).toEqual({ A: 2, B: 1, C: 1 });
    expect(count).toMatchObject({ winner: 'A', decidedBy: 'first-choices' });
  });

  it('reports a two-way tie that every rule leaves level', () => {
    const count = countVotes(ABC, 'ranked', [
      ranked('v1', 'A', 'B', 'C'),
      ranked('v2', 'B', 'A', 'C'),
    ]);
    expect(count).toMatchObject({ winner: undefined, tied: ['A', 'B'], decidedBy: 'tie' });
    expect(count.condorcet?.smithSet).toEqual(['A', 'B']);
    expect(count.dissenters).toEqual([]);
  });

  it('puts the stated choice first when a ranking leaves it out', () => {
    const count = countVotes(ABC, 'ranked', [{ voter: 'v1', choice: 'C', ranking: ['A', 'B'] }]);
    expect(count.borda).toEqual({ A: 1, B: 0, C: 2 });
  });

  it('ties last whatever a partial ranking leaves out, sharing their points', () => {
    const count = countVotes(['A', 'B', 'C', 'D'], 'ranked', [ranked('v1', 'B')]);
    expect(count.borda).toEqual({ A: 1, B: 3, C: 1, D: 1 });
    expect(count.winner).toBe('B');
  });
});

describe('approval votes', () => {
  const approve = (voter: string, choice: string, ...approved: string[]): Ballot => ({
    voter,
    choice,
    approved,
  });

  it('elects the most approved option; the choice counts as approved', () => {
    const count = countVotes(ABC, 'approval', [
      approve('v1', 'A', 'B'),
      approve('v2', 'C', 'B'),
      approve('v3', 'B'),
      approve('v4', 'A'),
    ]);
    expect(count.approvals).toEqual({ A: 2, B: 3, C: 1 });
    expect(count).toMatchObject({ winner: 'B', decidedBy: 'approval' });
    expect(count.dissenters).toEqual(['v1', 'v2', 'v4']);
    expect(count.kendallW).toBeUndefined();
  });

  it('breaks an approval tie by first choices, and reports a tie it cannot break', () => {
    const broken = countVotes(ABC, 'approval', [
      approve('v1', 'A', 'B'),
      approve('v2', 'A', 'B'),
      approve('v3', 'B'),
      approve('v4', 'C', 'A', 'B'),
    ]);
    expect(broken.approvals).toEqual({ A: 3, B: 4, C: 1 });
    const tie = countVotes(ABC, 'approval', [approve('v1', 'A', 'B'), approve('v2', 'B', 'A')]);
    expect(tie).toMatchObject({ winner: undefined, tied: ['A', 'B'], decidedBy: 'tie' });
    const byFirst = countVotes(ABC, 'approval', [
      approve('v1', 'A', 'B'),
      approve('v2', 'A', 'B'),
      approve('v3', 'B', 'A'),
    ]);
    expect(byFirst).toMatchObject({ winner: 'A', decidedBy: 'first-choices' });
  });
});

describe('score votes', () => {
  it('elects the highest mean score, clamping scores to 0–10', () => {
    const count = countVotes(ABC, 'score', [
      { voter: 'v1', choice: 'A', scores: { A: 9, B: 7, C: 1 } },
      { voter: 'v2', choice: 'B', scores: { A: 4, B: 8 } },
      { voter: 'v3', choice: 'B', scores: { A: 40, B: 6, C: -3 } },
    ]);
    expect(count.meanScores).toEqual({ A: 23 / 3, B: 7, C: 1 / 3 });
    expect(count).toMatchObject({ winner: 'A', decidedBy: 'score' });
    expect(count.dissenters).toEqual(['v2', 'v3']);
    expect(count.kendallW).toBeGreaterThan(0);
  });
});

describe('what every vote reports', () => {
  it('counts nobody when nobody voted, and leaves out ballots for unknown options', () => {
    const count = countVotes(ABC, 'ranked', [{ voter: 'v1', choice: 'Z' }]);
    expect(count).toMatchObject({ winner: undefined, tied: [], decidedBy: 'no-votes', voters: [] });
    expect(count.support).toBe(0);
    expect(count.plurality).toEqual({ options: [], share: 0 });
  });

  it('handles options in any script, exactly as written', () => {
    const options = ['Zug fährt wieder', '步道', 'логистика 🚆'];
    const count = countVotes(options, 'ranked', [
      ranked('Åsa', '步道', 'Zug fährt wieder', 'логистика 🚆'),
      ranked('Jürgen', '步道', 'логистика 🚆', 'Zug fährt wieder'),
      ranked('Łucja', 'логистика 🚆', '步道', 'Zug fährt wieder'),
    ]);
    expect(count).toMatchObject({ winner: '步道', decidedBy: 'condorcet', dissenters: ['Łucja'] });
    expect(count.plurality.share).toBeCloseTo(2 / 3);
  });
});
