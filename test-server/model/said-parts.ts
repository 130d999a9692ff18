/**
 * A reply's sentences in lower case, each with where it last stood, for asking whether the reply
 * holds a sentence already: a long ramble compared each new sentence with every earlier one.
 * Kept while it reflects the reply's parts, which turns also edit directly (a closing line taken
 * back out, a name put before the last sentence); read afresh when they were.
 */
export class SaidParts {
  private readonly at = new Map<string, number>();
  /** The parts `at` was made from, compared element by element (no lower-casing). */
  private noted: string[] = [];

  constructor(private readonly parts: readonly string[]) {}

  /** Whether the notes reflect the parts as they are. */
  current(): boolean {
    const { parts, noted } = this;
    if (noted.length !== parts.length) return false;
    for (let i = 0; i < parts.length; i++) if (noted[i] !== parts[i]) return false;
    return true;
  }

  /** Notes the sentence just added to the parts (when the notes were current before it). */
  note(sentence: string, lower = sentence.toLowerCase()): void {
    this.at.set(lower, this.noted.length);
    this.noted.push(sentence);
  }

  /** Where the reply last holds this sentence (in lower case), or -1. */
  lastAt(lower: string): number {
    if (!this.current()) {
      this.at.clear();
      this.noted = [];
      for (const part of this.parts) this.note(part);
    }
    return this.at.get(lower) ?? -1;
  }
}
