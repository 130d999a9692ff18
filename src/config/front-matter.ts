// The YAML front matter of a Markdown persona: where it is in the file, what it may set, and each
// key's line, so that every fault names the file and line. Aliases and odd keys are refused
// before anything is expanded.
import { isMap, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { HEADING_EXAMPLE } from './persona-heading.js';
import type { Problem } from './problems.js';
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
export function readFrontMatter(yamlText: string, firstLine: number, source: string): FrontMatter {
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

/** The front matter's YAML (when the file opens with ---) and where the body starts. */
export function splitFrontMatter(
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
