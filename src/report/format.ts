import { formatUsd } from '../cost/index.js';
import { formatCount } from '../format-count.js';

export const formatNumber = formatCount;

export const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** `$0.0042`, or `unknown` when some request had no price. */
export function formatCost(usd: number | undefined): string {
  return usd === undefined ? 'unknown' : formatUsd(usd);
}

/** `0.4 s`, `42 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (ms < 9950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** At most `width` columns' worth of characters, with `…` when cut. */
export function clip(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width
    ? text
    : `${chars
        .slice(0, width - 1)
        .join('')
        .trimEnd()}…`;
}
