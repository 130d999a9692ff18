// The turns of transcript.md as they are spoken: those started and not yet ended (several at once
// in a parallel phase), a review held until its ranking arrives, the summary written once, the
// notes other events add to an open turn, and the counts the totals need. The formatter
// (markdown.ts) hands it the events that concern turns.
import type { EventOf, TurnStatus, UsageTotals } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Participant } from '../engine/table.js';
import { addUsage, NO_USAGE } from '../render/labels.js';
import { escapeInline } from './markdown-escape.js';
import { note, type PendingTurn, turnBody, turnNotes } from './markdown-parts.js';

/** What a summary paragraph is written from: the `summary` event or the summary turn's end. */
interface SummaryText {
  readonly seat: number;
  readonly speaker: string;
  readonly text: string;
  readonly status: TurnStatus;
  readonly usage: Usage;
  readonly cutOff?: string | undefined;
}

export class MarkdownTurns {
  participants = new Map<number, Participant>();
  /** The seats run on different models: each turn names its own. */
  mixedModels = false;
  /** The phase under way, once one has started. */
  phase: EventOf<'phase-started'> | undefined;
  turnsDone = 0;
  /** Turns (and the summary) that broke off, for the totals. */
  cutOffs = 0;
  usage: UsageTotals = NO_USAGE;
  /** Turns started and not yet ended: several at once in a parallel phase. */
  readonly #pending = new Map<number, PendingTurn>();
  #summaryWritten = false;

  start(event: EventOf<'turn-started'>): void {
    this.#pending.set(event.turn, { started: event, notes: [] });
  }

  spent(usage: Usage): void {
    this.usage = addUsage(this.usage, usage);
  }

  /** The run ended, or a resumed run takes over: nothing open is written. */
  drop(): void {
    this.#pending.clear();
  }

  /** A resumed run: a summary written before is not redone; one that was cut off or failed is. */
  resume(): void {
    this.#pending.clear();
    this.#summaryWritten = false;
  }

  ended(event: EventOf<'turn-ended'>): string {
    const turn = this.#pending.get(event.turn);
    // A review is recorded with its ranking, which comes right after it.
    const heard = event.status !== 'failed' && event.status !== 'interrupted' && event.text !== '';
    if (turn !== undefined && this.phase?.kind === 'review' && heard) {
      turn.ended = event;
      return '';
    }
    if (turn?.started.kind === 'summary') {
      this.#pending.delete(event.turn);
      return this.summary(event, event.cut, turn);
    }
    return this.#written(turn, event);
  }

  /** A review with its ranking, named: the reviewer saw labels, the reader sees who. */
  reviewed(review: EventOf<'review'>): string {
    const open = this.#pending.get(review.turn);
    const event = open?.ended;
    if (open === undefined || event === undefined) return '';
    if (review.ranking !== undefined) {
      const names = review.ranking.map((seat) => this.participants.get(seat)?.name ?? String(seat));
      open.notes.push(`ranks: ${escapeInline(names.join(', '))}`);
    } else {
      open.notes.push('no ranking could be read');
    }
    return this.#written(open, event);
  }

  /** The reviews still waiting for a ranking when their phase ends. */
  held(): string {
    return [...this.#pending.values()]
      .flatMap((open) => (open.ended === undefined ? [] : [this.#written(open, open.ended)]))
      .join('');
  }

  summary(
    event: SummaryText,
    cut: { readonly as: string } | undefined,
    turn: PendingTurn | undefined,
  ): string {
    if (this.#summaryWritten) return '';
    this.#summaryWritten = true;
    this.spent(event.usage);
    const who = this.participants.get(event.seat);
    const by = who ? `${who.name} (${who.fullName})` : event.speaker;
    const title = this.phase?.kind === 'summary' ? this.phase.title : 'Summary';
    return (
      `## ${escapeInline(title)}\n\n*By ${escapeInline(by)}.*\n\n${turnBody(event.text, event.status)}\n\n` +
      this.#notes(turn, event.status, cut, event.text.trim() !== '', undefined, event.cutOff)
    );
  }

  /** A note on the turn being spoken, or a paragraph of its own between turns. */
  aside(text: string, turn?: number): string {
    const open = turn === undefined ? [...this.#pending.values()].at(-1) : this.#pending.get(turn);
    if (open !== undefined) {
      open.notes.push(text);
      return '';
    }
    return note([text]);
  }

  /** A turn's paragraph and its notes, now that it has ended (a review: and been ranked). */
  #written(turn: PendingTurn | undefined, event: EventOf<'turn-ended'>): string {
    this.#pending.delete(event.turn);
    this.turnsDone += 1;
    this.spent(event.usage);
    const text = `**${escapeInline(event.speaker)}:** ${turnBody(event.text, event.status)}\n\n`;
    return text + this.#notes(turn, event.status, event.cut, event.text.trim() !== '', event);
  }

  /** A turn's notes; a reply that broke off is counted for the totals. */
  #notes(
    turn: PendingTurn | undefined,
    status: TurnStatus,
    cut: { readonly as: string } | undefined,
    hasText: boolean,
    ended?: EventOf<'turn-ended'>,
    cutOff?: string,
  ): string {
    if (status === 'cut-off') this.cutOffs += 1;
    const { mixedModels } = this;
    return turnNotes({ turn, status, cut, hasText, ended, cutOff, mixedModels });
  }
}
