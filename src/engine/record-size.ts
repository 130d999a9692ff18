// How long the summarizer's record may be: its action items and open questions, and, for each
// free-text question, every seat's stance in a group under the question's text. A fixed room
// overflowed with several free questions (3 questions × 4 seats is ~700 tokens of groups alone),
// and a record cut off reads as unparsed.
import { questionsAsked } from './phases/positions.js';
import type { DiscussionState } from './state.js';

/** Room for the action items and open questions. */
const BASE_TOKENS = 400;
/** Per free-text question: its text once, and a stance of each seat. */
const QUESTION_TOKENS = 40;
const STANCE_TOKENS = 80;
const LEAST_TOKENS = 600;

/** The record request's maxTokens, given the summary's. */
export function recordMaxTokens(state: DiscussionState, summaryMaxTokens: number): number {
  const questions = state.questionsAsked ?? questionsAsked(state);
  const free = questions.filter((q) => q.options.length === 0).length;
  const seats = state.table.participants.length;
  return Math.max(
    summaryMaxTokens,
    LEAST_TOKENS,
    BASE_TOKENS + free * (QUESTION_TOKENS + STANCE_TOKENS * seats),
  );
}
