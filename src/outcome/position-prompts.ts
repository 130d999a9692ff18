// What a seat is told when asked for its positions, what it is told when its answer could not be
// read, and how its positions read aloud to the table afterwards.
import { MAX_SCORE, type VoteMethod } from './ballots.js';
import { answerKey, type Position, type QuestionRef } from './positions.js';

export type PositionsMoment = 'opening' | 'closing' | 'check';

const LEADS: Readonly<Record<PositionsMoment, string>> = {
  opening:
    'Before the discussion begins, state your position on each question below, as you see it now.',
  closing:
    'The discussion is over. State your final position on each question below, as the discussion has left it.',
  check:
    'The moderator is checking where the table stands. State your position on each question below, as it is now.',
};

function voteLine(vote: VoteMethod): string {
  switch (vote) {
    case 'ranked':
      return '"ranking": all of its options, best first, your position first';
    case 'approval':
      return '"approved": every one of its options you could accept, your position among them';
    case 'score':
      return `"scores": a score from 0 to ${MAX_SCORE} for each of its options, as [{"option": …, "score": …}]`;
  }
}

function example(questions: readonly QuestionRef[], vote: VoteMethod): string {
  const anyOptions = questions.some((q) => q.options.length > 0);
  const entries = questions.map((q, i) => {
    const entry: Record<string, unknown> = {
      position: q.options[0] ?? 'your position in a sentence',
      confidence: 0.7,
      changedMind: false,
      because: 'why, in one or two sentences',
    };
    if (anyOptions) {
      entry[vote === 'ranked' ? 'ranking' : vote === 'approval' ? 'approved' : 'scores'] =
        q.options.length === 0
          ? null
          : vote === 'ranked'
            ? [...q.options]
            : vote === 'approval'
              ? [q.options[0]]
              : q.options.map((option, j) => ({ option, score: j === 0 ? 8 : 3 }));
    }
    return [answerKey(i), entry] as const;
  });
  return JSON.stringify(Object.fromEntries(entries));
}

/** The instruction that asks for positions, in words, so it works without response_format too. */
export function positionsInstruction(
  questions: readonly QuestionRef[],
  vote: VoteMethod,
  moment: PositionsMoment,
): string {
  const anyOptions = questions.some((q) => q.options.length > 0);
  const list = questions.map((q, i) =>
    q.options.length === 0
      ? `${i + 1}. ${q.text}`
      : `${i + 1}. ${q.text} Options: ${q.options.map((o) => `"${o}"`).join(', ')}.`,
  );
  const lines = [
    LEADS[moment],
    '',
    ...list,
    '',
    `Answer with one JSON object and nothing else, one entry per question, keyed by its number (${questions.map((_, i) => `"${answerKey(i)}"`).join(', ')}), each with`,
    '"position" (for a question with options: exactly one of them, as written; otherwise your position in a sentence), "confidence" (0 to 1), "changedMind" (true if the discussion changed your position), "because" (why, in one or two sentences)' +
      (anyOptions
        ? `, and for a question with options ${voteLine(vote)} (null for the others).`
        : '.'),
    `For example: ${example(questions, vote)}`,
  ];
  return lines.join('\n');
}

/** Asked once when an answer could not be read: what was wrong, and the same request again. */
export function repairInstruction(problems: readonly string[]): string {
  const shown = problems.slice(0, 8);
  return [
    'Your answer could not be read:',
    ...shown.map((p) => `- ${p}`),
    ...(problems.length > shown.length ? [`- and ${problems.length - shown.length} more`] : []),
    'Reply again with the corrected JSON object only: no other text, no code fence.',
  ].join('\n');
}

function confidenceWords(confidence: number): string {
  return `${Math.round(confidence * 100)}% sure`;
}

/**
 * The confidence after a position: "trains (80% sure)." after an option, and after a free-text
 * position that ends a sentence of its own, a sentence of its own in brackets: "… before anything
 * else. (68% sure.)" rather than "… else. (68% sure)." with a full stop on each side. The position
 * stays as written, so the table (and a reader of the text) hears it whole.
 */
function withConfidence(position: string, confidence: string): string {
  return /[.!?…]$/u.test(position)
    ? `${position} (${confidence}.)`
    : `${position} (${confidence}).`;
}

/** The positions as the table hears them (the summary, a later phase) and the transcript shows. */
export function positionsText(
  positions: readonly Position[],
  questions: readonly QuestionRef[],
): string {
  return positions
    .map((p) => {
      const question = questions.find((q) => q.index === p.question);
      const changed = p.changedMind ? '; I changed my mind' : '';
      const because = p.because === '' ? '' : ` ${p.because}`;
      const confidence = `${confidenceWords(p.confidence)}${changed}`;
      return `${question?.text ?? `Question ${p.question + 1}`} → ${withConfidence(p.position, confidence)}${because}`;
    })
    .join('\n');
}
