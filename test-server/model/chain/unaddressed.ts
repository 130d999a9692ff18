// A sentence put to someone ("Kofi, we should start small.") says the same as without the
// address: another seat that says "We should start small." after it repeats it. The chain keeps
// both forms of a spoken sentence, so that the repeat is known as one.

/** A one- or two-word address (a name, "well", "in short") and its comma, at the start. */
const ADDRESS = /^\p{L}+(?: \p{L}+)?, (?=\p{L})/u;

/** `sentence` without an address it opens with, or undefined if it opens with none. */
export function unaddressed(sentence: string): string | undefined {
  const address = ADDRESS.exec(sentence);
  return address === null ? undefined : sentence.slice(address[0].length);
}
