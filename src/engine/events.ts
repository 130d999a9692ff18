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
  | 'interrupted'
  /**
   * The reply broke off after some text (a dropped connection, a stall, a malformed event, no
   * finish_reason, its token budget or the timeout ran out); what arrived is kept, and `cutOff`
   * says why.
   */
  | 'cut-off';

export interface UsageTotals {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when any turn's usage was estimated. */
  readonly estimated: boolean;
}

export type EndReason = 'completed' | 'stopped' | 'interrupted' | 'failed';

/** What happens to the turns that no longer fit in a seat's context window. */
export type ContextStrategy = 'drop-oldest' | 'summarize';

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
      /**
       * A resumed run goes on from here (after `discussion-started` and the recorded events,
       * which it does not repeat). A turn that was cut off is spoken again in full.
       */
      readonly type: 'discussion-resumed';
      /** The next turn; above `settings.turns` the summary comes next. */
      readonly fromTurn: number;
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
      /** Why the reply broke off (status `cut-off`). */
      readonly cutOff?: string | undefined;
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
      /** Why the summary broke off (status `cut-off`). */
      readonly cutOff?: string | undefined;
    }
  | {
      /**
       * Turns left one seat's context window before its request (the record of what was dropped
       * for whom). It goes to events.jsonl and the transcript, never to the other participants.
       */
      readonly type: 'context-trimmed';
      readonly turn: number;
      readonly seat: number;
      readonly speaker: string;
      /** History entries (turns and moderator lines) this trim removed from the seat's view. */
      readonly droppedEntries: number;
      /** Their tokens, as the seat's counter counts them. */
      readonly droppedTokens: number;
      /** Index of the first history entry the seat still hears (0 is the moderator's opening). */
      readonly keptFrom: number;
      readonly keptEntries: number;
      /** The request as sent, by the seat's counter. */
      readonly promptTokens: number;
      readonly contextTokens: number;
      /** The reply reserve. */
      readonly maxTokens: number;
      /** How tokens were counted: a BPE encoding (`o200k_base`…) or `estimate`. */
      readonly counter: string;
      readonly strategy: ContextStrategy;
      /** The dropped entries were folded into the seat's running summary. */
      readonly summarized: boolean;
      /** The running summary the seat's request now carries (summarize strategy). */
      readonly summary?: string | undefined;
      /** Why the summary could not be updated (the entries were dropped all the same). */
      readonly summaryError?: string | undefined;
      /** What the summary request cost; it is part of the discussion's usage totals. */
      readonly summaryUsage?: Usage | undefined;
      /**
       * Even the system message, the latest entry and the guidance, with the reply reserve,
       * exceed the window: they were sent anyway and the request may fail.
       */
      readonly overflow: boolean;
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
