import { distance } from 'fastest-levenshtein';

/** Case, `_`, `-` and spaces do not matter when comparing names: fullName ≈ full_name ≈ full-name. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

/** The candidate the user most likely meant, or undefined when nothing is close enough. */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = squash(input);
  const exact = candidates.find((c) => squash(c) === wanted);
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(wanted, squash(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Allow about one typo per three letters, so "colr" finds color but "foo" finds nothing.
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** `unknown field "fullname" (did you mean full_name?)`, or the valid names when none is close. */
export function unknownKeyMessage(key: string, valid: readonly string[], noun = 'field'): string {
  const guess = nearest(key, valid);
  return guess === undefined
    ? `unknown ${noun} "${key}" (valid ${noun}s: ${valid.join(', ')})`
    : `unknown ${noun} "${key}" (did you mean ${guess}?)`;
}
