/**
 * 1234567 → "1,234,567", as `toLocaleString('en-US')` writes it, for the counts every run prints
 * at its end (tokens, words, dollars past a thousand). The first `toLocaleString` of a process
 * loads ICU's number formats, ~25 ms of CPU, which a one-shot CLI should not pay for commas.
 * A number that is not an integer is left to `toLocaleString`.
 */
export function groupDigits(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  return value < 0 ? `-${digits}` : digits;
}
