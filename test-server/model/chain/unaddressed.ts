// A sentence put to someone ("Kofi, we should start small.") or led into a wrap-up ("All in
// all, we should start small.") says the same as without the address or lead-in: another seat
// that says "We should start small." after it repeats it. The chain keeps both forms of a spoken
// sentence, so that the repeat is known as one.
import { isLetter } from '../../../src/unicode-properties.js';
import { WRAP_UPS } from '../lines.js';

/** The wrap-up lead-ins, in lower case as the chain keeps sentences. */
const LEADS = WRAP_UPS.map((lead) => lead.toLowerCase());

/** Where the run of letters of `text` from `from` ends (`from` if none stands there). */
function lettersEnd(text: string, from: number): number {
  let end = from;
  for (;;) {
    const code = text.codePointAt(end);
    if (code === undefined || !isLetter(code)) return end;
    end += code > 0xffff ? 2 : 1;
  }
}

/** `text` has ", " and a letter at `at`. */
function commaBeforeLetter(text: string, at: number): boolean {
  const code = text.codePointAt(at + 2);
  return text.startsWith(', ', at) && code !== undefined && isLetter(code);
}

/**
 * The length of a one- or two-word address (a name, "well", "in short") and its comma at the
 * start, before a letter, or 0: what /^\p{L}+(?: \p{L}+)?, (?=\p{L})/u matches, read by hand.
 * V8 compiled that pattern's four \p{L} classes on the second turn, ~11 M instructions.
 */
function addressLength(sentence: string): number {
  const first = lettersEnd(sentence, 0);
  if (first === 0) return 0;
  if (sentence.charCodeAt(first) === 0x20) {
    const second = lettersEnd(sentence, first + 1);
    if (second > first + 1 && commaBeforeLetter(sentence, second)) return second + 2;
  }
  return commaBeforeLetter(sentence, first) ? first + 2 : 0;
}

/**
 * `sentence` (lower case) without a lead-in or an address it opens with, or undefined if it
 * opens with neither.
 */
export function unaddressed(sentence: string): string | undefined {
  for (const lead of LEADS) if (sentence.startsWith(lead)) return sentence.slice(lead.length);
  const length = addressLength(sentence);
  return length === 0 ? undefined : sentence.slice(length);
}
