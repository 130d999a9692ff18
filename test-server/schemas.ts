import { z } from 'zod';

// Validated like OpenAI does: the fields the dummy uses are checked for type and range, every
// other field a client may send (tools, logprobs, user, ...) is accepted and ignored.

const contentPart = z.object({ type: z.string(), text: z.string().optional() }).loose();

const message = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    // Assistant messages that carry tool calls may have no content.
    content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
    name: z.string().optional(),
  })
  .loose();

/** A reply that long takes seconds even at full speed; more is a typo or an attack. */
export const MAX_TOKENS_LIMIT = 1_000_000;

const common = {
  model: z.string().min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).loose().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.int().min(1).max(MAX_TOKENS_LIMIT).nullish(),
  n: z.int().min(1).max(8).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  /** vLLM's extension: ignore the natural end and write until max_tokens (for load tests). */
  ignore_eos: z.boolean().nullish(),
};

/** OpenAI's structured outputs; the schema itself is checked by json/check-schema.ts. */
const responseFormat = z
  .object({
    type: z.enum(['text', 'json_object', 'json_schema']),
    json_schema: z
      .object({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
          error: 'must be 1 to 64 letters, digits, underscores or dashes',
        }),
        schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]).optional(),
        strict: z.boolean().nullish(),
        description: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose()
  .superRefine((format, context) => {
    if (format.type === 'json_schema' && format.json_schema === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['json_schema'],
        input: undefined,
        message: 'required',
      });
    }
  });

export const chatRequestSchema = z
  .object({
    ...common,
    messages: z.array(message).min(1),
    response_format: responseFormat.nullish(),
    max_completion_tokens: z.int().min(1).max(MAX_TOKENS_LIMIT).nullish(),
  })
  .loose();

export const completionRequestSchema = z
  .object({
    ...common,
    prompt: z
      .union([z.string(), z.array(z.string()), z.array(z.int()), z.array(z.array(z.int()))])
      .nullish(),
  })
  .loose();

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type CompletionRequest = z.infer<typeof completionRequestSchema>;
export type ChatMessageInput = z.infer<typeof message>;

/** The text a message carries: its string content, or its text parts joined. */
export function messageText(input: ChatMessageInput): string {
  const { content } = input;
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  let text = '';
  for (const part of content)
    if (typeof part.text === 'string') text += `${text === '' ? '' : '\n'}${part.text}`;
  return text;
}
