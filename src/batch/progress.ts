// What a batch shows while it runs: one bar for the whole batch (runs done, ETA, tokens, cost) and
// a line per running discussion on a terminal; plain lines (a run started, a run ended) elsewhere.

import { ChargeReader } from '../cost/charges.js';
import { formatUsd } from '../cost/index.js';
import type { DiscussionEvent, EndReason } from '../engine/events.js';
import { formatCount } from '../format-count.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { displayWidth, splitGraphemes } from '../tui/wrap.js';
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

/**
 * The live block on a terminal: the bar, then a line per running discussion, in at most `height`
 * lines of at most `width` columns. It is redrawn in place, so a line that wrapped, or a block
 * taller than the screen, would leave copies of itself in the scrollback.
 */
export function progressBlock(
  progress: BatchProgress,
  width: number,
  height = Number.POSITIVE_INFINITY,
): string[] {
  const t = progress.totals();
  const barWidth = Math.max(10, Math.min(40, width - 60));
  const filled = t.total === 0 ? barWidth : Math.round((t.done / t.total) * barWidth);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`;
  const lines = [`${bar}  ${totalsLine(t)}`];
  const running = progress.running();
  const room = Math.max(0, Math.floor(height) - 1);
  const shown = running.length <= room ? running : running.slice(0, Math.max(0, room - 1));
  for (const run of shown) {
    const where =
      run.turn === 0 ? (run.resumed ? 'resuming' : 'starting') : `turn ${run.turn}/${run.turns}`;
    const who = run.speaker === undefined ? '' : `  ${terminalSafe(run.speaker)} speaking`;
    lines.push(`  ${runLabel(run.spec)}  ${where}${who}  ${formatCount(run.tokens)} tokens`);
  }
  if (shown.length < running.length)
    lines.push(`  … and ${running.length - shown.length} more running`);
  return lines.slice(0, Math.max(1, Math.floor(height))).map((line) => fitLine(line, width));
}

/** At most `width` terminal columns (wide characters count two), ending in … when cut. */
function fitLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  let fitted = '';
  let used = 0;
  for (const grapheme of splitGraphemes(line)) {
    const w = displayWidth(grapheme);
    if (used + w > width - 1) break;
    fitted += grapheme;
    used += w;
  }
  return `${fitted}…`;
}

export interface ProgressView {
  /** A line that stays (a run ended); drawn above the live block. */
  log(line: string): void;
  /** Redraw soon (throttled). */
  update(): void;
  /** Draw the final state and leave the terminal as a shell expects it. */
  close(): void;
}

interface Stream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

/** Redraws the block in place at most ten times a second. */
export function terminalView(progress: BatchProgress, out: Stream): ProgressView {
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  // Line by line (up, clear), not "clear to the end of the screen": a terminal may keep a screen
  // cleared from its top-left corner in the scrollback (tmux's scroll-on-clear), and a block as
  // tall as the screen starts there.
  const erase = () => {
    if (drawn > 0) out.write('\u001b[1A\u001b[2K'.repeat(drawn));
    drawn = 0;
  };
  const draw = () => {
    // A draw for any reason makes the one scheduled needless: it would come after close().
    clearTimeout(timer);
    timer = undefined;
    erase();
    // A row is left below the block for the cursor: a block as tall as the screen scrolls it.
    const lines = progressBlock(progress, out.columns ?? 80, (out.rows ?? 24) - 1);
    out.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  // Once closed, the block stays as last drawn: a late update would erase upwards from wherever
  // the cursor is by then, into the summary and the results line printed after it.
  let closed = false;
  return {
    log(line) {
      if (closed) {
        out.write(`${line}\n`);
        return;
      }
      erase();
      out.write(`${line}\n`);
      draw();
    },
    update() {
      if (!closed) timer ??= setTimeout(draw, 100);
    },
    close() {
      if (closed) return;
      closed = true;
      draw();
    },
  };
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
