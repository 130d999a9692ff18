import { isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Problem } from './problems.js';
import { NAME_MAX_LENGTH, NAME_PATTERN } from './role-schema.js';
import { secretLike } from './secret-fields.js';
import { unknownKeyMessage } from './suggest.js';

/** What a .md persona's front matter may set; the heading and body give the rest. */
export const FRONT_MATTER_KEYS = [
  'name',
  'creativity',
  'endpoint',
  'model',
  'color',
  'max_tokens',
  'human',
  'side',
  'memory',
] as const;

export const HEADING_EXAMPLE = '# Town treasurer: Margit Aalto';

/** The parts of a `# <Role>: <Full name> (lang) [gender]` heading. */
export interface PersonaHeading {
  readonly role?: string | undefined;
  readonly fullName: string;
  readonly language?: string | undefined;
  readonly gender?: string | undefined;
}

/** A role file read into the raw snake_case object `validateRole` checks, or why it could not be. */
export interface ReadRole {
  /** Undefined when the file could not be read into fields at all. */
  readonly raw?: unknown;
  /** Faults found while reading; validation of `raw` still runs and may add more. */
  readonly problems: readonly Problem[];
  /** `:line` of a field in the file, so validation messages can point at it. */
  readonly locate?: ((field: string | undefined) => string | undefined) | undefined;
}

const FIELD_FROM_HEADING: Readonly<Record<string, string>> = {
  full_name: `full_name comes from the heading (${HEADING_EXAMPLE}), not the front matter`,
  fullName: `the full name comes from the heading (${HEADING_EXAMPLE}), not the front matter`,
  role: `the role comes from the heading (${HEADING_EXAMPLE}), not the front matter`,
  language:
    'the language comes from a (lang) suffix on the heading, e.g. "# Poet: Eino Leino (fi)"',
  gender:
    'the gender comes from a [gender] suffix on the heading, e.g. "# Poet: Eino Leino [male]"',
  prompt: 'the prompt is the text below the heading, not a front matter key',
};

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

