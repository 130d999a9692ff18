// Numbers about a discussion, computed from its transcript alone: no model is asked anything.
// Pure: records in, figures out. `roundtable report` prints them; batch results carry them.
import type { EndReason, TopicRef } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Participant } from '../engine/table.js';
import { seatColors } from '../render/colors.js';
import {
  type BilledRequest,
  type FoldedTranscript,
  type FoldedTurn,
  type FoldInput,
  foldTranscript,
} from '../transcript/fold.js';
import { containment, gini, jaccard, shingles, wordCount } from './measures.js';
import { type MentionEdge, mentionGraph } from './mentions.js';
import { positionFigures, type QuestionPositions } from './positions.js';

/** What one request of this seat cost in US dollars; undefined when its price is not known. */
export type CostOf = (usage: Usage, participant: Participant) => number | undefined;

export interface AnalyzeOptions {
  readonly costOf?: CostOf | undefined;
  /** Jaccard similarity of word trigrams at which two turns count as near-duplicates. */
  readonly duplicateThreshold?: number | undefined;
  /** Share of a turn's word pairs found in the turn before it at which the turn is an echo. */
  readonly echoThreshold?: number | undefined;
}

export const DEFAULT_DUPLICATE_THRESHOLD = 0.5;
export const DEFAULT_ECHO_THRESHOLD = 0.5;

export interface SeatFigures {
  readonly seat: number;
  readonly name: string;
  readonly fullName: string;
  readonly color: string;
  readonly model: string | undefined;
  readonly human: boolean;
  /** Discussion turns spoken (the summary is not one), failed ones included. */
  readonly turns: number;
  readonly failedTurns: number;
  /** Words in its discussion turns. */
  readonly words: number;
  /** Tokens of every request made for the seat: its turns, the summary, its context summaries. */
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly tokens: number;
  readonly tokensEstimated: boolean;
  /** US dollars; undefined when the model's price is not known. */
  readonly cost: number | undefined;
  readonly shareOfTurns: number;
  readonly shareOfWords: number;
}

export interface TopicFigures {
  /** 0-based question index; -1 for a topic the moderator typed. */
  readonly index: number;
  readonly text: string;
  readonly turns: number;
  readonly words: number;
  /** Time spent speaking on it (turn start to turn end), when the records carry times. */
  readonly durationMs: number | undefined;
  readonly firstTurn: number;
  readonly lastTurn: number;
}

/** A turn that repeats an earlier one (by anyone) almost word for word. */
export interface Repetition {
  readonly turn: number;
  readonly speaker: string;
  readonly of: number;
  readonly ofSpeaker: string;
  /** Jaccard similarity of the two turns' word trigrams, 0–1. */
  readonly similarity: number;
}

/** A turn that mostly restates the turn just before it (for a parallel reply: the last it heard). */
export interface Echo {
  readonly turn: number;
  readonly speaker: string;
  readonly of: number;
  readonly ofSpeaker: string;
  /** Share of this turn's word pairs that the previous turn holds, 0–1. */
  readonly overlap: number;
}

export interface DiscussionFigures {
  readonly title: string;
  readonly startedAt: string | undefined;
  readonly seed: number | undefined;
  /** Wall-clock time the run (and any resumes) took. */
  readonly durationMs: number | undefined;
  readonly endReason: EndReason | undefined;
  /**
   * The discussion turns the settings asked for; undefined when unknown or when the run spoke more
   * (a parallel phase's replies are turns too, beyond the discussion's own).
   */
  readonly plannedTurns: number | undefined;
  readonly seats: readonly SeatFigures[];
  readonly totals: {
    readonly turns: number;
    readonly words: number;
    readonly promptTokens: number;
    readonly completionTokens: number;
    readonly tokens: number;
    readonly tokensEstimated: boolean;
    /** Undefined when any seat's price is unknown. */
    readonly cost: number | undefined;
  };
  /** Gini coefficients of the seats' turns and words: 0 is perfectly even. */
  readonly balance: { readonly turns: number; readonly words: number };
  readonly mentions: readonly MentionEdge[];
  readonly topics: readonly TopicFigures[];
  /** Questions no turn was spoken on. */
  readonly unreached: readonly TopicRef[];
  /** Words of each discussion turn, in order, with its speaker's seat (for sparklines). */
  readonly timeline: readonly {
    readonly turn: number;
    readonly seat: number;
    readonly words: number;
  }[];
  readonly repetitions: readonly Repetition[];
  readonly echoes: readonly Echo[];
  readonly summary: { readonly speaker: string; readonly words: number } | undefined;
  /** Positions and changes of mind per question, when the run made a decision record. */
  readonly positions: readonly QuestionPositions[] | undefined;
}

