import { z } from 'zod';
import type { Participant } from '../engine/table.js';
import { once } from '../once.js';
import { hasTerminalControls } from '../render/terminal-safe.js';
import { COLOR_NAMES, normalizeColor } from './colors.js';
import { secretFieldHint } from './secret-fields.js';
import { nearest } from './suggest.js';
import { type FieldMessage, type FieldRule, fieldMessages } from './zod-messages.js';

export const DEFAULT_CREATIVITY = 0.7;
export const NAME_MAX_LENGTH = 32;
/**
 * One word, so it can be mentioned as `Ada` or `@Ada` in a reply. Combining marks may follow the
 * first letter: scripts such as Devanagari or Thai need them even in NFC.
 */
export const namePattern = once(() => /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_-]*$/u);
/** namePattern() where every character is ASCII: no mark is, and the letters and digits are these. */
const ASCII_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * namePattern().test(name), the pattern made and asked only for a name with a character past
 * ASCII. V8 builds a \p{…} class's Unicode ranges when the pattern is made and at each compile
 * (bytecode, then machine code after a second use): four names tested cost ~18 M instructions,
 * ~4% of a run's start-up, for names that are nearly always plain ASCII (role-plain.test.ts
 * checks the two agree).
 */
export function isSeatName(name: string): boolean {
  return ASCII_NAME.test(name) || (/[^\0-\x7f]/.test(name) && namePattern().test(name));
}

/** Text shown on one line (a name, a title): no control character, not even a newline or tab. */
function oneLine(text: string): boolean {
  return !/[\n\t]/.test(text) && !hasTerminalControls(text);
}

/** A one-line text field: trimmed, in NFC (so "Zoé" is one word however it was typed), no controls. */
const lineField = () => z.string().trim().normalize('NFC').min(1).refine(oneLine);

/**
 * The fields of a role, in the snake_case of the files. Every persona format (roleN.json,
 * roleN.md) produces this raw object and goes through the same validation. Built on first use: a
 * table of plainly valid roles needs no zod (see plainRole).
 */
export const roleSchema = once(() =>
  z.strictObject({
    name: z.string().trim().normalize('NFC').max(NAME_MAX_LENGTH).regex(namePattern()),
    full_name: lineField(),
    creativity: z.number().min(0).max(1).default(DEFAULT_CREATIVITY),
    prompt: z.string().trim().min(1),
    color: z
      .string()
      .refine((value) => normalizeColor(value) !== undefined)
      .optional(),
    model: lineField().optional(),
    max_tokens: z.int().min(1).optional(),
    endpoint: lineField().optional(),
    human: z.boolean().optional(),
    role: lineField().optional(),
    language: lineField().optional(),
    gender: lineField().optional(),
    side: lineField().max(40).optional(),
    memory: z.boolean().optional(),
  }),
);

export type RoleFields = z.output<ReturnType<typeof roleSchema>>;

const CONTROL_HINT = 'it holds a control character, which a name or title cannot have';
const controlHint = (value: unknown) =>
  typeof value === 'string' && !oneLine(value.trim()) ? CONTROL_HINT : undefined;

export const ROLE_FIELD_RULES: Readonly<Record<keyof RoleFields, FieldRule>> = {
  name: {
    expected: `one word of letters, digits, "_" or "-" (at most ${NAME_MAX_LENGTH} characters), used for name tags and mentions like @Ada`,
    hint: (value) =>
      typeof value === 'string' && !oneLine(value.trim())
        ? CONTROL_HINT
        : typeof value === 'string' && /\s/.test(value.trim())
          ? 'the long form belongs in full_name, or in the heading of a .md persona'
          : undefined,
  },
  full_name: {
    expected: 'one line of text, e.g. "Ada Lovelace, mathematician"',
    hint: controlHint,
  },
  creativity: {
    expected: `a number from 0 to 1 (default ${DEFAULT_CREATIVITY}); it sets the temperature`,
  },
  prompt: { expected: 'non-empty text describing the persona ("You are …")' },
  color: {
    expected: `"#rrggbb" or a color name (${COLOR_NAMES.join(', ')})`,
    hint: (value) => {
      const guess = typeof value === 'string' ? nearest(value, COLOR_NAMES) : undefined;
      return guess === undefined ? undefined : `did you mean ${guess}?`;
    },
  },
  model: { expected: 'a model name, e.g. "gpt-4o-mini"', hint: controlHint },
  max_tokens: { expected: 'a whole number ≥ 1 (this seat’s reply budget in tokens)' },
  endpoint: {
    expected: 'the name of an endpoint: a preset such as "ollama" or one from the config',
    hint: controlHint,
  },
  human: { expected: 'true or false' },
  role: { expected: 'one line of text, e.g. "Town treasurer"', hint: controlHint },
  language: { expected: 'one line of text, e.g. "en" or "Finnish"', hint: controlHint },
  gender: { expected: 'one line of text, e.g. "female"', hint: controlHint },
  memory: {
    expected:
      'true or false: true gives this seat a short note of its positions and the outcomes from earlier runs on related questions',
  },
  side: {
    expected:
      'the side this seat argues in a debate, e.g. "for" or "against" (at most 40 characters); "judge" and "chair" are seats of their own',
    hint: controlHint,
  },
};

