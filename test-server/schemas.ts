import { z } from 'zod';

// Validated like OpenAI does: the fields the dummy uses are checked for type and range, every
// other field a client may send (tools, logprobs, user, ...) is accepted and ignored.

/** A reply that long takes seconds even at full speed; more is a typo or an attack. */
export const MAX_TOKENS_LIMIT = 1_000_000;

/**
 * The request schemas, built on the first request (not at import): the offline model in a
 * discussion's own process imports this module for messageText and validates no request, so it
 * builds none (and loads no zod: scripts/build.ts).
 */
function buildRequestSchemas() {
  const contentPart = z.object({ type: z.string(), text: z.string().optional() }).loose();

  const message = z
    .object({
      role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
      // Assistant messages that carry tool calls may have no content.
      content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
      name: z.string().optional(),
    })
    .loose();

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

  // OpenAI's structured outputs; the schema itself is checked by json/check-schema.ts.
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

  const chat = z
    .object({
      ...common,
      messages: z.array(message).min(1),
      response_format: responseFormat.nullish(),
      max_completion_tokens: z.int().min(1).max(MAX_TOKENS_LIMIT).nullish(),
    })
    .loose();

  const completion = z
    .object({
      ...common,
      prompt: z
        .union([z.string(), z.array(z.string()), z.array(z.int()), z.array(z.array(z.int()))])
        .nullish(),
    })
    .loose();
  return { message, chat, completion };
}

let requestSchemas: ReturnType<typeof buildRequestSchemas> | undefined;
function built(): ReturnType<typeof buildRequestSchemas> {
  requestSchemas ??= buildRequestSchemas();
  return requestSchemas;
}
export const chatRequestSchema = () => built().chat;
export const completionRequestSchema = () => built().completion;

export type ChatRequest = z.infer<ReturnType<typeof chatRequestSchema>>;
export type CompletionRequest = z.infer<ReturnType<typeof completionRequestSchema>>;
export type ChatMessageInput = z.infer<ReturnType<typeof buildRequestSchemas>['message']>;

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
