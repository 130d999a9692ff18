import { distance } from 'fastest-levenshtein';
import type { Command } from '../engine/commands.js';

export type InputOutcome =
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'empty' };

export interface TableFacts {
  /** Participants' short names, as mentions and /ask use them. */
  readonly names: readonly string[];
  readonly questionCount: number;
}

// `@` not preceded by a word character, so e-mail addresses are not mentions.
const MENTION = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_][\p{L}\p{N}_-]*)/gu;

function findName(wanted: string, names: readonly string[]): string | undefined {
  const lower = wanted.toLowerCase();
  return names.find((name) => name.toLowerCase() === lower);
}

function unknownName(wanted: string, names: readonly string[], prefix: string): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const d = distance(wanted.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  const close = best !== undefined && bestDistance <= Math.max(1, Math.floor(wanted.length / 3));
  const hint = close ? `did you mean ${prefix}${best}?` : `at the table: ${names.join(', ')}`;
  return `No one called ${prefix}${wanted} at the table (${hint})`;
}

function parseTopic(argument: string, facts: TableFacts): InputOutcome {
  if (argument === '') {
    return { kind: 'error', message: 'Usage: /topic <question number or text>' };
  }
  if (/^\d+$/.test(argument)) {
    const number = Number(argument);
    if (number < 1 || number > facts.questionCount) {
      const range = facts.questionCount === 1 ? '1' : `1–${facts.questionCount}`;
      return {
        kind: 'error',
        message: `There is no question ${number}: use ${range}, or type a topic in words`,
      };
    }
    return { kind: 'command', command: { type: 'set-topic', topic: number } };
  }
  return { kind: 'command', command: { type: 'set-topic', topic: argument } };
}

function parseSlash(line: string, facts: TableFacts): InputOutcome {
  const match = /^\/(\S*)\s*(.*)$/s.exec(line);
  const name = match?.[1]?.toLowerCase() ?? '';
  const argument = match?.[2]?.trim() ?? '';
  switch (name) {
    case 'topic':
      return parseTopic(argument, facts);
    case 'ask': {
      const wanted = argument.replace(/^@/, '');
      if (wanted === '') return { kind: 'error', message: 'Usage: /ask <Name>' };
      const found = findName(wanted, facts.names);
      if (found === undefined)
        return { kind: 'error', message: unknownName(wanted, facts.names, '') };
      return { kind: 'command', command: { type: 'ask', name: found } };
    }
    case 'wrap':
      return { kind: 'command', command: { type: 'wrap-up' } };
    case 'end':
      return { kind: 'command', command: { type: 'stop' } };
    case 'next':
      return { kind: 'command', command: { type: 'next-topic' } };
    case 'skip':
      return { kind: 'command', command: { type: 'skip' } };
    default:
      return {
        kind: 'error',
        message: `Unknown command /${name}: try /topic, /ask, /next, /skip, /wrap or /end`,
      };
  }
}

/**
 * What the moderator's line means: a slash command, an interjection, or a mistake to show
 * inline. Names are checked here so a typo never reaches the engine as a silent no-op.
 */
export function parseModeratorInput(text: string, facts: TableFacts): InputOutcome {
  const line = text.trim();
  if (line === '') return { kind: 'empty' };
  if (line.startsWith('/')) return parseSlash(line, facts);
  for (const match of line.matchAll(MENTION)) {
    const wanted = (match[1] ?? '').replace(/-+$/, '');
    if (findName(wanted, facts.names) === undefined) {
      return { kind: 'error', message: unknownName(wanted, facts.names, '@') };
    }
  }
  return { kind: 'command', command: { type: 'interject', text: line } };
}
