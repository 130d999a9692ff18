import { MODERATOR } from './clean-reply.js';
import type { ChatMessage } from './model.js';

/** What everyone at the table has heard, in order. */
export type HistoryEntry =
  | {
      readonly kind: 'turn';
      readonly seat: number;
      readonly speaker: string;
      readonly text: string;
      /** The turn it was spoken in (absent only in hand-built histories). */
      readonly turn?: number | undefined;
    }
  | { readonly kind: 'moderator'; readonly text: string };

/** One entry as `seat` hears it: its own turns as `assistant`, everything else as tagged `user`. */
export function entryMessage(entry: HistoryEntry, seat: number): ChatMessage {
  switch (entry.kind) {
    case 'turn':
      return entry.seat === seat
        ? { role: 'assistant', content: entry.text }
        : { role: 'user', content: `${entry.speaker}: ${entry.text}` };
    case 'moderator':
      return { role: 'user', content: `${MODERATOR}: ${entry.text}` };
  }
}

/** Appends `message`, merging it into the last one when the roles match (strict alternation). */
export function appendMerged(messages: ChatMessage[], message: ChatMessage): void {
  const last = messages.at(-1);
  if (last !== undefined && last.role === message.role) {
    // Replace rather than mutate: requests already handed out hold the old object.
    messages[messages.length - 1] = {
      role: last.role,
      content: `${last.content}\n\n${message.content}`,
    };
  } else {
    messages.push(message);
  }
}

export function mergeMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  const merged: ChatMessage[] = [];
  for (const message of messages) appendMerged(merged, message);
  return merged;
}

/** The whole history from `seat`'s point of view, merged. Pure; O(history). */
export function seatConversation(entries: readonly HistoryEntry[], seat: number): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const entry of entries) appendMerged(messages, entryMessage(entry, seat));
  return messages;
}

/**
 * The history plus every seat's merged view of it, kept up to date as entries arrive, so a turn
 * costs O(seats) here instead of re-deriving the whole conversation. Always equal to
 * `seatConversation(entries, seat)` (the tests check it).
 */
export class ConversationLog {
  readonly #entries: HistoryEntry[] = [];
  readonly #views = new Map<number, ChatMessage[]>();

  constructor(seats: readonly number[]) {
    for (const seat of seats) this.#views.set(seat, []);
  }

  get entries(): readonly HistoryEntry[] {
    return this.#entries;
  }

  append(entry: HistoryEntry): void {
    this.#entries.push(entry);
    for (const [seat, view] of this.#views) appendMerged(view, entryMessage(entry, seat));
  }

  /** `seat`'s merged view; a live array, so copy it before handing it out. */
  conversation(seat: number): readonly ChatMessage[] {
    const view = this.#views.get(seat);
    if (view === undefined) throw new RangeError(`No seat ${seat} in this conversation`);
    return view;
  }
}
