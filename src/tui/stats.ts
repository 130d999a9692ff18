import { renameSync, writeFileSync } from 'node:fs';

/**
 * `ROUNDTABLE_TUI_STATS=<file>`: the live view writes how often it drew to that file (JSON, twice a
 * second and when it closes), for scripts/bench-tui.ts. Off unless set; never on screen.
 */
export const STATS_ENV = 'ROUNDTABLE_TUI_STATS';

export interface TuiStatsSnapshot {
  /** Frames Ink rendered (each one a layout and a diff against the terminal). */
  readonly renders: number;
  /** Milliseconds spent in those renders (layout and output, not React). */
  readonly renderMs: number;
  /** Times the event store woke the screen up (at most ~30 a second). */
  readonly storeUpdates: number;
  /** Since the view started. */
  readonly elapsedMs: number;
}

export interface TuiStats {
  onRender(metrics: { readonly renderTime: number }): void;
  /** Writes the final snapshot and stops the timer. */
  close(): void;
}

export interface TuiStatsOptions {
  readonly path: string;
  /** How many times the store has notified the screen so far. */
  readonly storeUpdates: () => number;
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export function createTuiStats(options: TuiStatsOptions): TuiStats {
  const now = options.now ?? performance.now.bind(performance);
  const startedAt = now();
  let renders = 0;
  let renderMs = 0;
  const write = (): void => {
    const snapshot: TuiStatsSnapshot = {
      renders,
      renderMs: Math.round(renderMs * 1000) / 1000,
      storeUpdates: options.storeUpdates(),
      elapsedMs: Math.round(now() - startedAt),
    };
    // Written aside and renamed, so a reader never sees half a file.
    const partial = `${options.path}.partial`;
    try {
      writeFileSync(partial, `${JSON.stringify(snapshot)}\n`);
      renameSync(partial, options.path);
    } catch {
      // Statistics are a benchmark aid: a file that cannot be written must not break the view.
    }
  };
  const timer = setInterval(write, options.intervalMs ?? 500);
  timer.unref();
  let closed = false;
  return {
    onRender(metrics) {
      renders += 1;
      renderMs += metrics.renderTime;
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      write();
    },
  };
}
