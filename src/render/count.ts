// Whole counts (tokens, words, turns) with thousands separators: 12,345. One formatter for every
// call: `toLocaleString('en-US')` builds a new one each time (~50 µs against ~1 µs), and a
// batch's coordinator formats thousands of them as it writes every run's transcript.
const EN_US = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return EN_US.format(n);
}
