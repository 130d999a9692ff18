// The heading of a Markdown persona, `# <Role>: <Full name> (lang) [gender]`, and the short name
// a full name suggests. Plain string scans (a heading is text from a file): no regular expression
// that backtracks over it.
import { once } from '../once.js';
import { isSeatName, NAME_MAX_LENGTH } from './role-schema.js';

export const HEADING_EXAMPLE = '# Town treasurer: Margit Aalto';

/** The parts of a `# <Role>: <Full name> (lang) [gender]` heading. */
export interface PersonaHeading {
  readonly role?: string | undefined;
  readonly fullName: string;
  readonly language?: string | undefined;
  readonly gender?: string | undefined;
}

// Titles skipped when the short name is taken from the full name: "Dr. Sheldon Cooper" → Sheldon.
const TITLES = new Set([
  'dr',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'sir',
  'dame',
  'lady',
  'lord',
  'rev',
  'capt',
  'captain',
  'judge',
]);

// A language code (en, fi, pt-BR, zh-Hant) or a language's name (Finnish, Deutsch). Made on
// first use: V8 parses a pattern when it is made, its \p{…} classes through ICU, and most runs
// read no heading with a language in it.
const LANGUAGE = once(() => /^(?:[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*|\p{Lu}\p{Ll}+)$/u);

/**
 * The last `(…)` or `[…]` group of `text` when it ends the text and holds no bracket of its kind:
 * its contents and what comes before it (trailing spaces trimmed). String scans, not regular
 * expressions: a heading is text from a file, and `\s*\(…\)$` backtracks quadratically over a
 * long run of spaces.
 */
function trailingGroup(
  text: string,
  open: string,
  close: string,
): { readonly inner: string; readonly before: string } | undefined {
  if (!text.endsWith(close)) return undefined;
  const start = text.lastIndexOf(open);
  if (start < 0) return undefined;
  const inner = text.slice(start + 1, -1);
  if (inner.includes(close)) return undefined;
  return { inner, before: text.slice(0, start).trimEnd() };
}

/** Splits a heading's text into role, full name and the (lang) and [gender] suffixes. */
export function parseHeading(text: string): PersonaHeading {
  let rest = text.trim();
  let language: string | undefined;
  let gender: string | undefined;
  for (;;) {
    const paren = language === undefined ? trailingGroup(rest, '(', ')') : undefined;
    if (paren !== undefined && LANGUAGE().test(paren.inner.trim())) {
      language = paren.inner.trim();
      rest = paren.before;
      continue;
    }
    const bracket = gender === undefined ? trailingGroup(rest, '[', ']') : undefined;
    if (bracket !== undefined && bracket.inner.trim() !== '') {
      gender = bracket.inner.trim();
      rest = bracket.before;
      continue;
    }
    break;
  }
  const colon = rest.indexOf(':');
  const role = colon < 0 ? undefined : rest.slice(0, colon).trim();
  const fullName = colon < 0 ? rest : rest.slice(colon + 1).trim();
  return {
    ...(role === undefined ? {} : { role }),
    fullName,
    ...(language === undefined ? {} : { language }),
    ...(gender === undefined ? {} : { gender }),
  };
}

const LEADING_QUOTES = new Set(['"', "'", '“', '‘', '(']);
const TRAILING_MARKS = new Set(['"', "'", '”', '’', ')', ',', '.', ';', ':', '!', '?']);

/** `word` without leading quotes or trailing quotes and punctuation, scanned in linear time. */
function bareWord(word: string): string {
  const chars = [...word];
  let start = 0;
  let end = chars.length;
  while (start < end && LEADING_QUOTES.has(chars[start] ?? '')) start++;
  while (end > start && TRAILING_MARKS.has(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** The short name a full name suggests: its first word that is not a title. */
export function nameFromFullName(fullName: string): string | undefined {
  const words = fullName.split(/\s+/).filter((w) => w !== '');
  let i = 0;
  while (i < words.length - 1) {
    const word = words[i] ?? '';
    const bare = word.replace(/\.$/, '').toLowerCase();
    if (!TITLES.has(bare) && !/^\p{L}{1,4}\.$/u.test(word)) break;
    i += 1;
  }
  const word = bareWord(words[i] ?? '').normalize('NFC');
  return isSeatName(word) && word.length <= NAME_MAX_LENGTH ? word : undefined;
}

/** An ATX heading line (`## Title ##`): its level and title, or undefined. Linear scans only. */
export function atxHeading(
  line: string,
): { readonly level: number; readonly title: string } | undefined {
  const text = line.trim();
  let level = 0;
  while (text[level] === '#') level++;
  if (level === 0) return undefined;
  const after = text[level];
  if (after !== undefined && !/\s/.test(after)) return undefined;
  let title = text.slice(level).trim();
  // A closing run of #s after a space is part of ATX syntax, not of the title ("# C#" keeps its #).
  let end = title.length;
  while (end > 0 && title[end - 1] === '#') end--;
  if (end > 0 && end < title.length && /\s/.test(title[end - 1] ?? '')) {
    title = title.slice(0, end).trimEnd();
  }
  return { level, title };
}
