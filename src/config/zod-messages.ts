import type { z } from 'zod';
import { showValue } from './problems.js';
import { unknownKeyMessage } from './suggest.js';

/** What a field accepts, in words, plus an optional hint tailored to the bad value. */
export interface FieldRule {
  readonly expected: string;
  readonly hint?: ((value: unknown) => string | undefined) | undefined;
}

export interface MessageOptions {
  readonly rules: Readonly<Record<string, FieldRule>>;
  /** What the whole input should be, for a top level that is not an object at all. */
  readonly expectedObject: string;
  /** A better message than "unknown field" for keys that are wrong on purpose (an API key…). */
  readonly unknownKeyHint?: ((key: string) => string | undefined) | undefined;
  readonly noun?: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * zod issues → our messages, one per field: `field: expected …, got …`, `field: missing; expected
 * …`, `unknown field "x" (did you mean y?)`. zod's own wording names types, not what would be valid,
 * so only the path and the code are used from it.
 */
export function issueMessages(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  options: MessageOptions,
): string[] {
  const messages: string[] = [];
  const seen = new Set<string>();
  const add = (key: string, message: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    messages.push(message);
  };
  const validKeys = Object.keys(options.rules);
  for (const issue of issues) {
    const [head] = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = options.unknownKeyHint?.(key);
        add(`?${key}`, hint ?? unknownKeyMessage(key, validKeys, options.noun));
      }
      continue;
    }
    if (head === undefined) {
      add('', `expected ${options.expectedObject}, got ${showValue(input)}`);
      continue;
    }
    const field = String(head);
    const rule = options.rules[field];
    const expected = rule?.expected ?? issue.message;
    if (!isRecord(input) || !(field in input)) {
      add(field, `${field}: missing; expected ${expected}`);
      continue;
    }
    const value = input[field];
    const hint = rule?.hint?.(value);
    add(
      field,
      `${field}: expected ${expected}, got ${showValue(value)}${hint ? ` (${hint})` : ''}`,
    );
  }
  return messages;
}
