import { NameScanner } from '../engine/name-scan.js';
import { nameKey } from '../engine/names.js';

export interface MentionEdge {
  readonly from: string;
  readonly to: string;
  /** Turns of `from` that name `to` (a name said twice in one turn counts once). */
  readonly turns: number;
}

/**
 * Who addressed whom: the names each turn mentions, by the engine's rule for a mention (a whole
 * word, any case, with or without `@`), every one of them rather than only the last, which is
 * the one the engine gives the floor to. A speaker naming itself is not counted.
 */
export function mentionGraph(
  names: readonly string[],
  turns: readonly { readonly speaker: string; readonly text: string }[],
): MentionEdge[] {
  const scanner = new NameScanner(names, { atJoins: true });
  const byKey = new Map(names.map((name) => [nameKey(name), name]));
  const counts = new Map<string, Map<string, number>>();
  for (const { speaker, text } of turns) {
    const named = new Set<string>();
    for (const match of scanner.matches(text)) {
      const name = byKey.get(nameKey(match.name));
      if (name !== undefined && nameKey(name) !== nameKey(speaker)) named.add(name);
    }
    for (const to of named) {
      const row = counts.get(speaker) ?? new Map<string, number>();
      row.set(to, (row.get(to) ?? 0) + 1);
      counts.set(speaker, row);
    }
  }
  const order = new Map(names.map((name, index) => [name, index]));
  const rank = (name: string) => order.get(name) ?? names.length;
  return [...counts.entries()]
    .flatMap(([from, row]) => [...row.entries()].map(([to, count]) => ({ from, to, turns: count })))
    .sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
}
