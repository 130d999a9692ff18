// Turns that say again what was said: near-duplicates of any earlier turn, and echoes of the
// turn just before.
import type { FoldedTurn } from '../transcript/fold.js';
import {
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_ECHO_THRESHOLD,
  type Echo,
  type Repetition,
} from './figures.js';
import { containment, jaccard, shingles } from './measures.js';

/** A turn that said something: not failed, not empty. */
export const spoken = (turn: FoldedTurn) => turn.status !== 'failed' && turn.text.trim() !== '';

/** Each turn against every earlier one; reported once, against the earlier turn most like it. */
export function findRepetitions(
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
export function findEchoes(
  turns: readonly FoldedTurn[],
  threshold = DEFAULT_ECHO_THRESHOLD,
): Echo[] {
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
