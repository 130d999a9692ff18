// Counting one question's votes: the outcome, how it was reached, its support, and who dissents.
// Every rule is deterministic and no tie is broken by chance or by the order options are listed:
// a tie the rules cannot break is reported as a tie.
import { type Ballot, rankGroups, ranksOf, scoresOf, type VoteMethod } from './ballots.js';
import { kendallW } from './kendall.js';
import { beats, condorcetWinner, type Pairwise, pairwise, smithSet } from './pairwise.js';

/** How the outcome was decided. */
export type Decision =
  /** ranked: the option that beats every other head to head. */
  | 'condorcet'
  /** ranked without a Condorcet winner: the highest Borda count. */
  | 'borda'
  /** approval: the most approvals. score: the highest mean score. */
  | 'approval'
  | 'score'
  /** A tie on the method's count, broken by the tied options' head-to-head results. */
  | 'head-to-head'
  /** A tie on the method's count, broken by who has more seats' first choice. */
  | 'first-choices'
  /** Still tied after the tie rules: no single outcome. */
  | 'tie'
  /** Nobody voted. */
  | 'no-votes';

export interface VoteCount {
  readonly method: VoteMethod;
  readonly options: readonly string[];
  /** The seats whose ballots were counted, in the order given. */
  readonly voters: readonly string[];
  /** The outcome; undefined when tied or when nobody voted. */
  readonly winner: string | undefined;
  /** The options still level after the tie rules (empty when there is a winner). */
  readonly tied: readonly string[];
  readonly decidedBy: Decision;
  /** Each option: how many seats hold it as their position. */
  readonly firstChoices: Readonly<Record<string, number>>;
  /** The options most seats hold, and their share of the voters (0–1). */
  readonly plurality: { readonly options: readonly string[]; readonly share: number };
  /** Share of the voters whose position is the outcome (for a tie: one of the tied options). */
  readonly support: number;
  /** Voters whose position is not the outcome (for a tie: none of the tied options). */
  readonly dissenters: readonly string[];
  /** Kendall's W of the voters' rankings (ranked and score votes). */
  readonly kendallW?: number | undefined;
  /** ranked: Borda points (n − 1 for a first place; tied places share their points). */
  readonly borda?: Readonly<Record<string, number>> | undefined;
  /** ranked: the Condorcet winner, the Smith set (a cycle or head-to-head tie), the counts. */
  readonly condorcet?:
    | {
        readonly winner: string | undefined;
        readonly smithSet: readonly string[];
        readonly pairwise: Pairwise;
      }
    | undefined;
  readonly approvals?: Readonly<Record<string, number>> | undefined;
  readonly meanScores?: Readonly<Record<string, number>> | undefined;
}

function leaders(options: readonly string[], value: (option: string) => number): string[] {
  const best = Math.max(...options.map(value));
  // A float tolerance: Borda halves and mean scores must not split on rounding noise.
  return options.filter((option) => Math.abs(value(option) - best) < 1e-9);
}

function tally(
  options: readonly string[],
  count: (option: string) => number,
): Record<string, number> {
  return Object.fromEntries(options.map((option) => [option, count(option)]));
}

/** Tie rules after the method's own count: head to head among the tied, then first choices. */
function breakTie(
  tied: readonly string[],
  wins: Pairwise,
  firstChoices: Readonly<Record<string, number>>,
): { winner: string | undefined; tied: string[]; decidedBy: Decision } | undefined {
  if (tied.length === 1) return undefined;
  const headToHead = tied.find((a) => tied.every((b) => a === b || beats(wins, a, b)));
  if (headToHead !== undefined) return { winner: headToHead, tied: [], decidedBy: 'head-to-head' };
  const byFirst = leaders(tied, (option) => firstChoices[option] ?? 0);
  if (byFirst.length === 1) return { winner: byFirst[0], tied: [], decidedBy: 'first-choices' };
  return { winner: undefined, tied: byFirst, decidedBy: 'tie' };
}

/**
 * Counts the ballots of one question. Ballots whose choice is not one of the options are left
 * out (the closing phase only hands over valid ones); the rest are counted by `method`.
 */
export function countVotes(
  options: readonly string[],
  method: VoteMethod,
  allBallots: readonly Ballot[],
): VoteCount {
  const ballots = allBallots.filter((b) => options.includes(b.choice));
  const voters = ballots.map((b) => b.voter);
  const groups = ballots.map((b) => rankGroups(b, options, method));
  const rankings = groups.map(ranksOf);
  const wins = pairwise(rankings, options);
  const firstChoices = tally(options, (o) => ballots.filter((b) => b.choice === o).length);
  const share = (count: number): number => (voters.length === 0 ? 0 : count / voters.length);

  const n = options.length;
  const borda =
    method === 'ranked'
      ? tally(options, (o) => rankings.reduce((sum, r) => sum + (n - (r.get(o) ?? n)), 0))
      : undefined;
  const approvals =
    method === 'approval'
      ? tally(options, (o) => ballots.filter((b) => approves(b, o)).length)
      : undefined;
  const meanScores =
    method === 'score' && ballots.length > 0
      ? tally(
          options,
          (o) =>
            ballots.reduce((sum, b) => sum + (scoresOf(b, options)[o] ?? 0), 0) / ballots.length,
        )
      : undefined;

  let winner: string | undefined;
  let tied: string[] = [];
  let decidedBy: Decision;
  const condorcet = method === 'ranked' ? condorcetWinner(wins, options) : undefined;
  if (ballots.length === 0) {
    decidedBy = 'no-votes';
  } else if (condorcet !== undefined) {
    winner = condorcet;
    decidedBy = 'condorcet';
  } else {
    const count = borda ?? approvals ?? meanScores ?? firstChoices;
    const top = leaders(options, (o) => count[o] ?? 0);
    const broken = breakTie(top, wins, firstChoices);
    winner = broken === undefined ? top[0] : broken.winner;
    tied = broken?.tied ?? [];
    decidedBy = broken?.decidedBy ?? (method === 'ranked' ? 'borda' : method);
  }

  const held = winner === undefined ? new Set(tied) : new Set([winner]);
  const supporters = ballots.filter((b) => held.has(b.choice)).length;
  const plurality = ballots.length === 0 ? [] : leaders(options, (o) => firstChoices[o] ?? 0);
  return {
    method,
    options,
    voters,
    winner,
    tied,
    decidedBy,
    firstChoices,
    plurality: { options: plurality, share: share(firstChoices[plurality[0] ?? ''] ?? 0) },
    support: share(supporters),
    dissenters: ballots.filter((b) => !held.has(b.choice)).map((b) => b.voter),
    kendallW: method === 'approval' ? undefined : kendallW(rankings, options),
    borda,
    condorcet:
      method === 'ranked'
        ? { winner: condorcet, smithSet: smithSet(wins, options), pairwise: wins }
        : undefined,
    approvals,
    meanScores,
  };
}

/** An approval ballot approves its choice and whatever else it lists. */
function approves(ballot: Ballot, option: string): boolean {
  return ballot.choice === option || ballot.approved?.includes(option) === true;
}
