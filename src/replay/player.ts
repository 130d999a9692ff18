import type { DiscussionEvent } from '../engine/events.js';
import { replaySteps, type Step, type StepKind, type TimedEvent } from './timeline.js';

export interface PlayerClock {
  /** Calls `fn` after `ms`; returns what cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export interface PlayerView {
  /** Shows one event. */
  show(event: DiscussionEvent): void;
  /** Starts the view afresh (stepping back): everything up to the new position is shown again. */
  reset(): void;
  /** Told when playing, pausing, speed or position change. */
  changed?(): void;
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 64;

/**
 * Plays a timeline into a view: in real time divided by `speed`, pausable, and stepping a turn
 * forward or back (a step leaves it paused, so it can be read). Sends nothing anywhere.
 */
export class ReplayPlayer {
  readonly #timeline: readonly TimedEvent[];
  readonly #steps: readonly Step[];
  readonly #bounds: readonly number[];
  readonly #view: PlayerView;
  readonly #clock: PlayerClock;
  readonly #onEnd: () => void;
  #position = 0;
  #speed: number;
  #playing = false;
  #cancel: (() => void) | undefined;

  constructor(options: {
    readonly timeline: readonly TimedEvent[];
    readonly view: PlayerView;
    readonly clock: PlayerClock;
    readonly speed: number;
    readonly onEnd: () => void;
  }) {
    this.#timeline = options.timeline;
    this.#steps = replaySteps(options.timeline);
    this.#bounds = this.#steps.map((step) => step.end);
    this.#view = options.view;
    this.#clock = options.clock;
    this.#speed = options.speed;
    this.#onEnd = options.onEnd;
  }

  get playing(): boolean {
    return this.#playing;
  }

  get speed(): number {
    return this.#speed;
  }

  get position(): number {
    return this.#position;
  }

  get ended(): boolean {
    return this.#position >= this.#timeline.length;
  }

  /**
   * Turns whose end has been shown, how many there are, and the turn in view (`current`): the
   * one being played once it has begun, else the last one shown (the first, before any). A
   * reader watching turn 2 stream expects "2/11", not the one turn finished so far.
   */
  get turns(): { readonly shown: number; readonly total: number; readonly current: number } {
    const shown = this.#bounds.filter((b) => b <= this.#position).length;
    const total = this.#bounds.length;
    const lastEnd = this.#bounds[shown - 1] ?? 0;
    const current = Math.min(total, this.#position > lastEnd ? shown + 1 : Math.max(shown, 1));
    return { shown, total, current };
  }

  /**
   * The step in view (see `turns`) as the live view counts it: the summary is no turn ("turn 6/6"
   * beside a live view's "turn 5/5" read as a turn the view never showed), and a parallel
   * phase's answers are counted apart. Undefined for a recording with no turn.
   */
  get inView():
    | { readonly kind: StepKind; readonly number: number; readonly of: number }
    | undefined {
    const step = this.#steps[this.turns.current - 1];
    if (step === undefined) return undefined;
    const same = this.#steps.filter((s) => s.kind === step.kind);
    return { kind: step.kind, number: same.indexOf(step) + 1, of: same.length };
  }

  play(): void {
    if (this.#playing || this.ended) return;
    this.#playing = true;
    this.#schedule();
    this.#view.changed?.();
  }

  pause(): void {
    if (!this.#playing) return;
    this.#playing = false;
    this.#cancel?.();
    this.#cancel = undefined;
    this.#view.changed?.();
  }

  toggle(): void {
    if (this.#playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    this.#speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    if (this.#playing) {
      this.#cancel?.();
      this.#schedule();
    }
    this.#view.changed?.();
  }

  /** Shows the rest of the turn being spoken, or the whole next one; then waits. */
  next(): void {
    this.pause();
    const target = this.#bounds.find((b) => b > this.#position) ?? this.#timeline.length;
    this.#emitTo(target);
    this.#view.changed?.();
  }

  /** Back to the end of the turn before the last one shown (the view starts afresh). */
  previous(): void {
    this.pause();
    const target = [...this.#bounds].reverse().find((b) => b < this.#position) ?? 0;
    this.#view.reset();
    this.#position = 0;
    this.#emitTo(target);
    this.#view.changed?.();
  }

  stop(): void {
    this.#playing = false;
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #emitTo(target: number): void {
    while (this.#position < target) {
      const item = this.#timeline[this.#position];
      this.#position += 1;
      if (item !== undefined) this.#view.show(item.event);
    }
  }

  #schedule(): void {
    const next = this.#timeline[this.#position];
    if (next === undefined) {
      this.#playing = false;
      this.#onEnd();
      return;
    }
    const lastAt = this.#timeline[this.#position - 1]?.at ?? next.at;
    const wait = Math.max(0, (next.at - lastAt) / this.#speed);
    this.#cancel = this.#clock.setTimer(() => {
      this.#cancel = undefined;
      // Everything due at the same moment goes at once.
      const at = next.at;
      while (
        this.#timeline[this.#position] !== undefined &&
        (this.#timeline[this.#position]?.at ?? 0) <= at
      ) {
        this.#emitTo(this.#position + 1);
      }
      if (this.#playing) this.#schedule();
    }, wait);
  }
}

/** The status line's word for the step in view: "turn 2/5", "answer 1/4", "summary". */
export function stepLabel(step: ReplayPlayer['inView']): string[] {
  if (step === undefined) return [];
  if (step.kind === 'summary') return ['summary'];
  return [`${step.kind} ${step.number}/${step.of}`];
}
