import { z } from 'zod';
import type { Participant } from '../engine/table.js';
import { COLOR_NAMES, normalizeColor } from './colors.js';
import { nearest } from './suggest.js';
import { type FieldMessage, type FieldRule, fieldMessages } from './zod-messages.js';

export const DEFAULT_CREATIVITY = 0.7;
export const NAME_MAX_LENGTH = 32;
/** One word, so it can be mentioned as `Ada` or `@Ada` in a reply. */
export const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/**
 * The fields of a role, in the snake_case of the files. Every persona format (roleN.json,
 * roleN.md) produces this raw object and goes through the same validation.
 */
export const roleSchema = z.strictObject({
  name: z.string().trim().max(NAME_MAX_LENGTH).regex(NAME_PATTERN),
  full_name: z.string().trim().min(1),
  creativity: z.number().min(0).max(1).default(DEFAULT_CREATIVITY),
  prompt: z.string().trim().min(1),
  color: z
    .string()
    .refine((value) => normalizeColor(value) !== undefined)
    .optional(),
  model: z.string().trim().min(1).optional(),
  max_tokens: z.int().min(1).optional(),
  endpoint: z.string().trim().min(1).optional(),
  human: z.boolean().optional(),
  role: z.string().trim().min(1).optional(),
  language: z.string().trim().min(1).optional(),
  gender: z.string().trim().min(1).optional(),
  side: z.string().trim().min(1).max(40).optional(),
});

export type RoleFields = z.output<typeof roleSchema>;

export const ROLE_FIELD_RULES: Readonly<Record<keyof RoleFields, FieldRule>> = {
  name: {
    expected: `one word of letters, digits, "_" or "-" (at most ${NAME_MAX_LENGTH} characters), used for name tags and mentions like @Ada`,
    hint: (value) =>
      typeof value === 'string' && /\s/.test(value.trim())
        ? 'the long form belongs in full_name, or in the heading of a .md persona'
        : undefined,
  },
  full_name: { expected: 'non-empty text, e.g. "Ada Lovelace, mathematician"' },
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
  model: { expected: 'a model name, e.g. "gpt-4o-mini"' },
  max_tokens: { expected: 'a whole number ≥ 1 (this seat’s reply budget in tokens)' },
  endpoint: {
    expected: 'the name of an endpoint: a preset such as "ollama" or one from the config',
  },
  human: { expected: 'true or false' },
  role: { expected: 'non-empty text, e.g. "Town treasurer"' },
  language: { expected: 'non-empty text, e.g. "en" or "Finnish"' },
  gender: { expected: 'non-empty text, e.g. "female"' },
  side: {
    expected:
      'the side this seat argues in a debate, e.g. "for" or "against" (at most 40 characters); "judge" and "chair" are seats of their own',
  },
};

export type RoleResult =
  | { readonly ok: true; readonly fields: RoleFields }
  | { readonly ok: false; readonly messages: readonly FieldMessage[] };

export function validateRole(raw: unknown): RoleResult {
  const parsed = roleSchema.safeParse(raw);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return {
    ok: false,
    messages: fieldMessages(parsed.error.issues, raw, {
      rules: ROLE_FIELD_RULES,
      expectedObject: 'an object with name, full_name, creativity and prompt',
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
  };
}
