import { InputError } from '../errors.js';

/** One thing wrong with the user's input, gathered so a table reports all its faults at once. */
export interface Problem {
  /** What is at fault as the user would name it: a file path, a flag, an environment variable. */
  readonly source: string;
  /** Set when `source` is a file, so the resulting InputError can carry it. */
  readonly file?: string | undefined;
  /** `:line:column` inside the file, when known. */
  readonly location?: string | undefined;
  /** Field (if any) and what would be valid, e.g. `creativity: expected a number from 0 to 1, got 2`. */
  readonly message: string;
  /** Extra lines shown under the message, e.g. the offending line of a JSON file with a caret. */
  readonly detail?: string | undefined;
}

function withDetail(head: string, detail: string | undefined): string {
  return detail === undefined ? head : `${head}\n${detail}`;
}

export function formatProblem(problem: Problem): string {
  return withDetail(
    `${problem.source}${problem.location ?? ''}: ${problem.message}`,
    problem.detail,
  );
}

function indent(text: string, prefix: string): string {
  return text.replaceAll('\n', `\n${prefix}`);
}

/** Problems of one file are listed together; one with a line:column stands on its own. */
function groupBySource(problems: readonly Problem[]): Problem[][] {
  const groups = new Map<string, Problem[]>();
  problems.forEach((problem, i) => {
    const key = problem.location === undefined ? problem.source : `${problem.source}\0${i}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [problem]);
    else group.push(problem);
  });
  return [...groups.values()];
}

function listItems(group: readonly Problem[], pad: string): string {
  return group
    .map((p) => `${pad}- ${indent(withDetail(p.message, p.detail), `${pad}  `)}`)
    .join('\n');
}

/**
 * One InputError for all problems: a single line for one; `<file> has N problems:` and a list when
 * they all concern one file; otherwise a list by file.
 */
export function problemsError(problems: readonly Problem[], what = 'the table'): InputError {
  const [first] = problems;
  if (first === undefined) throw new Error('problemsError needs at least one problem');
  const groups = groupBySource(problems);
  if (groups.length === 1) {
    if (problems.length === 1) return new InputError(formatProblem(first), first.file);
    const head = `${first.source} has ${problems.length} problems:`;
    return new InputError(`${head}\n${listItems(problems, '  ')}`, first.file);
  }
  const lines = groups.map((group) => {
    const [one] = group;
    if (group.length === 1 && one !== undefined) return `  - ${indent(formatProblem(one), '    ')}`;
    return `  - ${group[0]?.source}:\n${listItems(group, '      ')}`;
  });
  return new InputError(`${problems.length} problems in ${what}:\n${lines.join('\n')}`, first.file);
}

/** A short, quoted rendering of a bad value for "got …" in messages. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  // JSON reads 1e999 as Infinity, which JSON.stringify would show as "null".
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value)
      ? 'not a number'
      : `a number too ${value > 0 ? 'large' : 'small'} to use (${value > 0 ? '' : '-'}infinity)`;
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