// A language code (en, fi, pt-BR, zh-Hant) or a language's name (Finnish, Deutsch).
const LANGUAGE = /^(?:[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*|\p{Lu}\p{Ll}+)$/u;

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
    if (paren !== undefined && LANGUAGE.test(paren.inner.trim())) {
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
  return NAME_PATTERN.test(word) && word.length <= NAME_MAX_LENGTH ? word : undefined;
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

interface Lines {
  readonly lines: readonly string[];
  /** 0-based index of the first line after the front matter. */
  readonly bodyStart: number;
}

function frontMatterEnd(lines: readonly string[], open: number): number | undefined {
  for (let i = open + 1; i < lines.length; i++) {
    const line = lines[i]?.trimEnd();
    if (line === '---' || line === '...') return i;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface FrontMatter {
  readonly values: Record<string, unknown>;
  /** 1-based file line of each key. */
  readonly keyLines: Map<string, number>;
  readonly problems: Problem[];
  /** False when the YAML itself is broken, so no field can be trusted. */
  readonly readable: boolean;
}

/** Parses the YAML between the `---` lines; `firstLine` is its first line's number in the file. */
function readFrontMatter(yamlText: string, firstLine: number, source: string): FrontMatter {
  const problems: Problem[] = [];
  const keyLines = new Map<string, number>();
  const at = (line: number, column?: number): string =>
    column === undefined ? `:${line}` : `:${line}:${column}`;
  const problem = (line: number, message: string, column?: number): Problem => ({
    source,
    file: source,
    location: at(line, column),
    message,
  });

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const reason = error.message.replace(/ at line \d+, column \d+.*$/s, '');
      problems.push(
        problem(
          firstLine + Math.max(line, 1) - 1,
          `front matter is not valid YAML: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
          col,
        ),
      );
    }
    return { values: {}, keyLines, problems, readable: false };
  }
  if (doc.contents === null) return { values: {}, keyLines, problems, readable: true };
  // An alias (`*a`) can repeat a value without limit (a "billion laughs" bomb), and front matter
  // has no use for one: refused before anything is expanded.
  let alias: { source: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      alias = { source: node.source, offset: node.range?.[0] ?? 0 };
      return visit.BREAK;
    },
  });
  if (alias !== undefined) {
    const { line, col } = lineCounter.linePos(alias.offset);
    problems.push(
      problem(
        firstLine + Math.max(line, 1) - 1,
        `front matter uses the YAML alias *${alias.source}; write the value out (aliases are not accepted: they can expand without limit)`,
        col,
      ),
    );
    return { values: {}, keyLines, problems, readable: false };
  }
  if (!isMap(doc.contents)) {
    problems.push(
      problem(firstLine, 'front matter must be "key: value" lines, e.g. "creativity: 0.3"'),
    );
    return { values: {}, keyLines, problems, readable: false };
  }
  // A key that is itself a list or map (`? [a, b]: x`) names no field; yaml would also print a
  // warning of its own while reading it.
  const oddKey = doc.contents.items.find((item) => !isScalar(item.key));
  if (oddKey !== undefined) {
    const offset = (oddKey.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    problems.push(
      problem(
        firstLine + lineCounter.linePos(offset).line - 1,
        'front matter keys must be plain names such as "creativity", not lists or maps',
      ),
    );
    return { values: {}, keyLines, problems, readable: false };
  }
  const js: unknown = doc.toJS({ maxAliasCount: 0 });
  const values: Record<string, unknown> = isRecord(js) ? { ...js } : {};
  for (const item of doc.contents.items) {
    if (!isScalar(item.key) || item.key.range == null) continue;
    keyLines.set(
      String(item.key.value),
      firstLine + lineCounter.linePos(item.key.range[0]).line - 1,
    );
  }
  const yamlLines = yamlText.split('\n');
  for (const [key, value] of Object.entries(values)) {
    const line = keyLines.get(key) ?? firstLine;
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      const message =
        FIELD_FROM_HEADING[key] ??
        (secretLike(key)
          ? `"${key}" does not belong in a file: API keys are read only from the environment variable the endpoint names (apiKeyEnv)`
          : unknownKeyMessage(key, FRONT_MATTER_KEYS, 'front matter key'));
      problems.push(problem(line, message));
      delete values[key];
      continue;
    }
    if (value === null) {
      const text = yamlLines[line - firstLine] ?? '';
      problems.push(
        problem(
          line,
          key === 'color' && text.includes('#')
            ? `${key}: quote the value, e.g. color: "#2472c8" (in YAML an unquoted # starts a comment)`
            : `${key}: no value; give one or delete the line`,
        ),
      );
      delete values[key];
    }
  }
  return { values, keyLines, problems, readable: true };
}

function splitFrontMatter(
  text: string,
  source: string,
): { lines: Lines; yaml?: { text: string; firstLine: number }; problem?: Problem } {
  const lines = text.split('\n');
  let open = 0;
  while (open < lines.length && lines[open]?.trim() === '') open++;
  if (lines[open]?.trimEnd() !== '---') return { lines: { lines, bodyStart: 0 } };
  const close = frontMatterEnd(lines, open);
  if (close === undefined) {
    return {
      lines: { lines, bodyStart: lines.length },
      problem: {
        source,
        file: source,
        location: `:${open + 1}`,
        message: 'the front matter opened by --- here is never closed; end it with a line of ---',
      },
    };
  }
  return {
    lines: { lines, bodyStart: close + 1 },
    yaml: { text: lines.slice(open + 1, close).join('\n'), firstLine: open + 2 },
  };
}

/**
 * Reads a Markdown persona: optional YAML front matter (name, creativity, endpoint, model, color,
 * max_tokens, human), then a first heading `# <Role>: <Full name>` with optional `(lang)` and
 * `[gender]` suffixes, then the prompt. `text` has had its BOM and CRs removed.
 */
export function readRoleMarkdown(text: string, source: string): ReadRole {
  const problems: Problem[] = [];
  const at = (line: number): string => `:${line}`;
  const problem = (line: number, message: string): Problem => ({
    source,
    file: source,
    location: at(line),
    message,
  });
  const split = splitFrontMatter(text, source);
  if (split.problem !== undefined) return { problems: [split.problem] };
  const front =
    split.yaml === undefined
      ? undefined
      : readFrontMatter(split.yaml.text, split.yaml.firstLine, source);
  if (front !== undefined) problems.push(...front.problems);
  if (front !== undefined && !front.readable) return { problems };

  const { lines, bodyStart } = split.lines;
  let h = bodyStart;
  while (h < lines.length && lines[h]?.trim() === '') h++;
  const headingLine = h + 1;
  const first = lines[h];
  const expected = `a Markdown persona starts with a heading like "${HEADING_EXAMPLE}" (role, colon, full name), followed by the prompt`;
  if (first === undefined) {
    problems.push(
      problem(Math.min(headingLine, Math.max(lines.length, 1)), `no heading; ${expected}`),
    );
    return { problems };
  }
  const atx = atxHeading(first);
  if (atx === undefined || atx.level > 6) {
    const shown = first.trim().length > 50 ? `${first.trim().slice(0, 49)}…` : first.trim();
    const hint = /^#[^#\s]/.test(first.trim()) ? ' (put a space after the #)' : '';
    problems.push(
      problem(headingLine, `expected the heading here, found "${shown}"${hint}; ${expected}`),
    );
    return { problems };
  }
  if (atx.level !== 1) {
    problems.push(
      problem(
        headingLine,
        `the first heading must have one # (level 1), found ${'#'.repeat(atx.level)}; ${expected}`,
      ),
    );
    return { problems };
  }
  const heading = parseHeading(atx.title);
  if (heading.role === '') {
    problems.push(problem(headingLine, `the heading has nothing before the colon; ${expected}`));
  }
  if (heading.fullName === '') {
    problems.push(problem(headingLine, `the heading names no one; ${expected}`));
  }
  let b = h + 1;
  while (b < lines.length && lines[b]?.trim() === '') b++;
  const promptLine = b + 1;
  const prompt = lines.slice(b).join('\n').trim();
  if (prompt === '') {
    problems.push(
      problem(headingLine, 'no prompt below the heading; write the persona there ("You are …")'),
    );
  }
  const values = front?.values ?? {};
  let name = values.name;
  if (name === undefined && heading.fullName !== '') {
    name = nameFromFullName(heading.fullName);
    if (name === undefined) {
      problems.push(
        problem(
          headingLine,
          `name: cannot be taken from "${heading.fullName}"; add a front matter line such as "name: Ada"`,
        ),
      );
    }
  }
  if (heading.role === '' || heading.fullName === '' || prompt === '' || name === undefined) {
    return { problems };
  }
  const raw: Record<string, unknown> = {
    ...values,
    name,
    full_name: heading.fullName,
    prompt,
    ...(heading.role === undefined ? {} : { role: heading.role }),
    ...(heading.language === undefined ? {} : { language: heading.language }),
    ...(heading.gender === undefined ? {} : { gender: heading.gender }),
  };
  const keyLines = front?.keyLines ?? new Map<string, number>();
  const locate = (field: string | undefined): string | undefined => {
    if (field === undefined) return undefined;
    const line = keyLines.get(field);
    if (line !== undefined) return at(line);
    return at(field === 'prompt' ? promptLine : headingLine);
  };
  return { raw, problems, locate };
}
