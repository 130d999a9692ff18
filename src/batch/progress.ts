// What a batch shows while it runs: one bar for the whole batch (runs done, ETA, tokens, cost) and
// a line per running discussion on a terminal; plain lines (a run started, a run ended) elsewhere.

import { ChargeReader } from '../cost/charges.js';
import { formatUsd } from '../cost/index.js';
import type { DiscussionEvent, EndReason } from '../engine/events.js';
import { formatCount } from '../format-count.js';
import { terminalSafe } from '../render/terminal-safe.js';
import type { RunSpec } from './expand.js';
import { describe } from './prepare.js';

interface Running {
  readonly spec: RunSpec;
  readonly startedAt: number;
  readonly resumed: boolean;
  turn: number;
  turns: number;
  speaker: string | undefined;
  tokens: number;
  costUsd: number;
  readonly charges: ChargeReader;
}

export interface ProgressTotals {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly tokens: number;
  readonly costUsd: number;
  readonly costComplete: boolean;
  /** Milliseconds left, from the runs finished so far; undefined before the first. */
  readonly etaMs: number | undefined;
}

/** The batch's progress as numbers; the views below only draw it. */
export class BatchProgress {
  readonly #running = new Map<string, Running>();
  readonly #durations: number[] = [];
  #done: number;
  #failed = 0;
  #tokens: number;
  #costUsd: number;
  #costComplete: boolean;

  constructor(
    readonly total: number,
    finished: {
      readonly done: number;
      readonly tokens: number;
      readonly costUsd: number;
      readonly costComplete: boolean;
    },
    readonly concurrency: number,
    readonly now: () => number = () => performance.now(),
  ) {
    this.#done = finished.done;
    this.#tokens = finished.tokens;
    this.#costUsd = finished.costUsd;
    this.#costComplete = finished.costComplete;
  }

  started(spec: RunSpec, resumed: boolean, turns: number): void {
    this.#running.set(spec.key, {
      spec,
      startedAt: this.now(),
      resumed,
      turn: 0,
      turns,
      speaker: undefined,
      tokens: 0,
      costUsd: 0,
      charges: new ChargeReader(),
    });
  }

  event(spec: RunSpec, event: DiscussionEvent): void {
    const run = this.#running.get(spec.key);
    if (run === undefined) return;
    // Every request's tokens, the summary's and the moderator's too, not only the turns'.
    const charge = run.charges.read(event);
    if (charge !== undefined) {
      const tokens = charge.usage.promptTokens + charge.usage.completionTokens;
      run.tokens += tokens;
      this.#tokens += tokens;
      if (typeof charge.cost === 'number') {
        run.costUsd += charge.cost;
        this.#costUsd += charge.cost;
      } else if (tokens > 0) this.#costComplete = false;
    }
    switch (event.type) {
      case 'discussion-started':
        run.turns = event.settings.turns;
        break;
      case 'turn-started':
        run.turn = Math.min(event.turn, run.turns);
        run.speaker = event.speaker;
        break;
      case 'turn-ended':
      case 'summary':
        run.speaker = undefined;
        break;
      default:
        break;
    }
  }

  ended(spec: RunSpec, reason: EndReason | undefined): void {
    const run = this.#running.get(spec.key);
    this.#running.delete(spec.key);
    if (reason === 'interrupted' || reason === undefined) return;
    this.#done += 1;
    if (reason === 'failed') this.#failed += 1;
    if (run !== undefined) this.#durations.push(this.now() - run.startedAt);
  }

  running(): readonly Readonly<Running>[] {
    return [...this.#running.values()];
  }

  totals(): ProgressTotals {
    const left = this.total - this.#done;
    const mean =
      this.#durations.length === 0
        ? undefined
        : this.#durations.reduce((a, b) => a + b, 0) / this.#durations.length;
    return {
      total: this.total,
      done: this.#done,
      failed: this.#failed,
      tokens: this.#tokens,
      costUsd: this.#costUsd,
      costComplete: this.#costComplete,
      etaMs: mean === undefined ? undefined : (left * mean) / Math.max(1, this.concurrency),
    };
  }
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function totalsLine(t: ProgressTotals): string {
  const parts = [
    `${t.done}/${t.total} runs`,
    t.etaMs === undefined || t.done === t.total ? undefined : `ETA ${formatDuration(t.etaMs)}`,
    `${formatCount(t.tokens)} tokens`,
    `${formatUsd(t.costUsd)}${t.costComplete ? '' : ' + unknown'}`,
    t.failed > 0 ? `${t.failed} failed` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join('  ');
}

export function runLabel(spec: RunSpec): string {
  return terminalSafe(`run ${spec.index} (${describe(spec)})`);
}

export interface ProgressView {
  /** A line that stays (a run ended); drawn above the live block. */
  log(line: string): void;
  /** Redraw soon (throttled). */
  update(): void;
  /** Draw the final state and leave the terminal as a shell expects it. */
  close(): void;
}

export interface Stream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

/** Plain lines for pipes and CI logs: no redrawing, one line per run that starts or ends. */
export function lineView(progress: BatchProgress, out: Stream): ProgressView {
  return {
    log(line) {
      out.write(`[${progress.totals().done}/${progress.total}] ${line}\n`);
    },
    update() {},
    close() {
      out.write(`${totalsLine(progress.totals())}\n`);
    },
  };
}
