// The batch's live block on a terminal, redrawn in place: apart from progress.ts because it
// measures what a terminal shows (string-width, whose emoji tables cost ~190 M instructions to
// build at load), which plain lines, a queue worker and a batch in a pipe never need.
import { formatCount } from '../format-count.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { displayWidth, splitGraphemes } from '../tui/wrap.js';
import {
  type BatchProgress,
  type ProgressView,
  runLabel,
  type Stream,
  totalsLine,
} from './progress.js';

/**
 * The live block on a terminal: the bar, then a line per running discussion, in at most `height`
 * lines of at most `width` columns. It is redrawn in place, so a line that wrapped, or a block
 * taller than the screen, would leave copies of itself in the scrollback.
 */
export function progressBlock(
  progress: BatchProgress,
  width: number,
  height = Number.POSITIVE_INFINITY,
): string[] {
  const t = progress.totals();
  const barWidth = Math.max(10, Math.min(40, width - 60));
  const filled = t.total === 0 ? barWidth : Math.round((t.done / t.total) * barWidth);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`;
  const lines = [`${bar}  ${totalsLine(t)}`];
  const running = progress.running();
  const room = Math.max(0, Math.floor(height) - 1);
  const shown = running.length <= room ? running : running.slice(0, Math.max(0, room - 1));
  for (const run of shown) {
    const where =
      run.turn === 0 ? (run.resumed ? 'resuming' : 'starting') : `turn ${run.turn}/${run.turns}`;
    const who = run.speaker === undefined ? '' : `  ${terminalSafe(run.speaker)} speaking`;
    lines.push(`  ${runLabel(run.spec)}  ${where}${who}  ${formatCount(run.tokens)} tokens`);
  }
  if (shown.length < running.length)
    lines.push(`  … and ${running.length - shown.length} more running`);
  return lines.slice(0, Math.max(1, Math.floor(height))).map((line) => fitLine(line, width));
}

/** At most `width` terminal columns (wide characters count two), ending in … when cut. */
function fitLine(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  let fitted = '';
  let used = 0;
  for (const grapheme of splitGraphemes(line)) {
    const w = displayWidth(grapheme);
    if (used + w > width - 1) break;
    fitted += grapheme;
    used += w;
  }
  return `${fitted}…`;
}

/** Redraws the block in place at most ten times a second. */
export function terminalView(progress: BatchProgress, out: Stream): ProgressView {
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  // Line by line (up, clear), not "clear to the end of the screen": a terminal may keep a screen
  // cleared from its top-left corner in the scrollback (tmux's scroll-on-clear), and a block as
  // tall as the screen starts there.
  const erase = () => {
    if (drawn > 0) out.write('\u001b[1A\u001b[2K'.repeat(drawn));
    drawn = 0;
  };
  const draw = () => {
    // A draw for any reason makes the one scheduled needless: it would come after close().
    clearTimeout(timer);
    timer = undefined;
    erase();
    // A row is left below the block for the cursor: a block as tall as the screen scrolls it.
    const lines = progressBlock(progress, out.columns ?? 80, (out.rows ?? 24) - 1);
    out.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  // Once closed, the block stays as last drawn: a late update would erase upwards from wherever
  // the cursor is by then, into the summary and the results line printed after it.
  let closed = false;
  return {
    log(line) {
      if (closed) {
        out.write(`${line}\n`);
        return;
      }
      erase();
      out.write(`${line}\n`);
      draw();
    },
    update() {
      if (!closed) timer ??= setTimeout(draw, 100);
    },
    close() {
      if (closed) return;
      closed = true;
      draw();
    },
  };
}