const spoken = (turn: FoldedTurn) => turn.status !== 'failed' && turn.text.trim() !== '';
const durationOf = (turn: FoldedTurn): number | undefined => {
  if (turn.startedAt === undefined || turn.endedAt === undefined) return undefined;
  const ms = Date.parse(turn.endedAt) - Date.parse(turn.startedAt);
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
};

export function analyzeRecords(
  records: readonly FoldInput[],
  options: AnalyzeOptions = {},
): DiscussionFigures {
  return analyzeTranscript(foldTranscript(records), options);
}

export function analyzeTranscript(
  transcript: FoldedTranscript,
  options: AnalyzeOptions = {},
): DiscussionFigures {
  const { participants, turns } = transcript;
  const wordsOf = new Map(turns.map((turn) => [turn.turn, wordCount(turn.text)]));
  const { seats: withShares, totals } = seatsAndTotals(transcript, wordsOf, options);
  return {
    title: transcript.title,
    startedAt: transcript.startedAt,
    seed: transcript.seed,
    durationMs: transcript.activeMs,
    endReason: transcript.end?.reason,
    plannedTurns:
      transcript.settings !== undefined && turns.length <= transcript.settings.turns
        ? transcript.settings.turns
        : undefined,
    seats: withShares,
    totals,
    balance: {
      turns: gini(withShares.map((s) => s.turns)),
      words: gini(withShares.map((s) => s.words)),
    },
    mentions: mentionGraph(
      participants.map((p) => p.name),
      turns.filter(spoken),
    ),
    topics: topicFigures(turns, wordsOf),
    unreached: (transcript.task?.questions ?? [])
      .map((text, index) => ({ index, text }))
      .filter(({ index }) => !turns.some((turn) => turn.topic.index === index)),
    timeline: turns.map((turn) => ({
      turn: turn.turn,
      seat: turn.seat,
      words: wordsOf.get(turn.turn) ?? 0,
    })),
    repetitions: findRepetitions(turns.filter(spoken), options.duplicateThreshold),
    echoes: findEchoes(turns, options.echoThreshold),
    summary:
      transcript.summary === undefined
        ? undefined
        : { speaker: transcript.summary.speaker, words: wordCount(transcript.summary.text) },
    positions: positionFigures(transcript.outcome),
  };
}

/**
 * Each seat's turns, words, tokens and cost, and their totals, without the measures of the text
 * (repetitions, echoes, mentions): what the end of a transcript shows, at a fraction of the cost.
 */
export function seatTotals(
  records: readonly FoldInput[],
  options: AnalyzeOptions = {},
): Pick<DiscussionFigures, 'seats' | 'totals'> {
  const transcript = foldTranscript(records);
  const wordsOf = new Map(transcript.turns.map((turn) => [turn.turn, wordCount(turn.text)]));
  return seatsAndTotals(transcript, wordsOf, options);
}

function seatsAndTotals(
  transcript: FoldedTranscript,
  wordsOf: ReadonlyMap<number, number>,
  options: AnalyzeOptions,
): Pick<DiscussionFigures, 'seats' | 'totals'> {
  const { participants, turns } = transcript;
  const colors = seatColors(participants);
  const seats = participants.map((p) => seatFigures(p, transcript, wordsOf, colors, options));
  const totalTurns = turns.length;
  const totalWords = seats.reduce((sum, s) => sum + s.words, 0);
  const withShares = seats.map((s) => ({
    ...s,
    shareOfTurns: totalTurns === 0 ? 0 : s.turns / totalTurns,
    shareOfWords: totalWords === 0 ? 0 : s.words / totalWords,
  }));
  // The LLM moderator's and the bids' requests (seat 0) are priced only when the run stamped them.
  const costs = [
    ...withShares.map((s) => s.cost),
    requestsCost(transcript.seatRequests.get(0) ?? [], undefined),
  ];
  return {
    seats: withShares,
    totals: {
      turns: totalTurns,
      words: totalWords,
      promptTokens: transcript.usage.promptTokens,
      completionTokens: transcript.usage.completionTokens,
      tokens: transcript.usage.promptTokens + transcript.usage.completionTokens,
      tokensEstimated: transcript.usage.estimated,
      cost: costs.some((c) => c === undefined)
        ? undefined
        : costs.reduce<number>((sum, c) => sum + (c ?? 0), 0),
    },
  };
}

