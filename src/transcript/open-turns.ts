// The turns a transcript formatter has seen start and not yet written: several at once in a
// parallel phase, each collecting the notes other events add while it is spoken, and a review
// held, once ended, until its ranking arrives. transcript.md and transcript.html write turns in
// their own words (a note is text for one, a tag for the other); which turn is open, held or
// done is decided here, once for both.
import type { EventOf } from '../engine/events.js';

export interface OpenTurn<Note> {
  readonly started: EventOf<'turn-started'>;
  readonly notes: Note[];
  /** A review's end, held until its ranking arrives. */
  ended?: EventOf<'turn-ended'> | undefined;
}

/** A review that has ended and waits for its ranking. */
export type HeldTurn<Note> = OpenTurn<Note> & { readonly ended: EventOf<'turn-ended'> };

export class OpenTurns<Note> {
  readonly #open = new Map<number, OpenTurn<Note>>();

  start(event: EventOf<'turn-started'>): void {
    this.#open.set(event.turn, { started: event, notes: [] });
  }

  /**
   * The open turn a turn's end closes (undefined when none was seen to start), or 'held' for a
   * review that was heard: it is written with its ranking, which comes right after it.
   */
  end(
    event: EventOf<'turn-ended'>,
    phase: EventOf<'phase-started'> | undefined,
  ): OpenTurn<Note> | 'held' | undefined {
    const open = this.#open.get(event.turn);
    const heard = event.status !== 'failed' && event.status !== 'interrupted' && event.text !== '';
    if (
      open !== undefined &&
      open.started.kind !== 'summary' &&
      phase?.kind === 'review' &&
      heard
    ) {
      open.ended = event;
      return 'held';
    }
    this.#open.delete(event.turn);
    return open;
  }

  /** The held review a `review` event ranks, now closed. */
  ranked(turn: number): HeldTurn<Note> | undefined {
    const open = this.#open.get(turn);
    if (open?.ended === undefined) return undefined;
    this.#open.delete(turn);
    return open as HeldTurn<Note>;
  }

  /** The reviews still held when their phase ends, closed, in the order they started. */
  takeHeld(): HeldTurn<Note>[] {
    const held = [...this.#open.values()].filter(
      (open): open is HeldTurn<Note> => open.ended !== undefined,
    );
    for (const open of held) this.#open.delete(open.started.turn);
    return held;
  }

  /** The summary's turn while it is spoken. */
  summary(): OpenTurn<Note> | undefined {
    return [...this.#open.values()].find((open) => open.started.kind === 'summary');
  }

  /** Adds a note to the named turn, else to the latest open one; false when there is none. */
  note(note: Note, turn?: number): boolean {
    const open = turn === undefined ? [...this.#open.values()].at(-1) : this.#open.get(turn);
    open?.notes.push(note);
    return open !== undefined;
  }

  clear(): void {
    this.#open.clear();
  }
}
