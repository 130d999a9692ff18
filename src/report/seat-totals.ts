// Each seat's turns, words, tokens and cost, and their totals: what the end of a transcript
// shows, without the measures of the text.
import type { Usage } from '../engine/model.js';
import type { Participant } from '../engine/table.js';
import { seatColors } from '../render/colors.js';
import {
  type BilledRequest,
  type FoldedTranscript,
  type FoldInput,
  foldTranscript,
} from '../transcript/fold.js';
import type { AnalyzeOptions, DiscussionFigures, SeatFigures } from './figures.js';
import { wordCount } from './measures.js';

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

export function seatsAndTotals(
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
