// Sentences of the built-in talk that look back on a discussion as if it were over: said in its
// fourth turn, "Nobody got everything they wanted, and that is usually a good sign." closes a
// discussion that has barely begun. A turn in a discussion's first two thirds does not say them
// (see tooEarlyToLookBack, ReplyRecord.holdLookingBack); later turns, wrap-ups, summaries and
// requests that name no turn may.
import type { Guidance } from './guidance.js';

export const LOOKING_BACK: ReadonlySet<string> = new Set(
  [
    'If I had to put tonight in one sentence, it would be: carefully, but yes.',
    'If I had to put tonight in one sentence, it would be: not yet.',
    'The common thread tonight is that people want something they can rely on.',
    'We should write down what we agreed before we forget it.',
    'We should tell people what we decided and why, in that order.',
    'I am encouraged by how much we have agreed on.',
    'I am a little disappointed that we have not gone further.',
    'I think we have done the hard thinking, and now comes the hard work.',
    'I will leave tonight more hopeful than I arrived.',
    'I am not completely satisfied, but I am willing to go along with it.',
    'I think we can be proud of the way we argued tonight.',
    'Nobody got everything they wanted, and that is usually a good sign.',
    'I think the plan is better for having been argued over.',
    'We disagreed well, and that matters more than people think.',
  ].map((sentence) => sentence.toLowerCase()),
);

/**
 * A turn in the discussion's first two thirds, by the moderator's "turn 5 of 10": too early to
 * look back on it as over. Past them a seat may, as people start to; held until the wrap-up, a
 * 200-turn discussion's seats ran out of talk and fell back on stock lines.
 */
export function tooEarlyToLookBack(guidance: Guidance | undefined): boolean {
  const { turn, turns } = guidance ?? {};
  return turn !== undefined && turns !== undefined && turn <= (turns * 2) / 3;
}
