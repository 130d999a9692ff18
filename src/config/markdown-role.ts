// A Markdown persona read into the raw role object `validateRole` checks: the front matter's
// fields, the heading's role and full name, the prompt below it, and each field's line.
import { readFrontMatter, splitFrontMatter } from './front-matter.js';
import { atxHeading, HEADING_EXAMPLE, nameFromFullName, parseHeading } from './persona-heading.js';
import type { Problem } from './problems.js';

/** A role file read into the raw snake_case object `validateRole` checks, or why it could not be. */
export interface ReadRole {
  /** Undefined when the file could not be read into fields at all. */
  readonly raw?: unknown;
  /** Faults found while reading; validation of `raw` still runs and may add more. */
  readonly problems: readonly Problem[];
  /** `:line` of a field in the file, so validation messages can point at it. */
  readonly locate?: ((field: string | undefined) => string | undefined) | undefined;
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
