import { InputError } from '../errors.js';

/** A numeric flag's text → number, or an InputError naming the flag and what would be valid. */
export function numberFlag(
  flag: string,
  text: unknown,
  rule: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (text === undefined) return undefined;
  const value = typeof text === 'number' ? text : Number(String(text).trim());
  const { integer = false, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = rule;
  const ok =
    String(text).trim() !== '' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    value >= min &&
    value <= max;
  if (!ok) {
    const kind = integer ? 'a whole number' : 'a number';
    const range = max === Number.POSITIVE_INFINITY ? ` ≥ ${min}` : ` from ${min} to ${max}`;
    throw new InputError(`${flag}: expected ${kind}${range}, got "${String(text)}"`);
  }
  return value;
}
