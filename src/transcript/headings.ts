// When a transcript, Markdown or HTML, writes a heading: each formatter writes its own, and both
// decide alike when one is news to the reader.
import type { EventOf, TopicRef } from '../engine/events.js';

/** Two references to the same question are the same topic. */
export const topicKey = (topic: TopicRef) => `${topic.index}\u0000${topic.text}`;

/**
 * A phase that starts gets a heading, unless it is the default format's discussion (its topics
 * have theirs), the summary (it has its own), or a phase a resumed run takes up again.
 */
export function phaseHeadingDue(
  previous: EventOf<'phase-started'> | undefined,
  next: EventOf<'phase-started'>,
): boolean {
  const again = previous?.phase === next.phase && previous.round === next.round;
  const first = previous === undefined;
  return !(again || next.kind === 'summary' || (next.kind === 'discussion' && first));
}
