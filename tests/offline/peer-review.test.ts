// A council's peer review, offline, as the prompt asks for one: every answer shown is ranked (a
// ranking of one of three said nothing of the other two, and tied them in the tally), and the
// evaluation speaks of each answer by its label, in the order of the ranking that follows it.
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { EXAMPLE_TABLE, type OfflineRun, runOffline } from './offline-run.js';
import { recitals } from './recitals.js';

type Review = Extract<DiscussionEvent, { type: 'review' }>;

const SEEDS = [1, 2, 3, 5, 7, 42];

const councilRun = (seed: number) =>
  runOffline(EXAMPLE_TABLE, { seed, turns: 4, config: { format: 'council' } });

function reviewReplies(run: OfflineRun) {
  return run.replies.filter(
    ({ request }) =>
      request.responseFormat?.type === 'json_schema' &&
      request.responseFormat.name === 'peer_review',
  );
}

describe('the offline peer review', async () => {
  const runs = await Promise.all(SEEDS.map(councilRun));

  it('ranks every answer it was shown', () => {
    for (const run of runs) {
      const reviews = run.events.filter((e): e is Review => e.type === 'review');
      expect(reviews.length).toBe(run.table.participants.length);
      for (const review of reviews) {
        expect(review.unranked).toBeUndefined();
        expect([...(review.ranking ?? [])].sort()).toEqual(review.labels.map((l) => l.seat).sort());
      }
    }
  });

  it('evaluates each answer by its label, best first, as its ranking then orders them', () => {
    const openings = new Set<string>();
    for (const run of runs) {
      const replies = reviewReplies(run);
      expect(replies.length).toBe(run.table.participants.length);
      for (const { text } of replies) {
        const { evaluation, ranking } = JSON.parse(text) as {
          evaluation: string;
          ranking: string[];
        };
        const named = [...evaluation.matchAll(/Response ([A-Z])\b/gu)].map((m) => m[1]);
        expect(named, evaluation).toEqual(ranking.map((label) => label.replace(/^Response /u, '')));
        openings.add(evaluation.split('.')[0] ?? '');
      }
    }
    // Not one sentence for every reviewer.
    expect(openings.size).toBeGreaterThan(SEEDS.length);
  });

  it('recites neither the review prompt nor any other instruction', () => {
    expect(runs.flatMap(recitals)).toEqual([]);
  });
});
