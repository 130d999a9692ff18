// The turns of transcript.md as they are spoken (which are open or held: open-turns.ts): each
// turn's paragraph and notes, a review with its ranking, the summary written once, and the
// counts the totals need. The formatter (markdown.ts) hands it the events that concern turns.
import type { EventOf, TurnStatus, UsageTotals } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Participant } from '../engine/table.js';
import { numberedPositions } from '../outcome/positions-display.js';
import { addUsage, NO_USAGE } from '../render/labels.js';
import { escapeBlock, escapeInline } from './markdown-escape.js';
import { note, turnBody, turnNotes } from './markdown-parts.js';
import { type OpenTurn, OpenTurns } from './open-turns.js';

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
  readonly #open = new OpenTurns<string>();
  #summaryWritten = false;

  start(event: EventOf<'turn-started'>): void {
    this.#open.start(event);
  }

  spent(usage: Usage): void {
    this.usage = addUsage(this.usage, usage);
  }

  /** The run ended, or a resumed run takes over: nothing open is written. */
  drop(): void {
    this.#open.clear();
  }

  /** A resumed run: a summary written before is not redone; one that was cut off or failed is. */
  resume(): void {
    this.#open.clear();
    this.#summaryWritten = false;
  }

  ended(event: EventOf<'turn-ended'>): string {
    const turn = this.#open.end(event, this.phase);
    if (turn === 'held') return '';
    if (turn?.started.kind === 'summary') return this.summary(event, event.cut, turn);
    return this.#written(turn, event);
  }

  /** A review with its ranking, named: the reviewer saw labels, the reader sees who. */
  reviewed(review: EventOf<'review'>): string {
    const open = this.#open.ranked(review.turn);
    if (open === undefined) return '';
    if (review.ranking !== undefined) {
      const names = review.ranking.map((seat) => this.participants.get(seat)?.name ?? String(seat));
      open.notes.push(`ranks: ${escapeInline(names.join(', '))}`);
    } else {
      open.notes.push('no ranking could be read');
    }
    return this.#written(open, open.ended);
  }

  /** The reviews still waiting for a ranking when their phase ends. */
  held(): string {
    return this.#open
      .takeHeld()
      .map((open) => this.#written(open, open.ended))
      .join('');
  }

  summary(
    event: SummaryText,
    cut: { readonly as: string } | undefined,
    turn: OpenTurn<string> | undefined,
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
    return this.#open.note(text, turn) ? '' : note([text]);
  }

  /** A turn's paragraph and its notes, now that it has ended (a review: and been ranked). */
  #written(turn: OpenTurn<string> | undefined, event: EventOf<'turn-ended'>): string {
    this.turnsDone += 1;
    this.spent(event.usage);
    const text = `**${escapeInline(event.speaker)}:** ${this.#body(event)}\n\n`;
    return text + this.#notes(turn, event.status, event.cut, event.text.trim() !== '', event);
  }

  /** A turn's text; in a block of positions, its answers by question number, a line each. */
  #body(event: EventOf<'turn-ended'>): string {
    const questions = this.phase?.questions;
    const lines = questions === undefined ? undefined : numberedPositions(event.text, questions);
    if (lines === undefined) return turnBody(event.text, event.status);
    return lines.map((line) => escapeBlock(line)).join('\\\n');
  }

  /** A turn's notes; a reply that broke off is counted for the totals. */
  #notes(
    turn: OpenTurn<string> | undefined,
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
