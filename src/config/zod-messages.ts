import type { z } from 'zod';
import { showValue } from './problems.js';
import { unknownKeyMessage } from './suggest.js';

/** What a field accepts, in words, plus an optional hint tailored to the bad value. */
export interface FieldRule {
  readonly expected: string;
  readonly hint?: ((value: unknown) => string | undefined) | undefined;
  /** Never echo the bad value: it may be a secret pasted into the wrong field. */
  readonly hideValue?: boolean | ((value: unknown) => boolean) | undefined;
}

export interface MessageOptions {
  readonly rules: Readonly<Record<string, FieldRule>>;
  /** What the whole input should be, for a top level that is not an object at all. */
  readonly expectedObject: string;
  /** A better message than "unknown field" for keys that are wrong on purpose (an API key…). */
  readonly unknownKeyHint?: ((key: string) => string | undefined) | undefined;
  readonly noun?: string | undefined;
  /** Where the object sits in a larger file, e.g. `endpoints.local`: fields read `endpoints.local.baseUrl`. */
  readonly prefix?: string | undefined;
}

/** One message, with the field it concerns (undefined for the object as a whole). */
export interface FieldMessage {
  readonly field: string | undefined;
  readonly message: string;
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
  return fieldMessages(issues, input, options).map((m) => m.message);
}

/** The same messages as `issueMessages`, each with its field, so a caller can locate it. */
export function fieldMessages(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  options: MessageOptions,
): FieldMessage[] {
  const messages: FieldMessage[] = [];
  const seen = new Set<string>();
  const label = (field: string): string =>
    options.prefix === undefined ? field : `${options.prefix}.${field}`;
  const whole = (message: string): string =>
    options.prefix === undefined ? message : `${options.prefix}: ${message}`;
  const add = (key: string, field: string | undefined, message: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    messages.push({ field, message });
  };
  const validKeys = Object.keys(options.rules);
  for (const issue of issues) {
    const [head] = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = options.unknownKeyHint?.(key);
        add(`?${key}`, key, whole(hint ?? unknownKeyMessage(key, validKeys, options.noun)));
      }
      continue;
    }
    if (head === undefined) {
      add('', undefined, whole(`expected ${options.expectedObject}, got ${showValue(input)}`));
      continue;
    }
    const field = String(head);
    const rule = options.rules[field];
    const expected = rule?.expected ?? issue.message;
    if (!isRecord(input) || !(field in input)) {
      add(field, field, `${label(field)}: missing; expected ${expected}`);
      continue;
    }
    const value = input[field];
    const hint = rule?.hint?.(value);
    const hide = typeof rule?.hideValue === 'function' ? rule.hideValue(value) : rule?.hideValue;
    const got = hide === true ? 'something else (not shown)' : showValue(value);
    add(
      field,
      field,
      `${label(field)}: expected ${expected}, got ${got}${hint ? ` (${hint})` : ''}`,
    );
  }
  return messages;
}
