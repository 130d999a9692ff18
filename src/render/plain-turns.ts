// How the plain output prints a turn: its `Name:` tag, the summary's heading, and the end of a
// turn (its text when it did not stream, how it ended, its notes), counting the turns that broke
// off for the final line.
import type { TurnStatus } from '../engine/events.js';
import type { Style } from './ansi.js';
import { type OpenTurn, statusNote } from './plain-lines.js';
import type { PlainWriter } from './plain-writer.js';

export class TurnPrinter {
  /** Turns (and the summary) that broke off, for the final line. */
  cutOffs = 0;
  summaryShown = false;
  /** A summary phase's own title: a debate's "Verdict", a council's "Synthesis". */
  summaryTitle = 'Summary';

  constructor(
    private readonly writer: PlainWriter,
    private readonly style: Style,
    private readonly name: (seat: number, speaker: string) => string,
  ) {}

  tag(seat: number, speaker: string): string {
    return `${this.style.bold(this.name(seat, `${speaker}:`))} `;
  }

  /**
   * The summary's heading, with why this seat sums up (`floorLabel`): a debate without its judge
   * closes with "Summary", not "Verdict", and the heading says so.
   */
  beginSummary(turn: OpenTurn, why?: string): void {
    this.writer.startBlock();
    const heading = `── ${this.summaryTitle} by ${this.name(turn.seat, turn.speaker)} ──`;
    this.writer.line(
      `${this.style.bold(heading)}${why === undefined ? '' : this.style.dim(` (${why})`)}`,
    );
    turn.tagged = true;
  }

  end(
    turn: OpenTurn,
    text: string,
    status: TurnStatus,
    cut?: { readonly as: string },
    extra: readonly string[] = [],
    cutOff?: string,
  ): void {
    const { writer, style } = this;
    if (status === 'cut-off') this.cutOffs += 1;
    if (!turn.streamed && text !== '') {
      if (!turn.tagged) {
        writer.breakLine();
        writer.write(this.tag(turn.seat, turn.speaker));
        turn.tagged = true;
      }
      writer.write(text);
      turn.streamed = true;
    }
    const statusText = statusNote(status, turn.streamed, cutOff);
    if (statusText && !turn.streamed && turn.kind === 'turn') {
      // Nothing was said: the note takes the place of the text, after the tag.
      writer.breakLine();
      writer.write(`${this.tag(turn.seat, turn.speaker)}${style.dim(statusText)}`);
    } else if (statusText) {
      // A reply that broke off is news, not a footnote: not dimmed.
      writer.line(status === 'cut-off' ? statusText : style.dim(statusText));
    }
    writer.breakLine();
    if (cut) writer.line(style.dim(`[cut: started speaking as ${cut.as}]`));
    if (extra.length > 0) writer.line(style.dim(`(${extra.join(' · ')})`));
    turn.done = true;
    writer.flushNotes();
    if (turn.kind === 'summary') this.summaryShown = true;
  }
}
