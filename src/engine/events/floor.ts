import type { Command } from '../commands.js';
import type { Usage } from '../model.js';
import type { Cost } from '../outcome-events.js';

/** Who gets the floor and what about: the topic, the scheduler's reasons, the moderators' say. */

export type Directive = 'invite-opinions' | 'wrap-up';

/**
 * A decision the schedule drew (or a guard made) for a turn and the moderator held back, and why:
 * - `invite-opinions` on the `last-turn`: no discussion turn follows it (a closing round, the
 *   summary or the end comes next), so the question it asks for would go unanswered;
 * - `topic-change` on a `wrap-up` turn: that turn draws the points together, no new threads
 *   (the change is dropped);
 * - `topic-change` while a named seat `answer`s (named in the last reply, or by a person): it was
 *   asked about this topic; the change waits for a turn that is not an answer;
 * - `topic-change` on a `fresh-topic`: the topic has had fewer than two turns (one per side when
 *   the floor alternates between sides); the change waits until it has. A turn that made one
 *   change and has another due holds that one so.
 * A change that waits is made by the first turn that may make it, without a draw of its own. A
 * draw while one waits is kept too: `due` says how many wait after the turn when more than one
 * (at most `MAX_TOPICS_DUE`).
 * - `silence-guard` while a named seat `answer`s: the silence guard said `seat` must speak, and
 *   it speaks at the next turn that has no named seat (or when it has waited long enough; see
 *   `SILENCE_WAITS_FOR_ANSWERS`).
 */
export type HeldBack =
  | { readonly decision: 'invite-opinions'; readonly reason: 'last-turn' }
  | { readonly decision: 'topic-change'; readonly reason: TopicHold; readonly due?: number }
  | {
      readonly decision: 'silence-guard';
      readonly reason: 'answer';
      readonly seat: number;
      readonly speaker: string;
    };

/** Why the schedule's topic change was held on a turn (see `HeldBack`). */
export type TopicHold = 'wrap-up' | 'answer' | 'fresh-topic';

export interface TopicRef {
  /** 0-based index into the questions; -1 for a topic the moderator typed in. */
  readonly index: number;
  readonly text: string;
}

/** Why the scheduler gave this speaker the floor. */
export type FloorReason =
  /** The original rule's first speaker, drawn at random. */
  | 'first'
  /** Addressed in the last reply (see `TurnStartedEvent.addressed`). */
  | 'mention'
  /** The speaker policy chose (see `SpeakerPolicy`). */
  | 'random'
  | 'fair'
  | 'round-robin'
  | 'bid'
  /** A person gave the floor (`/ask`, `@Name` in an interjection); also the summary's seat. */
  | 'moderator'
  /** The LLM moderator chose; `why` holds its one-line reason. */
  | 'llm-moderator'
  /** A guard overrode the mention or the policy; `guard` says which, `why` how. */
  | 'guard'
  /** A phase in which every seat speaks (opening, rounds, review, closing). */
  | 'phase';

/** The guards that may override who speaks next. */
export type GuardName = 'ping-pong' | 'domination' | 'silence';

/** What the LLM moderator (speaker policy `moderator`) decided before a turn. */
export type ModeratorDecisionEvent = {
  readonly type: 'moderator-decision';
  readonly turn: number;
  /** The seat it gave the floor to; absent when its answer could not be used. */
  readonly next?: string | undefined;
  readonly reason?: string | undefined;
  readonly steer?: string | undefined;
  readonly action: 'continue' | 'next-topic' | 'end';
  /** Why its answer was not used (the `fair` policy chose instead). */
  readonly fallback?: string | undefined;
  readonly usage: Usage;
  readonly cost?: Cost | undefined;
};

/** The seats' bids (speaker policy `bid`): how urgently each wants to speak, 0–9. */
export type BidsEvent = {
  readonly type: 'bids';
  readonly turn: number;
  /** `bid` absent: the seat's answer held no bid (it counts as 0). */
  readonly bids: readonly {
    readonly seat: number;
    readonly speaker: string;
    readonly bid?: number | undefined;
  }[];
  readonly usage: Usage;
  readonly cost?: Cost | undefined;
};

export type TopicChangedEvent = {
  readonly type: 'topic-changed';
  /** The turn that will discuss the new topic. */
  readonly turn: number;
  readonly topic: TopicRef;
  /** The schedule's draw, a person's command, or the LLM moderator's decision. */
  readonly reason: 'schedule' | 'moderator' | 'llm-moderator';
};

export type InterjectionEvent = {
  readonly type: 'interjection';
  /** Heard before this turn. */
  readonly beforeTurn: number;
  readonly text: string;
  /** The participant the moderator gave the floor to, if any. */
  readonly mention?: string | undefined;
};

export type CommandEvent = { readonly type: 'command'; readonly command: Command };

export type FloorEvent =
  | ModeratorDecisionEvent
  | BidsEvent
  | TopicChangedEvent
  | InterjectionEvent
  | CommandEvent;
