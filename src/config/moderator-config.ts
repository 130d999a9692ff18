// `moderator` in roundtable.config.json: where the LLM moderator (speaker policy `moderator`)
// runs, checked with messages that name `moderator.<field>`.
import { z } from 'zod';
import { once } from '../once.js';
import { ENDPOINT_NAME_PATTERN } from './endpoint-presets.js';
import { showValue } from './problems.js';
import { type FieldRule, issueMessages } from './zod-messages.js';

/** Built on first use: only a config file with `moderator` needs it. */
export const moderatorSchema = once(() =>
  z
    .strictObject({
      endpoint: z.string().trim().regex(ENDPOINT_NAME_PATTERN).optional().meta({
        description:
          'The endpoint the moderator talks to: a preset or a name from "endpoints"; the table\'s default endpoint otherwise.',
      }),
      model: z.string().trim().min(1).optional().meta({
        description: "The moderator's model; the endpoint's (or the table's) otherwise.",
      }),
    })
    .meta({
      description:
        'The LLM moderator of speaker policy "moderator": it chooses who speaks next, with a reason and an optional steer.',
    }),
);

export type ModeratorConfig = z.output<ReturnType<typeof moderatorSchema>>;

const RULES: Readonly<Record<keyof ModeratorConfig, FieldRule>> = {
  endpoint: { expected: 'an endpoint name such as "openai" or one from "endpoints"' },
  model: { expected: 'a model name, e.g. "gpt-4o-mini"' },
};

export type ModeratorResult =
  | { readonly ok: true; readonly moderator: ModeratorConfig }
  | { readonly ok: false; readonly messages: readonly string[] };

export function validateModerator(raw: unknown): ModeratorResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      messages: [
        `moderator: expected an object such as { "endpoint": "openai", "model": "gpt-4o-mini" }, got ${showValue(raw)}`,
      ],
    };
  }
  const parsed = moderatorSchema().safeParse(raw);
  if (parsed.success) return { ok: true, moderator: parsed.data };
  return {
    ok: false,
    messages: issueMessages(parsed.error.issues, raw, {
      rules: RULES,
      expectedObject: 'an object such as { "endpoint": "openai" }',
      prefix: 'moderator',
    }),
  };
}
