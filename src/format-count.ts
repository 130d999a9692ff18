// Whole counts (tokens, words, turns) with thousands separators: 12,345, as toLocaleString('en-US')
// writes them, without ICU. The process's first `toLocaleString` or `Intl.NumberFormat` loads
// ICU's number formats (~25 ms of CPU and ~7 MB of peak RSS): a one-shot run should not pay that
// for commas, and one formatter built when this module loads would put it before the first turn.
// A batch's coordinator formats thousands of counts: this is faster than a formatter too.
// It sits outside src/engine and src/render because both count in words (the engine's budget
// events, every renderer): the engine stays free of presentation code, and one function keeps
// every count written alike.
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
