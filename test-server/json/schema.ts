// The JSON Schema subset structured answers support, and how to read it: type (one or a list),
// properties, required, additionalProperties, minProperties/maxProperties, items, prefixItems,
// minItems/maxItems, uniqueItems, enum, const, minimum/maximum, exclusiveMinimum/Maximum
// (numbers, or draft-4 booleans), multipleOf, minLength/maxLength, format, anyOf, oneOf, $ref
// into $defs/definitions, and the annotations (title, description, default, examples, …).

export type Schema = boolean | SchemaObject;
export type SchemaObject = Readonly<Record<string, unknown>>;

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
export const JSON_TYPES: readonly JsonType[] = [
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'null',
];

/** Validation keywords of JSON Schema this generator cannot honour: a 400 names them. */
export const UNSUPPORTED: ReadonlySet<string> = new Set([
  'pattern',
  'patternProperties',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'not',
  'if',
  'then',
  'else',
  'allOf',
  'contains',
  'minContains',
  'maxContains',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
  '$dynamicRef',
  '$recursiveRef',
  'contentSchema',
]);

export const FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'date',
  'time',
  'email',
  'uri',
  'uuid',
  'hostname',
  'ipv4',
]);

export function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The types a schema allows (all when it names none). */
export function typesOf(schema: SchemaObject): JsonType[] {
  const type = schema.type;
  if (type === undefined) {
    if (schema.properties !== undefined || schema.required !== undefined) return ['object'];
    if (schema.items !== undefined || schema.prefixItems !== undefined) return ['array'];
    return [...JSON_TYPES];
  }
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is JsonType => JSON_TYPES.includes(t as JsonType));
}

export function numberOf(schema: SchemaObject, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The numeric bounds of a schema, draft-4 boolean exclusives read as draft-6 numbers. */
export interface Bounds {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

export function boundsOf(schema: SchemaObject): Bounds {
  let low = numberOf(schema, 'minimum') ?? Number.NEGATIVE_INFINITY;
  let high = numberOf(schema, 'maximum') ?? Number.POSITIVE_INFINITY;
  let lowOpen = schema.exclusiveMinimum === true;
  let highOpen = schema.exclusiveMaximum === true;
  const exclusiveLow = numberOf(schema, 'exclusiveMinimum');
  const exclusiveHigh = numberOf(schema, 'exclusiveMaximum');
  if (exclusiveLow !== undefined && exclusiveLow >= low) {
    low = exclusiveLow;
    lowOpen = true;
  }
  if (exclusiveHigh !== undefined && exclusiveHigh <= high) {
    high = exclusiveHigh;
    highOpen = true;
  }
  return { low, lowOpen, high, highOpen };
}

/** Where a problem sits in the schema, as OpenAI's messages show it: ('properties', 'x'). */
export type SchemaPath = readonly (string | number)[];

export function showPath(path: SchemaPath): string {
  return `(${path.map((part) => `'${part}'`).join(', ')})`;
}

/** Resolves `$ref`s within the root schema ("#", "#/$defs/x", "#/definitions/x", JSON pointers). */
export class Refs {
  constructor(readonly root: Schema) {}

  resolve(ref: string): Schema | undefined {
    if (ref === '#') return this.root;
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = this.root;
    for (const raw of ref.slice(2).split('/')) {
      const part = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      if (Array.isArray(node)) node = node[Number(part)];
      else if (isObject(node)) node = node[part];
      else return undefined;
    }
    return typeof node === 'boolean' || isObject(node) ? node : undefined;
  }
}
