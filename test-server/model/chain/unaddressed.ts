// A sentence put to someone ("Kofi, we should start small.") or led into a wrap-up ("All in
// all, we should start small.") says the same as without the address or lead-in: another seat
// that says "We should start small." after it repeats it. The chain keeps both forms of a spoken
// sentence, so that the repeat is known as one.
import { WRAP_UPS } from '../lines.js';

/** The wrap-up lead-ins, in lower case as the chain keeps sentences. */
const LEADS = WRAP_UPS.map((lead) => lead.toLowerCase());

/** A one- or two-word address (a name, "well", "in short") and its comma, at the start. */
const ADDRESS = /^\p{L}+(?: \p{L}+)?, (?=\p{L})/u;

/**
 * `sentence` (lower case) without a lead-in or an address it opens with, or undefined if it
 * opens with neither.
 */
export function unaddressed(sentence: string): string | undefined {
  for (const lead of LEADS) if (sentence.startsWith(lead)) return sentence.slice(lead.length);
  const address = ADDRESS.exec(sentence);
  return address === null ? undefined : sentence.slice(address[0].length);
}
