import type { Command } from './commands.js';
import type { ModelErrorKind, Usage } from './model.js';
import type { EngineSettings, Participant, Task } from './table.js';

export type Directive = 'invite-opinions' | 'wrap-up';

export interface TopicRef {
  /** 0-based index into the questions; -1 for a topic the moderator typed in. */
  readonly index: number;
  readonly text: string;
}

/** Why the scheduler gave this speaker the floor. */
export type FloorReason = 'first' | 'mention' | 'random' | 'moderator';

export type TurnStatus =
  /** The reply finished. */
  | 'complete'
  /** Cut short by a skip command; the partial text is kept. */
  | 'skipped'
  /** The reply was empty (a human pressed Enter on an empty line, or a model said nothing). */
  | 'passed'
  /** The model failed after retries; see the preceding `error` event. */
  | 'failed'
  /** The run was interrupted mid-turn; partial text is kept. */
  | 'interrupted';

export interface UsageTotals {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when any turn's usage was estimated. */
  readonly estimated: boolean;
}

export type EndReason = 'completed' | 'stopped' | 'interrupted' | 'failed';

/**
 * Everything a discussion does, in order. Every consumer (TUI, plain text, JSON lines,
 * transcripts) reads this one stream; events are plain JSON-serialisable data.
 */
export type DiscussionEvent =
  | {
      readonly type: 'discussion-started';
      readonly seed: number;
      readonly settings: EngineSettings;
      readonly participants: readonly Participant[];
      readonly task: Task;
      /** The first topic; the introductions announce this same one. */
      readonly topic: TopicRef;
    }
  | {
      readonly type: 'turn-started';
      /** 1-based turn number; the summary has turn = turns + 1. */
      readonly turn: number;
      readonly kind: 'turn' | 'summary';
      readonly seat: number;
      readonly speaker: string;
      readonly model?: string | undefined;
      readonly topic: TopicRef;
      readonly directives: readonly Directive[];
      /** Turns left after this one. */
      readonly turnsLeft: number;
      readonly reason: FloorReason;
    }
  | { readonly type: 'text-delta'; readonly turn: number; readonly text: string }
  | {
      readonly type: 'turn-ended';
      readonly turn: number;
      readonly seat: number;
      readonly speaker: string;
      /** The cleaned reply, as every other participant will hear it. */
      readonly text: string;
      readonly status: TurnStatus;
      readonly usage: Usage;
      /** Set when the model began speaking as someone else and the reply was cut there. */
      readonly cut?: { readonly as: string; readonly removed: string } | undefined;
    }
  | {
      readonly type: 'topic-changed';
      /** The turn that will discuss the new topic. */
      readonly turn: number;
      readonly topic: TopicRef;
      readonly reason: 'schedule' | 'moderator';
    }
  | {
      readonly type: 'summary';
      readonly seat: number;
      readonly speaker: string;
      readonly text: string;
      readonly usage: Usage;
      readonly status: TurnStatus;
    }
  | {
      readonly type: 'retry';
      readonly turn: number;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | {
      readonly type: 'error';
      readonly turn?: number | undefined;
      readonly speaker?: string | undefined;
      readonly kind: ModelErrorKind;
      readonly message: string;
      /** A fatal error ends the discussion. */
      readonly fatal: boolean;
    }
  | {
      readonly type: 'interjection';
      /** Heard before this turn. */
      readonly beforeTurn: number;
      readonly text: string;
      /** The participant the moderator gave the floor to, if any. */
      readonly mention?: string | undefined;
    }
  | { readonly type: 'command'; readonly command: Command }
  | {
      readonly type: 'discussion-ended';
      readonly reason: EndReason;
      /** Turns actually spoken (not counting the summary). */
      readonly turns: number;
      readonly usage: UsageTotals;
    };

export type DiscussionEventType = DiscussionEvent['type'];
export type EventOf<T extends DiscussionEventType> = Extract<DiscussionEvent, { type: T }>;
