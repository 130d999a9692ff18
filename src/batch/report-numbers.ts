// The report's numbers for one run, flattened into a result row's columns (`roundtable report`
// computes them from the transcript alone; so do the results).
import { analyzeRecords } from '../report/analyze.js';
import type { TranscriptRecord } from '../transcript/events-file.js';

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Words spoken, participation balance (Gini of turns and of words: 0 is even), near-duplicate
 * and echoing turns, questions never reached, mentions between seats, and each seat's turns and
 * words (`turns.<Name>`, `words.<Name>`), for comparing runs across a grid.
 */
export function reportNumbers(records: readonly TranscriptRecord[]): Record<string, number> {
  const figures = analyzeRecords(records);
  const numbers: Record<string, number> = {
    words: figures.totals.words,
    balanceTurns: round(figures.balance.turns),
    balanceWords: round(figures.balance.words),
    repetitions: figures.repetitions.length,
    echoes: figures.echoes.length,
    unreached: figures.unreached.length,
    mentions: figures.mentions.reduce((sum, edge) => sum + edge.turns, 0),
  };
  for (const seat of figures.seats) {
    numbers[`turns.${seat.name}`] = seat.turns;
    numbers[`words.${seat.name}`] = seat.words;
  }
  return numbers;
}
