import type { z } from 'zod';
import { fromIssue, invalidRequest } from './api-error.js';
import type { completionRequestSchema } from './schemas.js';

/** The body checked against a route's schema; the first problem becomes OpenAI's 400. */
export function validate<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  if (body === undefined) {
    throw invalidRequest(
      'The request body is empty: send a JSON object with at least a model.',
      null,
      'missing_body',
    );
  }
  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw issue === undefined
      ? invalidRequest('Invalid request body.', null, null)
      : fromIssue(issue);
  }
  return result.data;
}

/** Options that are valid alone but contradict each other, refused as OpenAI refuses them. */
export function consistent<Body extends z.infer<typeof completionRequestSchema>>(body: Body): Body {
  if (body.stream_options !== undefined && body.stream_options !== null && body.stream !== true) {
    throw invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
      'invalid_value',
    );
  }
  const bestOf = (body as { best_of?: unknown }).best_of;
  if (typeof bestOf === 'number' && bestOf < (body.n ?? 1)) {
    throw invalidRequest(
      `Invalid 'best_of': it must be at least 'n' (${body.n}), but got ${bestOf}.`,
      'best_of',
      'invalid_value',
    );
  }
  return body;
}
