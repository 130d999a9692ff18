// What the live view prints once and for good: the items of its history, above the live area.
import type { Command } from '../engine/commands.js';
import type {
  Directive,
  EndReason,
  PhaseTurns,
  TopicRef,
  TurnStatus,
  UsageTotals,
} from '../engine/events.js';
import type { ModelErrorKind } from '../engine/model.js';
import type { OutcomeRecord } from '../outcome/record-schema.js';

/**
 * Everything printed once, above the live area (Ink `<Static>`). The list only ever grows, so
 * each item is rendered exactly once no matter how long the discussion runs.
 */
export type HistoryItem =
  | { readonly kind: 'header' }
  | {
      readonly kind: 'topic';
      readonly topic: TopicRef;
      readonly questionCount: number;
      readonly reason: 'start' | 'schedule' | 'moderator';
    }
  | {
      readonly kind: 'directive';
      readonly directive: Directive;
      readonly speaker: string;
      readonly turnsLeft: number;
    }
  | {
      readonly kind: 'turn';
      readonly turn: number;
      readonly totalTurns: number | undefined;
      readonly seat: number;
      readonly speaker: string;
      readonly model: string | undefined;
      readonly text: string;
      /** In a block of positions: the answers by question number, shown instead of `text`. */
      readonly answers?: readonly string[] | undefined;
      readonly status: TurnStatus;
      readonly cut: { readonly as: string; readonly removed: string } | undefined;
      /** Why the reply broke off (status `cut-off`). */
      readonly cutOff?: string | undefined;
      /** Shown instead of "turn k/N" (a parallel phase's title). */
      readonly label?: string | undefined;
      /** Quiet remarks under the turn: why it had the floor, a control word, a repeat. */
      readonly remarks?: readonly string[] | undefined;
    }
  | {
      /** A phase begins (not shown for the default format's discussion and the summary). */
      readonly kind: 'phase';
      readonly title: string;
      readonly parallel: boolean;
      /** A block of positions: its questions, numbered once ("1. Should…"). */
      readonly questions?: readonly string[] | undefined;
    }
  /** A quiet line of its own: a review's ranking, the tally, why a phase ended. */
  | { readonly kind: 'note'; readonly text: string }
  /** The decision record, boxed after the summary. */
  | { readonly kind: 'outcome'; readonly record: OutcomeRecord }
  | {
      readonly kind: 'summary';
      /** The summary phase's title ("Verdict", "Synthesis"); "Summary" when absent. */
      readonly title?: string | undefined;
      readonly seat: number;
      readonly speaker: string;
      readonly text: string;
      readonly status: TurnStatus;
      readonly cutOff?: string | undefined;
    }
  | { readonly kind: 'interjection'; readonly text: string; readonly mention: string | undefined }
  | { readonly kind: 'command'; readonly command: Command }
  | {
      readonly kind: 'error';
      readonly speaker: string | undefined;
      readonly errorKind: ModelErrorKind;
      readonly message: string;
      readonly fatal: boolean;
    }
  | {
      readonly kind: 'end';
      readonly reason: EndReason;
      readonly turns: number;
      readonly turnsByPhase?: readonly PhaseTurns[] | undefined;
      readonly usage: UsageTotals;
      /** Turns (and the summary) that broke off, in the whole discussion. */
      readonly cutOff: number;
    };
