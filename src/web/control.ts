import { z } from 'zod';
import type { Command } from '../engine/commands.js';

const text = (what: string) =>
  z
    .string({ error: `"${what}" must be a string` })
    .trim()
    .min(1, `"${what}" must not be empty`)
    .max(4000, `"${what}" is longer than 4,000 characters`);

/** What the page's controls may send: the moderator's commands, as the live view sends them. */
const controlSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('pause') }),
    z.strictObject({ type: z.literal('resume') }),
    z.strictObject({ type: z.literal('skip') }),
    z.strictObject({ type: z.literal('next-topic') }),
    z.strictObject({ type: z.literal('wrap-up') }),
    z.strictObject({ type: z.literal('stop') }),
    z.strictObject({ type: z.literal('interject'), text: text('text') }),
    z.strictObject({ type: z.literal('ask'), name: text('name') }),
    z.strictObject({
      type: z.literal('set-topic'),
      topic: z.union([z.int().min(1), text('topic')]),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? '"type" must be one of pause, resume, skip, next-topic, wrap-up, stop, interject, ask, set-topic'
        : undefined,
  },
);

/** The command in a control request's body, or a sentence saying what is wrong with it. */
export function parseControl(body: unknown): { command: Command } | { error: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: 'the body must be a JSON object such as {"type": "pause"}' };
  }
  const parsed = controlSchema.safeParse(body);
  if (parsed.success) return { command: parsed.data as Command };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
  return { error: `${issue?.message ?? 'not a control'}${where}` };
}
