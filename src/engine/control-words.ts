// Control words a participant may end a reply with: `[pass]` yields the floor, `[leave]` leaves
// the table, `[end]` proposes to end the discussion. They are taken off the text and recorded.
import type { ControlWord } from './events.js';

const WORDS: readonly ControlWord[] = ['pass', 'leave', 'end'];
const TRAILING = /\s*[[(]\s*(pass|leave|end)\s*[\])][\s.!]*$/iu;
/** What could still grow into a control word at the end of a reply being streamed. */
const PARTIAL = /\s*[[(]\s*[a-z]{0,5}\s*[\])]?[\s.!]*$/iu;

/** The reply without its control word, and the word. */
export function takeControlWord(text: string): { text: string; control?: ControlWord } {
  const match = TRAILING.exec(text);
  if (match === null) return { text };
  const word = match[1]?.toLowerCase() as ControlWord;
  return { text: text.slice(0, match.index).trimEnd(), control: word };
}

/**
 * Holds back the tail of streamed text while it may still become a control word, so the live
 * view never shows "[pa" and then takes it back.
 */
export class ControlWordStream {
  #pending = '';

  push(text: string): string {
    const all = this.#pending + text;
    const match = PARTIAL.exec(all);
    const cut = match !== null && couldBeWord(match[0]) ? match.index : all.length;
    this.#pending = all.slice(cut);
    return all.slice(0, cut);
  }

  /** The stream is over: what was held back, unless it was a control word. */
  end(): string {
    const rest = takeControlWord(this.#pending).text;
    this.#pending = '';
    return rest;
  }
}

function couldBeWord(tail: string): boolean {
  const letters = tail.replace(/[^a-z]/giu, '').toLowerCase();
  return WORDS.some((word) => word.startsWith(letters));
}

/** The words, as the instructions tell the participants about them. */
export const CONTROL_WORDS_TEXT =
  'You may end a reply with one of these on its own: [pass] to yield the floor without speaking further, [leave] to leave the discussion for good (say goodbye first), [end] to propose ending the discussion.';
