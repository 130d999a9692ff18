// The turns of transcript.html as they are spoken (which are open or held: ../open-turns.ts):
// each turn's article with its number, floor reason and tags, a review with its ranking, and the
// summary written once. The formatter (formatter.ts) hands it the events that concern turns.

import type { EventOf, TurnStatus } from '../../engine/events.js';
import { numberedTurns } from '../../engine/formats.js';
import type { Participant } from '../../engine/table.js';
import { numberedPositions } from '../../outcome/positions-display.js';
import { type OpenTurn, OpenTurns } from '../open-turns.js';
import { escapeHtml as h } from './escape.js';
import { asideParagraph, floorWhy, turnTags } from './notes.js';
import { type Tag, turnArticle } from './turn.js';

/** How a turn or the summary ended, as both events carry it. */
interface Ended {
  readonly seat: number;
  readonly speaker: string;
  readonly text: string;
  readonly status: TurnStatus;
  readonly cutOff?: string | undefined;
}

export class HtmlTurns {
  /** The run's start, for the turns' numbers. */
  started: EventOf<'discussion-started'> | undefined;
  participants: readonly Participant[] = [];
  /** The seats run on different models: each turn names its own. */
  mixedModels = false;
  /** The phase under way, once one has started. */
  phase: EventOf<'phase-started'> | undefined;
  #lastSpeaker: string | undefined;
  #summaryWritten = false;
  readonly #open = new OpenTurns<Tag>();

  start(event: EventOf<'turn-started'>): void {
    this.#open.start(event);
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

  nameOf(seat: number): string {
    return this.participants.find((p) => p.seat === seat)?.name ?? String(seat);
  }

  ended(event: EventOf<'turn-ended'>): string {
    const open = this.#open.end(event, this.phase);
    if (open === 'held') return '';
    if (open?.started.kind === 'summary') return this.summary(event, open);
    this.#lastSpeaker = event.speaker;
    return this.#article(event, event.turn, open, event);
  }

  reviewed(review: EventOf<'review'>): string {
    const open = this.#open.ranked(review.turn);
    if (open === undefined) return '';
    open.notes.push(
      review.ranking === undefined
        ? { text: 'no ranking could be read', tone: 'warn' }
        : { text: `ranks: ${review.ranking.map((seat) => this.nameOf(seat)).join(', ')}` },
    );
    return this.#article(open.ended, open.ended.turn, open, open.ended);
  }

  /** The reviews still waiting for a ranking when their phase ends. */
  held(): string {
    return this.#open
      .takeHeld()
      .map((open) => this.#article(open.ended, open.ended.turn, open, open.ended))
      .join('');
  }

  /** The summary, once: from the `summary` event, or from its turn's end when there is none. */
  summary(event: Ended, open = this.#open.summary()): string {
    if (this.#summaryWritten) return '';
    this.#summaryWritten = true;
    const number = open?.started.turn ?? (this.started?.settings.turns ?? 0) + 1;
    const title = this.phase?.kind === 'summary' ? this.phase.title : 'Summary';
    return `<section class="summary"><h2>${h(title)}</h2>${this.#article(event, number, open, undefined)}</section>\n`;
  }

  /** A note on a turn being spoken, or a paragraph of its own between turns. */
  aside(note: Tag, turn?: number): string {
    return this.#open.note(note, turn) ? '' : asideParagraph(note);
  }

  #article(
    end: Ended,
    turn: number,
    open: OpenTurn<Tag> | undefined,
    extra: EventOf<'turn-ended'> | undefined,
  ): string {
    const start = open?.started;
    const total = this.started === undefined ? undefined : numberedTurns(this.started.settings);
    const tags = turnTags(start, end, extra, open?.notes ?? []);
    return turnArticle({
      turn,
      seat: end.seat,
      speaker: end.speaker,
      fullName: this.participants.find((p) => p.seat === end.seat)?.fullName,
      text: extra === undefined ? end.text : this.#shownText(end.text),
      status: end.status,
      why: start === undefined ? undefined : floorWhy(start, this.#lastSpeaker),
      model: start?.model && this.mixedModels ? start.model : undefined,
      number:
        start?.kind === 'summary' ||
        (start?.phase !== undefined && this.phase?.kind !== 'discussion')
          ? undefined
          : `turn ${turn}${total !== undefined && turn <= total ? ` of ${total}` : ''}`,
      tags,
    });
  }

  /** A turn's text; in a block of positions, its answers by question number, a line each. */
  #shownText(text: string): string {
    const questions = this.phase?.questions;
    const lines = questions === undefined ? undefined : numberedPositions(text, questions);
    return lines?.join('\n') ?? text;
  }
}