export type RoleResult =
  | { readonly ok: true; readonly fields: RoleFields }
  | { readonly ok: false; readonly messages: readonly FieldMessage[] };

/**
 * A one-line text as `lineField` gives it (trimmed, NFC, not empty, one line), at most `max`
 * long; undefined for anything `lineField` would refuse.
 */
function plainLine(value: unknown, max = Number.POSITIVE_INFINITY): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().normalize('NFC');
  return text.length >= 1 && text.length <= max && oneLine(text) ? text : undefined;
}

/** The optional fields of a role, each as roleSchema reads it; undefined is refused. */
const PLAIN_OPTIONAL: Readonly<Record<string, (value: unknown) => unknown>> = {
  color: (value) =>
    typeof value === 'string' && normalizeColor(value) !== undefined ? value : undefined,
  model: (value) => plainLine(value),
  max_tokens: (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : undefined,
  endpoint: (value) => plainLine(value),
  human: (value) => (typeof value === 'boolean' ? value : undefined),
  role: (value) => plainLine(value),
  language: (value) => plainLine(value),
  gender: (value) => plainLine(value),
  side: (value) => plainLine(value, 40),
  memory: (value) => (typeof value === 'boolean' ? value : undefined),
};

/**
 * What roleSchema gives for a role file that is plainly valid, found without zod (whose first
 * parse of a schema compiles it: most of a table's validation at a run's start); undefined for
 * anything else, which zod then judges and words. The fields come in roleSchema's order.
 */
function plainRole(raw: unknown): RoleFields | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(ROLE_FIELD_RULES, key) || input[key] === undefined) return undefined;
  }
  const name = typeof input.name === 'string' ? input.name.trim().normalize('NFC') : undefined;
  if (name === undefined || name.length > NAME_MAX_LENGTH || !isSeatName(name)) {
    return undefined;
  }
  const fullName = plainLine(input.full_name);
  const { creativity = DEFAULT_CREATIVITY } = input;
  const prompt = typeof input.prompt === 'string' ? input.prompt.trim() : '';
  if (fullName === undefined || prompt === '') return undefined;
  if (typeof creativity !== 'number' || !(creativity >= 0 && creativity <= 1)) return undefined;
  const fields: Record<string, unknown> = { name, full_name: fullName, creativity, prompt };
  for (const [key, read] of Object.entries(PLAIN_OPTIONAL)) {
    if (!Object.hasOwn(input, key)) continue;
    const value = read(input[key]);
    if (value === undefined) return undefined;
    fields[key] = value;
  }
  return fields as RoleFields;
}

export function validateRole(raw: unknown): RoleResult {
  const plain = plainRole(raw);
  if (plain !== undefined) return { ok: true, fields: plain };
  const parsed = roleSchema().safeParse(raw);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return {
    ok: false,
    messages: fieldMessages(parsed.error.issues, raw, {
      rules: ROLE_FIELD_RULES,
      expectedObject: 'an object with name, full_name, creativity and prompt',
      unknownKeyHint: secretFieldHint,
    }),
  };
}

export function toParticipant(seat: number, fields: RoleFields): Participant {
  const color = fields.color === undefined ? undefined : normalizeColor(fields.color);
  return {
    seat,
    name: fields.name,
    fullName: fields.full_name,
    creativity: fields.creativity,
    prompt: fields.prompt,
    ...(color === undefined ? {} : { color }),
    ...(fields.model === undefined ? {} : { model: fields.model }),
    ...(fields.max_tokens === undefined ? {} : { maxTokens: fields.max_tokens }),
    ...(fields.endpoint === undefined ? {} : { endpoint: fields.endpoint }),
    ...(fields.human === undefined ? {} : { human: fields.human }),
    ...(fields.role === undefined ? {} : { role: fields.role }),
    ...(fields.language === undefined ? {} : { language: fields.language }),
    ...(fields.gender === undefined ? {} : { gender: fields.gender }),
    ...(fields.side === undefined ? {} : { side: fields.side }),
    ...(fields.memory === undefined ? {} : { memory: fields.memory }),
  };
}
