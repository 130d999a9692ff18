import type { DiscussionEvent, EndReason } from '../engine/events.js';

export type Consumer = (event: DiscussionEvent) => void;

/** Feeds every event to every consumer, in order, and reports how the discussion ended. */
export async function drive(
  events: AsyncIterable<DiscussionEvent>,
  consumers: readonly Consumer[],
): Promise<EndReason | undefined> {
  let reason: EndReason | undefined;
  for await (const event of events) {
    for (const consume of consumers) consume(event);
    if (event.type === 'discussion-ended') reason = event.reason;
  }
  return reason;
}
