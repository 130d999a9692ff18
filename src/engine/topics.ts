// Moving the discussion to another topic: by the schedule's draw or by the moderator's command.
import type { DiscussionEvent, TopicRef } from './events.js';
import { topicChangeText } from './request.js';
import type { DiscussionState } from './state.js';

export async function* changeTopic(
  state: DiscussionState,
  topic: TopicRef,
  turn: number,
  reason: 'schedule' | 'moderator' | 'llm-moderator',
): AsyncGenerator<DiscussionEvent, void> {
  state.topic = topic;
  state.topicFresh = true;
  // Whoever moved it, the changes the schedule had waiting are void (the schedule's own move
  // counts what is left), and the new topic starts its count.
  state.turnsOnTopic = 0;
  state.topicsDue = 0;
  if (reason === 'moderator') state.moderatorChangedTopic = true;
  state.log.append({ kind: 'moderator', text: topicChangeText(topic) });
  yield { type: 'topic-changed', turn, topic, reason };
}

/** The topic a `set-topic` command means: a 1-based question number, or free text. */
export function topicFor(state: DiscussionState, topic: number | string): TopicRef | undefined {
  if (typeof topic === 'number') {
    const text = state.table.task.questions[topic - 1];
    return Number.isInteger(topic) && text !== undefined ? { index: topic - 1, text } : undefined;
  }
  const text = topic.trim();
  return text.length === 0 ? undefined : { index: -1, text };
}
