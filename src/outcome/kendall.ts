// Kendall's coefficient of concordance: how far the voters rank the options alike.

/**
 * W for m voters ranking n options, from each voter's average ranks (ties share their mean),
 * with the correction for ties: W = 12·S / (m²(n³ − n) − m·ΣT), where S is the sum of squared
 * deviations of the options' rank sums from their mean and T = Σ(t³ − t) over a voter's tied
 * groups. 1 is full agreement, 0 none. Undefined with fewer than two voters or two options, or
 * when every voter ties everything.
 */
export function kendallW(
  rankings: readonly ReadonlyMap<string, number>[],
  options: readonly string[],
): number | undefined {
  const m = rankings.length;
  const n = options.length;
  if (m < 2 || n < 2) return undefined;
  const sums = options.map((option) => rankings.reduce((sum, r) => sum + (r.get(option) ?? n), 0));
  const mean = (m * (n + 1)) / 2;
  const s = sums.reduce((total, sum) => total + (sum - mean) ** 2, 0);
  let ties = 0;
  for (const ranks of rankings) {
    const sizes = new Map<number, number>();
    for (const option of options) {
      const rank = ranks.get(option) ?? n;
      sizes.set(rank, (sizes.get(rank) ?? 0) + 1);
    }
    for (const t of sizes.values()) ties += t ** 3 - t;
  }
  const denominator = m * m * (n ** 3 - n) - m * ties;
  if (denominator <= 0) return undefined;
  return Math.min(1, Math.max(0, (12 * s) / denominator));
}
