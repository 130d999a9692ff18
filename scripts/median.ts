// The median of a benchmark's samples, and the range around it, as the benchmarks print them.

/** The middle value (for an even count, the mean of the two middle ones); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** "1.2 (1.0–1.9)": the median, with `unit` after it, then the least and the most. */
export function medianRange(values: readonly number[], digits = 1, unit = ''): string {
  const fixed = (value: number) => value.toFixed(digits);
  return `${fixed(median(values))}${unit} (${fixed(Math.min(...values))}–${fixed(Math.max(...values))})`;
}
