// Numbers about a discussion, computed from its transcript alone: no model is asked anything.
// Pure: records in, figures out. `roundtable report` prints them; batch results carry them.
import type { FoldedTranscript, FoldedTurn, FoldInput } from '../transcript/fold.js';
import { foldTranscript } from '../transcript/fold.js';
import type { AnalyzeOptions, DiscussionFigures, TopicFigures } from './figures.js';
import { gini, wordCount } from './measures.js';
import { mentionGraph } from './mentions.js';
import { positionFigures } from './positions.js';
import { findEchoes, findRepetitions, spoken } from './repetitions.js';
import { seatsAndTotals } from './seat-totals.js';

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
