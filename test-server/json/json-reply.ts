// Structured answers: `response_format` {type: "json_object"} or {type: "json_schema"}. The
// schema is checked first (a 400 names what cannot be met), then a conforming value is made
// by the model's voice; a json_object request follows the JSON example its prompt shows.
import { type ApiError, invalidRequest } from '../api-error.js';
import type { Prepared } from '../model/prepare.js';
import type { ReplyText } from '../model/turn.js';
import type { Voicing } from '../model/voicing.js';
import type { Random } from '../prng.js';
import { checkSchema, SchemaProblem } from './check-schema.js';
import { isObject, Refs, type Schema } from './schema.js';
import { ValueMaker } from './values.js';
import { ModelVoice } from './voice.js';

/** What a request asked for, once its response_format is read and its schema checked. */
export interface JsonFormat {
  readonly name: string;
  /** Undefined for json_object: the prompt's own example decides the shape. */
  readonly schema: Schema | undefined;
}

function schemaError(name: string, problem: SchemaProblem): ApiError {
  return invalidRequest(
    `Invalid schema for response_format '${name}': ${problem.message} (keyword '${problem.keyword}')`,
    'response_format',
    'invalid_json_schema',
  );
}

/** Reads a validated response_format; undefined for text. Throws a 400 for a schema it cannot meet. */
export function jsonFormatOf(
  format:
    | { type: string; json_schema?: { name: string; schema?: unknown } | undefined }
    | null
    | undefined,
): JsonFormat | undefined {
  if (format === undefined || format === null || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { name: 'json_object', schema: undefined };
  const spec = format.json_schema;
  const name = spec?.name ?? 'response';
  const schema = (spec?.schema ?? { type: 'object' }) as Schema;
  try {
    checkSchema(schema, new Refs(schema));
  } catch (error) {
    if (error instanceof SchemaProblem) throw schemaError(name, error);
    throw error;
  }
  return { name, schema };
}

/** Placeholders and loose syntax in a prompt's example ("<name>", 'a', unquoted keys). */
function relaxed(text: string): string {
  return text
    .replace(/<[^<>\n]*>/g, '"x"')
    .replace(/'([^'\n]*)'/g, '"$1"')
    .replace(/([{,]\s*)([A-Za-z_][\w-]*)(\??)\s*:/g, '$1"$2$3":')
    .replace(/,\s*([}\]])/g, '$1');
}

/** The first JSON object shown in `text`, if any. */
function exampleIn(text: string): Record<string, unknown> | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    for (let end = start; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) {
        const candidate = text.slice(start, end + 1);
        for (const attempt of [candidate, relaxed(candidate)]) {
          try {
            const value: unknown = JSON.parse(attempt);
            if (isObject(value) && Object.keys(value).length > 0)
              return value as Record<string, unknown>;
          } catch {
            // Not JSON: try the relaxed reading, then the next brace.
          }
        }
        break;
      }
    }
  }
  return undefined;
}

/** A schema shaped like an example value; keys ending in `?` are optional. */
function schemaLike(value: unknown): Schema {
  if (Array.isArray(value))
    return { type: 'array', items: schemaLike(value[0] ?? 'x'), maxItems: 4 };
  if (isObject(value)) {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      const optional = key.endsWith('?');
      const name = optional ? key.slice(0, -1) : key;
      properties[name] = schemaLike(item);
      if (!optional) required.push(name);
    }
    return { type: 'object', properties, required, additionalProperties: false };
  }
  if (typeof value === 'number') {
    return value >= 0 && value <= 1
      ? { type: 'number', minimum: 0, maximum: 1 }
      : { type: Number.isInteger(value) ? 'integer' : 'number' };
  }
  if (typeof value === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}

/** The shape a json_object answer takes: the example its prompt shows, else {"answer": …}. */
function promptSchema(prepared: Prepared): Schema {
  const texts = [
    prepared.read.ask,
    ...[...prepared.read.units].reverse().map((unit) => unit.text),
    ...prepared.read.systemTexts,
  ];
  for (const text of texts) {
    const example = text === undefined ? undefined : exampleIn(text);
    if (example !== undefined) return schemaLike(example);
  }
  return {
    type: 'object',
    properties: { answer: { type: 'string' } },
    required: ['answer'],
    additionalProperties: false,
  };
}

/** Broken on purpose (the bad_json knob): cut off partway, as a model that ran out of tokens. */
function broken(json: string, random: Random): string {
  const cut = Math.max(1, Math.floor(json.length * (0.3 + random() * 0.5)));
  return json.slice(0, cut);
}

export function composeJson(prepared: Prepared, voicing: Voicing, format: JsonFormat): ReplyText {
  const { knobs, random } = voicing;
  const schema = format.schema ?? promptSchema(prepared);
  const voice = new ModelVoice(prepared, voicing);
  let value: unknown;
  try {
    value = new ValueMaker(new Refs(schema), voice).answer(schema);
  } catch (error) {
    if (error instanceof SchemaProblem) throw schemaError(format.name, error);
    throw error;
  }
  const json = JSON.stringify(value);
  const text = knobs.badJson > 0 && random() < knobs.badJson ? broken(json, random) : json;
  return { text, more: undefined, runsOn: false };
}