function seatFigures(
  participant: Participant,
  transcript: FoldedTranscript,
  wordsOf: ReadonlyMap<number, number>,
  colors: ReadonlyMap<number, string>,
  options: AnalyzeOptions,
): SeatFigures {
  const own = transcript.turns.filter((turn) => turn.seat === participant.seat);
  const usage = transcript.seatUsage.get(participant.seat) ?? {
    promptTokens: 0,
    completionTokens: 0,
    estimated: false,
  };
  const model = participant.model ?? own.find((turn) => turn.model !== undefined)?.model;
  const human = participant.human === true;
  return {
    seat: participant.seat,
    name: participant.name,
    fullName: participant.fullName,
    color: colors.get(participant.seat) ?? '#888888',
    model: human ? undefined : model,
    human,
    turns: own.length,
    failedTurns: own.filter((turn) => turn.status === 'failed').length,
    words: own.reduce((sum, turn) => sum + (wordsOf.get(turn.turn) ?? 0), 0),
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    tokens: usage.promptTokens + usage.completionTokens,
    tokensEstimated: usage.estimated,
    // A person's turns cost nothing.
    cost: human
      ? 0
      : requestsCost(
          transcript.seatRequests.get(participant.seat) ?? [],
          options.costOf && ((usage) => options.costOf?.(usage, participant)),
        ),
    shareOfTurns: 0,
    shareOfWords: 0,
  };
}

/**
 * Request by request: the cost the run stamped on it when it was priced, else `costOf` (a tiered
 * price depends on each request's size); undefined if any request's price is unknown.
 */
function requestsCost(
  requests: readonly BilledRequest[],
  price: ((usage: Usage) => number | undefined) | undefined,
): number | undefined {
  let total = 0;
  for (const request of requests) {
    const cost = request.cost !== undefined ? request.cost : price?.(request.usage);
    if (cost === undefined || cost === null) return undefined;
    total += cost;
  }
  return total;
}

function topicFigures(
  turns: readonly FoldedTurn[],
  wordsOf: ReadonlyMap<number, number>,
): TopicFigures[] {
  const byTopic = new Map<string, TopicFigures>();
  for (const turn of turns) {
    const key = `${turn.topic.index}\u0000${turn.topic.text}`;
    const seen = byTopic.get(key);
    const duration = durationOf(turn);
    const words = wordsOf.get(turn.turn) ?? 0;
    byTopic.set(
      key,
      seen === undefined
        ? {
            index: turn.topic.index,
            text: turn.topic.text,
            turns: 1,
            words,
            durationMs: duration,
            firstTurn: turn.turn,
            lastTurn: turn.turn,
          }
        : {
            ...seen,
            turns: seen.turns + 1,
            words: seen.words + words,
            durationMs:
              seen.durationMs === undefined || duration === undefined
                ? undefined
                : seen.durationMs + duration,
            lastTurn: turn.turn,
          },
    );
  }
  return [...byTopic.values()];
}

/** Each turn against every earlier one; reported once, against the earlier turn most like it. */
function findRepetitions(
  turns: readonly FoldedTurn[],
  threshold = DEFAULT_DUPLICATE_THRESHOLD,
): Repetition[] {
  const sets = turns.map((turn) => shingles(turn.text, 3));
  const found: Repetition[] = [];
  turns.forEach((turn, i) => {
    const own = sets[i];
    if (own === undefined || own.size === 0) return;
    let best: { index: number; similarity: number } | undefined;
    for (let j = 0; j < i; j++) {
      const similarity = jaccard(own, sets[j] ?? new Set());
      if (similarity >= threshold && similarity > (best?.similarity ?? 0)) {
        best = { index: j, similarity };
      }
    }
    const earlier = best === undefined ? undefined : turns[best.index];
    if (best !== undefined && earlier !== undefined) {
      found.push({
        turn: turn.turn,
        speaker: turn.speaker,
        of: earlier.turn,
        ofSpeaker: earlier.speaker,
        similarity: best.similarity,
      });
    }
  });
  return found;
}

/** Each spoken turn against the spoken turn just before it. */
function findEchoes(turns: readonly FoldedTurn[], threshold = DEFAULT_ECHO_THRESHOLD): Echo[] {
  const found: Echo[] = [];
  type Heard = { turn: FoldedTurn; pairs: Set<string> };
  let previous: Heard | undefined;
  /** The last turn before the parallel batch under way: what each of its replies heard last. */
  let beforeBatch: Heard | undefined;
  for (const turn of turns) {
    if (!spoken(turn)) continue;
    const pairs = shingles(turn.text, 2);
    if (turn.batch === undefined || previous?.turn.batch !== turn.batch) beforeBatch = previous;
    const heard = turn.batch === undefined ? previous : beforeBatch;
    if (heard !== undefined) {
      const overlap = containment(pairs, heard.pairs);
      if (pairs.size > 0 && overlap >= threshold) {
        found.push({
          turn: turn.turn,
          speaker: turn.speaker,
          of: heard.turn.turn,
          ofSpeaker: heard.turn.speaker,
          overlap,
        });
      }
    }
    previous = { turn, pairs };
  }
  return found;
}
