import { numberFlag } from './number-flag.js';
import type { OutputMode } from './session.js';

/**
 * How fast the built-in offline model streams in the live view when `--pace` is not given, in
 * tokens a second: about a real hosted model's, so the words can be read as they come and there
 * is time to press a key (unpaced, ten turns take about a second).
 */
export const LIVE_VIEW_PACE = 30;

/**
 * `--pace <tokens/s>`: the offline model's streaming speed. `0` streams as fast as it can, the
 * default for plain and JSON output, which are read by programs or afterwards.
 */
export function paceFor(mode: OutputMode, flag: unknown): number {
  return numberFlag('--pace', flag, { min: 0 }) ?? (mode === 'tui' ? LIVE_VIEW_PACE : 0);
}
