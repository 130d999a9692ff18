import type { UsageTotals } from '../engine/events.js';

/** 999, 1.2k, 12k, 1.2M: short enough for a 60-column status line. */
export function formatCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(count / 1000).toFixed(1)}k`;
  if (count < 1_000_000) return `${Math.round(count / 1000)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** "1.2k in / 340 out"; `~` marks estimated figures, as the README says. */
export function formatTokens(usage: UsageTotals): string {
  const mark = usage.estimated ? '~' : '';
  return `${mark}${formatCount(usage.promptTokens)} in / ${mark}${formatCount(usage.completionTokens)} out`;
}

/** m:ss, or h:mm:ss past an hour. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const s = String(seconds % 60).padStart(2, '0');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}:${s}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${s}`;
}

export function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
