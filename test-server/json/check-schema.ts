// Checks a response_format schema before anything is generated: every keyword the generator
// cannot honour, and every constraint that contradicts itself, is an OpenAI-style 400 naming
// the keyword and where it sits.
import { lengthOf } from './conforms.js';
import { nearest, numberRule } from './numbers.js';
import {
  boundsOf,
  FORMATS,
  isObject,
  JSON_TYPES,
  numberOf,
  type Refs,
  type Schema,
  type SchemaPath,
  showPath,
  UNSUPPORTED,
} from './schema.js';

/** What is wrong with a schema, and which keyword says so. */
export class SchemaProblem extends Error {
  override readonly name = 'SchemaProblem';
  constructor(
    readonly keyword: string,
    readonly path: SchemaPath,
    message: string,
  ) {
    super(`In context=${showPath(path)}, ${message}`);
  }
}

const SUBSCHEMA_MAPS = ['properties', '$defs', 'definitions'] as const;
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMAS = ['items', 'additionalProperties'] as const;

function nonNegativeInteger(
  schema: Readonly<Record<string, unknown>>,
  key: string,
  path: SchemaPath,
): number | undefined {
  const value = schema[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SchemaProblem(
      key,
      path,
      `'${key}' must be a non-negative integer, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function ordered(
  schema: Readonly<Record<string, unknown>>,
  path: SchemaPath,
  low: string,
  high: string,
): void {
  const a = nonNegativeInteger(schema, low, path);
  const b = nonNegativeInteger(schema, high, path);
  if (a !== undefined && b !== undefined && a > b) {
    throw new SchemaProblem(low, path, `'${low}' (${a}) is greater than '${high}' (${b}).`);
  }
}

function checkNumbers(schema: Readonly<Record<string, unknown>>, path: SchemaPath): void {
  for (const key of ['minimum', 'maximum', 'multipleOf']) {
    const value = schema[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new SchemaProblem(
        key,
        path,
        `'${key}' must be a number, got ${JSON.stringify(value)}.`,
      );
    }
  }
  const of = numberOf(schema, 'multipleOf');
  if (of !== undefined && of <= 0) {
    throw new SchemaProblem('multipleOf', path, `'multipleOf' must be greater than 0, got ${of}.`);
  }
  const { low, lowOpen, high, highOpen } = boundsOf(schema);
  if (low > high || (low === high && (lowOpen || highOpen))) {
    const keyword = lowOpen ? 'exclusiveMinimum' : 'minimum';
    throw new SchemaProblem(
      keyword,
      path,
      `no number lies between the lower bound ${low} and the upper bound ${high}.`,
    );
  }
  const rule = numberRule(schema);
  if (
    (rule.integer || of !== undefined) &&
    nearest(rule, Number.isFinite(low) ? low : Math.min(high, 0)) === undefined
  ) {
    throw new SchemaProblem(
      of === undefined ? 'type' : 'multipleOf',
      path,
      `no ${rule.integer ? 'integer' : 'number'}${of === undefined ? '' : ` that is a multiple of ${of}`} lies between ${low} and ${high}.`,
    );
  }
}

/**
 * Walks the whole schema. Throws a SchemaProblem for an unsupported keyword, a malformed one or a
 * constraint no value can meet on its own (minimum above maximum, an empty enum…).
 */
export function checkSchema(schema: Schema, refs: Refs, path: SchemaPath = []): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema))
    throw new SchemaProblem('type', path, 'a schema must be an object or a boolean.');
  for (const key of Object.keys(schema)) {
    if (UNSUPPORTED.has(key)) {
      throw new SchemaProblem(
        key,
        path,
        `'${key}' is not supported by the offline model's JSON mode.`,
      );
    }
  }
  const type = schema.type;
  if (type !== undefined) {
    const list = Array.isArray(type) ? type : [type];
    const bad = list.find((t) => !JSON_TYPES.includes(t));
    if (list.length === 0 || bad !== undefined) {
      throw new SchemaProblem(
        'type',
        path,
        `'type' must be one of ${JSON_TYPES.join(', ')}, got ${JSON.stringify(type)}.`,
      );
    }
  }
  if (schema.enum !== undefined && (!Array.isArray(schema.enum) || schema.enum.length === 0)) {
    throw new SchemaProblem('enum', path, "'enum' must be a non-empty array.");
  }
  if (schema.format !== undefined && !FORMATS.has(String(schema.format))) {
    throw new SchemaProblem(
      'format',
      path,
      `'format' ${JSON.stringify(schema.format)} is not supported (supported: ${[...FORMATS].join(', ')}).`,
    );
  }
  if (
    schema.$ref !== undefined &&
    (typeof schema.$ref !== 'string' || refs.resolve(schema.$ref) === undefined)
  ) {
    throw new SchemaProblem(
      '$ref',
      path,
      `'$ref' ${JSON.stringify(schema.$ref)} does not point into this schema.`,
    );
  }
  if (
    schema.required !== undefined &&
    (!Array.isArray(schema.required) || schema.required.some((k) => typeof k !== 'string'))
  ) {
    throw new SchemaProblem('required', path, "'required' must be an array of property names.");
  }
  checkNumbers(schema, path);
  ordered(schema, path, 'minLength', 'maxLength');
  ordered(schema, path, 'minItems', 'maxItems');
  ordered(schema, path, 'minProperties', 'maxProperties');
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  if (schema.additionalProperties === false) {
    const missing = required.find((key) => !Object.hasOwn(properties, key));
    if (missing !== undefined) {
      throw new SchemaProblem(
        'required',
        path,
        `'${missing}' is required but not among the properties, and 'additionalProperties' is false.`,
      );
    }
  }
  const maxProperties = numberOf(schema, 'maxProperties');
  if (maxProperties !== undefined && new Set(required).size > maxProperties) {
    throw new SchemaProblem(
      'maxProperties',
      path,
      `${new Set(required).size} properties are required but 'maxProperties' is ${maxProperties}.`,
    );
  }
  if (typeof schema.const === 'string') {
    const length = lengthOf(schema.const);
    if (
      length < (numberOf(schema, 'minLength') ?? 0) ||
      length > (numberOf(schema, 'maxLength') ?? Infinity)
    ) {
      throw new SchemaProblem('const', path, "'const' does not meet the string's length limits.");
    }
  }
  for (const key of SUBSCHEMA_MAPS) {
    const map = schema[key];
    if (map === undefined) continue;
    if (!isObject(map))
      throw new SchemaProblem(key, path, `'${key}' must be an object of schemas.`);
    for (const [name, sub] of Object.entries(map))
      checkSchema(sub as Schema, refs, [...path, key, name]);
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || (key !== 'prefixItems' && list.length === 0)) {
      throw new SchemaProblem(key, path, `'${key}' must be a non-empty array of schemas.`);
    }
    for (const [i, sub] of list.entries()) checkSchema(sub as Schema, refs, [...path, key, i]);
  }
  for (const key of SUBSCHEMAS) {
    if (schema[key] !== undefined) checkSchema(schema[key] as Schema, refs, [...path, key]);
  }
}
