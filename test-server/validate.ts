import type { z } from 'zod';
import { fromIssue, invalidRequest } from './api-error.js';
import {
  type ChatRequest,
  chatRequestSchema,
  type completionRequestSchema,
  MAX_TOKENS_LIMIT,
} from './schemas.js';

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
export function consistent<Body extends z.infer<ReturnType<typeof completionRequestSchema>>>(
  body: Body,
): Body {
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

const ROLES: ReadonlySet<unknown> = new Set([
  'system',
  'developer',
  'user',
  'assistant',
  'tool',
  'function',
]);

/** A field of the plain chat layout, and whether a value of it is surely valid. */
const PLAIN_FIELDS: ReadonlyMap<string, (value: unknown) => boolean> = new Map([
  ['model', (value) => typeof value === 'string' && value !== ''],
  ['messages', (value) => Array.isArray(value) && value.length > 0 && plainMessages(value)],
  ['stream', (value) => typeof value === 'boolean' || value === null],
  ['temperature', (value) => value === null || between(value, 0, 2)],
  ['top_p', (value) => value === null || between(value, 0, 1)],
  [
    'max_tokens',
    (value) =>
      value === null || (Number.isSafeInteger(value) && between(value, 1, MAX_TOKENS_LIMIT)),
  ],
  ['seed', (value) => value === null || Number.isSafeInteger(value)],
]);

function between(value: unknown, low: number, high: number): boolean {
  return typeof value === 'number' && value >= low && value <= high;
}

/** `{role, content}` (and a `name`), content a string: what roundtable sends. */
function plainMessage(message: unknown): boolean {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return false;
  for (const key in message)
    if (key !== 'role' && key !== 'content' && key !== 'name') return false;
  const { role, content, name } = message as Record<string, unknown>;
  return (
    ROLES.has(role) &&
    typeof content === 'string' &&
    (name === undefined || typeof name === 'string')
  );
}

/**
 * The frozen first messages of message lists lately found plain (see plainMessages), the newest
 * last: a few (a table's seats take turns), copied (a caller may change its array later), their
 * messages mostly the body memo's and the request memo's too.
 */
const plainLists: (readonly unknown[])[] = [];
const PLAIN_LISTS = 8;

/**
 * Every message plain. A conversation's next request repeats the last one's messages, and a
 * server's body memo hands them back as the same frozen objects (JsonBodyMemo): a frozen message
 * found plain before is plain still, so only the messages after the longest such run are
 * checked, where every request checked its hundred messages' keys again.
 */
function plainMessages(messages: readonly unknown[]): boolean {
  let known = 0;
  let found = -1;
  for (let at = 0; at < plainLists.length; at++) {
    const list = plainLists[at] as readonly unknown[];
    if (list[0] !== messages[0]) continue;
    let same = 0;
    const up = Math.min(list.length, messages.length);
    while (same < up && messages[same] === list[same]) same++;
    if (same > known) {
      known = same;
      found = at;
    }
  }
  for (let i = known; i < messages.length; i++) if (!plainMessage(messages[i])) return false;
  let frozen = known;
  while (frozen < messages.length && Object.isFrozen(messages[frozen])) frozen++;
  if (frozen > known) {
    // In place of the list it carried on from (a seat's conversation, a step on).
    if (found >= 0) plainLists.splice(found, 1);
    else if (plainLists.length >= PLAIN_LISTS) plainLists.shift();
    plainLists.push(messages.slice(0, frozen));
  }
  return true;
}

/**
 * A chat body checked against its schema. One in the plain layout roundtable and most clients
 * send (the fields above, each surely valid, messages of a role and a string) is taken as it
 * is: zod would only copy it (a hundred message objects a long discussion's request). Anything
 * else, valid or not, is zod's to judge, so every 400 is worded as before.
 */
export function validateChat(body: unknown): ChatRequest {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    let plain = Object.getPrototypeOf(body) === Object.prototype;
    for (const key in body) {
      const check = PLAIN_FIELDS.get(key);
      if (check === undefined || !check((body as Record<string, unknown>)[key])) {
        plain = false;
        break;
      }
    }
    if (plain && 'model' in body && 'messages' in body) return body as ChatRequest;
  }
  return validate(chatRequestSchema(), body);
}
