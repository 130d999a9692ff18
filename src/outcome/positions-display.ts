// A block of positions (an opening or closing) as a person reads it: each question once, numbered
// at the block's head, and under each seat its answers by number. What the table hears and the
// events record (`positionsText`: each answer after its question in full) is unchanged; every
// renderer that shows the block (plain, live view, transcript.md, the HTML page) reads it here.
import type { TopicRef } from '../engine/events.js';

/** The number a question goes by in the block: its place in the table's questions. */
export const questionNumber = (question: TopicRef): number => question.index + 1;
const numberOf = questionNumber;

/** `1. Should the Larkhaven Branch…`: the block's head, one line a question. */
export function questionsHead(questions: readonly TopicRef[]): string[] {
  return questions.map((q) => `${numberOf(q)}. ${q.text}`);
}

/**
 * A seat's answers as the block shows them, one a line: `1 → trail (56% sure). Because …`.
 * `text` is what `positionsText` wrote (each line `<question> → <answer>`; an answer may run on
 * over more lines). Undefined when it is something else (an answer that could not be read is
 * kept as said): then the text is shown as it is.
 */
export function numberedPositions(
  text: string,
  questions: readonly TopicRef[],
): string[] | undefined {
  // Longest first: a question that begins with another one's text is matched whole.
  const byLength = [...questions].sort((a, b) => b.text.length - a.text.length);
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const question = byLength.find((q) => line.startsWith(`${q.text} → `));
    if (question !== undefined) {
      lines.push(`${numberOf(question)} → ${line.slice(question.text.length + 3)}`);
    } else if (lines.length > 0) {
      lines[lines.length - 1] += `\n${line}`;
    } else {
      return undefined;
    }
  }
  return lines.length > 0 ? lines : undefined;
}
