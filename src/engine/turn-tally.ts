// How many turns each phase spoke, for the end of a run: "6 turns + 4 closing answers" says what
// happened where a bare "10 turns" does not. Folded from the event stream (the recorded events
// of a resumed run first), so it holds for a run taken up again as for one run in one go.
import type { DiscussionEvent, PhaseKind, PhaseTurns } from './events.js';

/** Transcripts from before phases: every turn is the discussion's. */
const DISCUSSION: Omit<PhaseTurns, 'turns'> = { kind: 'discussion', title: 'Discussion' };

export class TurnTally {
  #phase: Omit<PhaseTurns, 'turns'> = DISCUSSION;
  /** Each regular turn that started, and the phase it was spoken in. */
  readonly #started = new Map<number, Omit<PhaseTurns, 'turns'>>();
  /** Turns that ended, by their number (a turn ends once, whatever was retried). */
  readonly #ended = new Map<number, Omit<PhaseTurns, 'turns'>>();

  observe(event: DiscussionEvent): void {
    switch (event.type) {
      case 'phase-started':
        // "Round 1 of 3" and "Round 2 of 3" are one phase for the count.
        this.#phase = {
          kind: event.kind,
          title: event.round === undefined ? event.title : event.title.replace(/ \d+ of \d+$/, ''),
        };
        return;
      case 'turn-started':
        if (event.kind === 'turn') this.#started.set(event.turn, this.#phase);
        return;
      case 'turn-ended': {
        const phase = this.#started.get(event.turn);
        if (phase !== undefined) this.#ended.set(event.turn, phase);
        return;
      }
      default:
        return;
    }
  }

  /**
   * The turns of each phase that spoke, in the order they ran (the rounds of a `rounds` phase
   * together); undefined when one phase spoke them all (then "N turns" says it), unless it is
   * the closing, or when they do not add up to the `turns` the run ends with.
   */
  byPhase(turns: number): readonly PhaseTurns[] | undefined {
    const tally: { kind: PhaseKind; title: string; turns: number }[] = [];
    for (const phase of this.#ended.values()) {
      const last = tally.at(-1);
      if (last !== undefined && last.kind === phase.kind && last.title === phase.title) {
        last.turns += 1;
      } else {
        tally.push({ ...phase, turns: 1 });
      }
    }
    const sum = tally.reduce((total, phase) => total + phase.turns, 0);
    // One discussion (or rounds) phase: "N turns" says it. A closing phase alone ("4 closing
    // answers", when a budget wrapped up before the first turn) is named: "4 turns" would mislead.
    const named = tally.length > 1 || tally[0]?.kind === 'closing';
    return named && sum === turns ? tally : undefined;
  }
}
