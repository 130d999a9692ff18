// What a seat's vote on one question says, for each way of voting. Options are the question's
// own strings, exactly as listed in task/questions.txt; the counting never sees anything else.

export type VoteMethod = 'ranked' | 'approval' | 'score';

export const VOTE_METHODS: readonly VoteMethod[] = ['ranked', 'approval', 'score'];

/** Scores run from 0 (worst) to 10 (best). */
export const MAX_SCORE = 10;

export interface Ballot {
  /** Who voted (a seat's name). */
  readonly voter: string;
  /** The seat's position: the option it stands for. */
  readonly choice: string;
  /** ranked: options best first; those left out are tied last. */
  readonly ranking?: readonly string[] | undefined;
  /** approval: every option the seat can live with (its choice among them). */
  readonly approved?: readonly string[] | undefined;
  /** score: 0–10 per option; an option left out scores 0. */
  readonly scores?: Readonly<Record<string, number>> | undefined;
}

/**
 * The ballot as a ranking with ties, best first: one group per rank. Ranked ballots as given
 * (the unranked tied last), approval ballots as approved then not, score ballots by score.
 * Unknown options and repeats are ignored; the choice comes first when a ranking omits it.
 */
export function rankGroups(
  ballot: Ballot,
  options: readonly string[],
  method: VoteMethod,
): string[][] {
  const known = new Set(options);
  switch (method) {
    case 'ranked': {
      const seen = new Set<string>();
      const order = [ballot.choice, ...(ballot.ranking ?? [])];
      // The ranking wins where it names the choice: the choice only fills in when it is missing.
      if (ballot.ranking?.includes(ballot.choice) === true) order.shift();
      const groups: string[][] = [];
      for (const option of order) {
        if (!known.has(option) || seen.has(option)) continue;
        seen.add(option);
        groups.push([option]);
      }
      const rest = options.filter((option) => !seen.has(option));
      if (rest.length > 0) groups.push(rest);
      return groups;
    }
    case 'approval': {
      const approved = new Set([ballot.choice, ...(ballot.approved ?? [])]);
      return [
        options.filter((o) => approved.has(o)),
        options.filter((o) => !approved.has(o)),
      ].filter((group) => group.length > 0);
    }
    case 'score': {
      const scores = scoresOf(ballot, options);
      const distinct = [...new Set(options.map((o) => scores[o] ?? 0))].sort((a, b) => b - a);
      return distinct.map((score) => options.filter((o) => (scores[o] ?? 0) === score));
    }
  }
}

/** The ballot's scores, clamped to 0–10, 0 for options it leaves out. */
export function scoresOf(ballot: Ballot, options: readonly string[]): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const option of options) {
    const raw = ballot.scores?.[option];
    scores[option] =
      typeof raw === 'number' && Number.isFinite(raw) ? Math.min(MAX_SCORE, Math.max(0, raw)) : 0;
  }
  return scores;
}

/** Average rank (1 = best) of each option: tied options share the mean of their places. */
export function ranksOf(groups: readonly (readonly string[])[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let place = 1;
  for (const group of groups) {
    const mean = place + (group.length - 1) / 2;
    for (const option of group) ranks.set(option, mean);
    place += group.length;
  }
  return ranks;
}
