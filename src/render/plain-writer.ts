// How the plain output lays its text out: blocks separated by one blank line, a line a streaming
// turn leaves open, and notes held back so that they never split that line.

export interface TextSink {
  write(chunk: string): unknown;
}

export class PlainWriter {
  readonly #out: TextSink;
  #written = false;
  /** Newlines at the end of what was written so far: 0 mid-line, 1 at line start, 2 after a blank line. */
  #trailing = 0;
  /** Notes waiting for the turn's line to end. */
  readonly #held: string[] = [];

  constructor(out: TextSink) {
    this.#out = out;
  }

  write(text: string): void {
    if (text === '') return;
    this.#out.write(text);
    this.#written = true;
    const match = /\n*$/.exec(text);
    const newlines = match ? match[0].length : 0;
    this.#trailing = newlines === text.length ? this.#trailing + newlines : newlines;
  }

  /** Ends the line written so far, if one is open. */
  breakLine(): void {
    if (this.#written && this.#trailing === 0) this.write('\n');
  }

  line(text: string): void {
    this.breakLine();
    this.write(`${text}\n`);
  }

  /** Blocks (header, topic, turn, interjection, totals) are separated by one blank line. */
  startBlock(): void {
    this.breakLine();
    if (this.#written && this.#trailing < 2) this.write('\n');
  }

  /** A line that must not split the line of a turn still being spoken: held until it ends. */
  note(text: string, turnOpen: boolean): void {
    if (turnOpen && this.#trailing === 0) this.#held.push(text);
    else this.line(text);
  }

  flushNotes(): void {
    for (const text of this.#held.splice(0)) this.line(text);
  }
}
