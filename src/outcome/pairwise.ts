// Head-to-head counts between options, the Condorcet winner, and the Smith set (the top cycle)
// when there is no winner.

/** `wins[a][b]`: how many voters rank a above b. */
export type Pairwise = Record<string, Record<string, number>>;

export function pairwise(
  rankings: readonly ReadonlyMap<string, number>[],
  options: readonly string[],
): Pairwise {
  const wins: Pairwise = {};
  for (const a of options) {
    wins[a] = {};
    for (const b of options) {
      if (a === b) continue;
      let count = 0;
      for (const ranks of rankings) {
        if ((ranks.get(a) ?? Infinity) < (ranks.get(b) ?? Infinity)) count += 1;
      }
      (wins[a] as Record<string, number>)[b] = count;
    }
  }
  return wins;
}

const score = (wins: Pairwise, a: string, b: string): number => wins[a]?.[b] ?? 0;

/** a beats b head to head: more voters prefer a to b than b to a. */
export function beats(wins: Pairwise, a: string, b: string): boolean {
  return score(wins, a, b) > score(wins, b, a);
}

/** The option that beats every other head to head, if there is one. */
export function condorcetWinner(wins: Pairwise, options: readonly string[]): string | undefined {
  return options.find((a) => options.every((b) => a === b || beats(wins, a, b)));
}

/**
 * The smallest set of options each of which beats or ties every option outside it: the
 * Condorcet winner alone when there is one; otherwise the options caught in a cycle (A beats B,
 * B beats C, C beats A) or tied head to head. In listing order.
 */
export function smithSet(wins: Pairwise, options: readonly string[]): string[] {
  // a reaches b through a chain of "beats or ties"; the Smith set is whoever reaches everyone.
  const weak = (a: string, b: string): boolean => score(wins, a, b) >= score(wins, b, a);
  const reach = new Map(
    options.map((a) => [a, new Set(options.filter((b) => a !== b && weak(a, b)))]),
  );
  for (const k of options) {
    for (const a of options) {
      const from = reach.get(a);
      if (from?.has(k) !== true) continue;
      for (const b of reach.get(k) ?? []) if (b !== a) from.add(b);
    }
  }
  return options.filter((a) => options.every((b) => a === b || reach.get(a)?.has(b) === true));
}
