// Whether a value conforms to a schema of the supported subset (see schema.ts): what the
// generator uses to check itself, to pick an enum value that fits, and to honour oneOf.
import {
  boundsOf,
  isObject,
  type JsonType,
  numberOf,
  type Refs,
  type Schema,
  typesOf,
} from './schema.js';

function typeOfValue(value: unknown): JsonType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

/** JSON equality, as enum, const and uniqueItems compare. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]))
  );
}

const FORMAT_TESTS: Readonly<Record<string, RegExp>> = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  hostname: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
};

/** String length as JSON Schema counts it: in code points. */
export function lengthOf(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

export function isMultiple(value: number, of: number): boolean {
  const ratio = value / of;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function numberFits(value: number, schema: Readonly<Record<string, unknown>>): boolean {
  const { low, lowOpen, high, highOpen } = boundsOf(schema);
  if (lowOpen ? value <= low : value < low) return false;
  if (highOpen ? value >= high : value > high) return false;
  const of = numberOf(schema, 'multipleOf');
  return of === undefined || isMultiple(value, of);
}

export function conforms(value: unknown, schema: Schema, refs: Refs, depth = 0): boolean {
  if (schema === true) return true;
  if (schema === false || depth > 64) return false;
  if (typeof schema.$ref === 'string') {
    const target = refs.resolve(schema.$ref);
    if (target === undefined || !conforms(value, target, refs, depth + 1)) return false;
  }
  const type = typeOfValue(value);
  if (type === undefined) return false;
  const types = typesOf(schema);
  if (
    schema.type !== undefined &&
    !types.includes(type) &&
    !(type === 'integer' && types.includes('number'))
  )
    return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => sameJson(option, value)))
    return false;
  if ('const' in schema && !sameJson(schema.const, value)) return false;
  if (
    Array.isArray(schema.anyOf) &&
    !schema.anyOf.some((branch) => conforms(value, branch as Schema, refs, depth + 1))
  )
    return false;
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.filter((branch) =>
      conforms(value, branch as Schema, refs, depth + 1),
    );
    if (matching.length !== 1) return false;
  }
  if (typeof value === 'number') return numberFits(value, schema);
  if (typeof value === 'string') {
    const length = lengthOf(value);
    if (length < (numberOf(schema, 'minLength') ?? 0)) return false;
    if (length > (numberOf(schema, 'maxLength') ?? Number.POSITIVE_INFINITY)) return false;
    const format = typeof schema.format === 'string' ? FORMAT_TESTS[schema.format] : undefined;
    return format === undefined || format.test(value);
  }
  if (Array.isArray(value)) {
    if (value.length < (numberOf(schema, 'minItems') ?? 0)) return false;
    if (value.length > (numberOf(schema, 'maxItems') ?? Number.POSITIVE_INFINITY)) return false;
    if (schema.uniqueItems === true) {
      for (let i = 0; i < value.length; i++) {
        for (let j = i + 1; j < value.length; j++) if (sameJson(value[i], value[j])) return false;
      }
    }
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
    return value.every((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : (schema.items as Schema | undefined);
      return itemSchema === undefined || conforms(item, itemSchema, refs, depth + 1);
    });
  }
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    if (required.some((key) => !Object.hasOwn(value, key))) return false;
    const count = Object.keys(value).length;
    if (count < (numberOf(schema, 'minProperties') ?? 0)) return false;
    if (count > (numberOf(schema, 'maxProperties') ?? Number.POSITIVE_INFINITY)) return false;
    for (const [key, item] of Object.entries(value)) {
      const itemSchema = Object.hasOwn(properties, key)
        ? (properties[key] as Schema)
        : ((schema.additionalProperties as Schema | undefined) ?? true);
      if (!conforms(item, itemSchema, refs, depth + 1)) return false;
    }
  }
  return true;
}
