// A peer review that ranks only some of the answers it was shown (llm-council's offline reviews
// rank one or two of three) is completed rather than asked for again: the answers it left out
// share the places after its ranking, and its review event says which they were. Before, such a
// review gave its one ranked answer rank 1 and nothing else, so every seat came out near 1
// ('Peer review, best ranked first: Margit 1 · Tomasz 1 · Ines 1 · Juno 1.5').
import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../discussion.js';
import type { EventOf } from '../events.js';
import { collect, FakeModel, ofType, type Script } from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../test-utils/fixture.js';
import { tallyText } from './review.js';

/** Answers in turns; each reviewer ranks the first `ranked` labels it was shown (none: no JSON). */
const reviewing =
  (ranked: number): Script =>
  (request) => {
    const format = request.responseFormat;
    if (format?.type !== 'json_schema' || format.name !== 'peer_review') {
      return `${request.speaker} answers.`;
    }
    const labels = ['A', 'B', 'C'].slice(0, ranked);
    return ranked === 0
      ? 'I would rather not rank them.'
      : JSON.stringify({ evaluation: `${request.speaker} weighs them.`, ranking: labels });
  };

async function council(ranked: number) {
  const fake = new FakeModel(reviewing(ranked));
  const settings = fixtureSettings({ format: 'council', summary: false });
  return collect(runDiscussion({ table: fixtureTable, settings, model: fake.model }));
}

/** Each seat's ranks as the reviews give them, a left-out seat sharing the places after. */
function expectedRanks(reviews: readonly EventOf<'review'>[]): Map<number, number[]> {
  const ranks = new Map<number, number[]>();
  for (const review of reviews) {
    const shown = review.labels.length;
    const ranking = review.ranking ?? [];
    review.labels.forEach(({ seat }) => {
      const at = ranking.indexOf(seat);
      // Places ranking.length + 1 … shown, shared: their mean.
      const rank = at >= 0 ? at + 1 : (ranking.length + 1 + shown) / 2;
      if (ranking.length > 0) ranks.set(seat, [...(ranks.get(seat) ?? []), rank]);
    });
  }
  return ranks;
}

describe('a partial peer review', () => {
  it.each([1, 2, 3])(
    'is completed: the seats it left out share its last places (%i of 3 ranked)',
    async (ranked) => {
      const events = await council(ranked);
      const reviews = ofType(events, 'review');
      expect(reviews).toHaveLength(4);
      for (const review of reviews) {
        expect(review.ranking).toHaveLength(ranked);
        const left = review.labels.map((l) => l.seat).filter((s) => !review.ranking?.includes(s));
        expect(review.unranked).toEqual(ranked === 3 ? undefined : left);
      }
      const tally = ofType(events, 'review-tally')[0];
      const ranks = expectedRanks(reviews);
      for (const row of tally?.ranking ?? []) {
        const got = ranks.get(row.seat) ?? [];
        // Every seat is placed by each of the three reviews that saw it.
        expect(row.reviews).toBe(3);
        const mean = got.reduce((a, b) => a + b, 0) / got.length;
        expect(row.averageRank).toBeCloseTo(mean, 2);
      }
      // Every review places three seats at 1, 2, 3 (or shares): the averages average 2.
      const averages = (tally?.ranking ?? []).map((r) => r.averageRank ?? 0);
      expect(averages.reduce((a, b) => a + b, 0) / averages.length).toBeCloseTo(2, 1);
    },
  );

  it('that ranks nothing places nobody', async () => {
    const events = await council(0);
    for (const review of ofType(events, 'review')) {
      expect(review.ranking).toBeUndefined();
      expect(review.unranked).toBeUndefined();
    }
    const tally = ofType(events, 'review-tally')[0];
    expect(tally?.ranking.every((r) => r.reviews === 0 && r.averageRank === undefined)).toBe(true);
    expect(tally && tallyText(tally)).toBe(
      'Peer review: no ranking could be read from the reviews.',
    );
  });
});
