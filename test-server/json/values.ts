// Makes a value that conforms to a schema of the supported subset, its strings, numbers and
// choices supplied by a Voice (the model speaking). Impossible demands become SchemaProblems.
import type { Random } from '../prng.js';
import { arrayValue } from './arrays.js';
import { SchemaProblem } from './check-schema.js';
import { conforms } from './conforms.js';
import { type Meaning, meaningOf } from './meaning.js';
import { allowed, type NumberRule, nearest, numberRule } from './numbers.js';
import {
  isObject,
  type JsonType,
  numberOf,
  type Refs,
  type Schema,
  type SchemaObject,
  type SchemaPath,
  typesOf,
} from './schema.js';
import { stringValue } from './strings.js';

/** A value's place in the answer: its property name, and what the object holds so far. */
export interface Field {
  readonly name: string | undefined;
  readonly meaning: Meaning;
  readonly description: string | undefined;
  readonly siblings: Readonly<Record<string, unknown>>;
}

/** Where the words and choices come from. */
export interface Voice {
  readonly random: Random;
  text(field: Field, maxLength: number): string;
  choose(values: readonly unknown[], field: Field): unknown;
  /**
   * Values in order of preference (a ranking, or distinct picks). For picks, it may leave out
   * values it would not pick now (people already placed elsewhere in the answer).
   */
  rank(values: readonly unknown[], field: Field): unknown[];
  /** The values a list of picks took, once chosen (so that later lists can avoid them). */
  took?(values: readonly unknown[], field: Field): void;
  number(field: Field, rule: NumberRule): number;
  boolean(field: Field): boolean;
  /**
   * A whole value the voice knows for this place (a record's stance groups, made from what the
   * request quotes), or undefined; used only when the schema accepts it.
   */
  known?(schema: Schema, field: Field): unknown;
}

/** Nesting allowed before a recursive schema must end. */
const MAX_DEPTH = 12;
/** From this depth on, optional parts are left out and arrays kept short, so recursion ends. */
const SHALLOW = 4;
const TRIES = 4;

function fieldOf(
  name: string | undefined,
  schema: Schema,
  siblings: Record<string, unknown>,
): Field {
  const description =
    isObject(schema) && typeof schema.description === 'string' ? schema.description : undefined;
  return { name, meaning: meaningOf(name, description), description, siblings };
}

export class ValueMaker {
  constructor(
    private readonly refs: Refs,
    private readonly voice: Voice,
  ) {}

  /** A value of the whole schema, checked against it. */
  answer(schema: Schema, name?: string): unknown {
    let last: SchemaProblem | undefined;
    for (let attempt = 0; attempt < TRIES; attempt++) {
      try {
        const value = this.make(schema, fieldOf(name, schema, {}), [], 0);
        if (conforms(value, schema, this.refs)) return value;
      } catch (error) {
        if (!(error instanceof SchemaProblem)) throw error;
        last = error;
      }
    }
    throw (
      last ?? new SchemaProblem('schema', [], 'no value was found that meets every constraint.')
    );
  }

  private make(schema: Schema, field: Field, path: SchemaPath, depth: number): unknown {
    if (schema === true) return this.voice.text(field, 200);
    if (schema === false)
      throw new SchemaProblem('false', path, 'the schema allows no value here.');
    if (depth > MAX_DEPTH)
      throw new SchemaProblem('$ref', path, 'the schema nests without an end.');
    const known = this.voice.known?.(schema, field);
    if (known !== undefined && conforms(known, schema, this.refs)) return known;
    if (Array.isArray(schema.enum)) return this.fromEnum(schema, field, path);
    if ('const' in schema) {
      if (conforms(schema.const, schema, this.refs)) return schema.const;
      throw new SchemaProblem(
        'const',
        path,
        "'const' does not meet the schema's other constraints.",
      );
    }
    if (
      typeof schema.$ref === 'string' ||
      Array.isArray(schema.anyOf) ||
      Array.isArray(schema.oneOf)
    ) {
      return this.fromBranches(schema, field, path, depth);
    }
    return this.ofType(schema, this.pickType(schema, path, depth), field, path, depth);
  }

  private fromEnum(schema: SchemaObject, field: Field, path: SchemaPath): unknown {
    const fitting = (schema.enum as unknown[]).filter((value) =>
      conforms(value, schema, this.refs),
    );
    if (fitting.length === 0) {
      throw new SchemaProblem(
        'enum',
        path,
        "no value of 'enum' meets the schema's other constraints.",
      );
    }
    return this.voice.choose(fitting, field);
  }

  /** $ref, anyOf, oneOf: a branch's value that the whole schema (siblings too) accepts. */
  private fromBranches(
    schema: SchemaObject,
    field: Field,
    path: SchemaPath,
    depth: number,
  ): unknown {
    const { $ref, anyOf, oneOf, ...rest } = schema;
    const branches: { schema: Schema; path: SchemaPath; keyword: string }[] = [];
    if (typeof $ref === 'string') {
      const target = this.refs.resolve($ref);
      if (target !== undefined)
        branches.push({ schema: target, path: [...path, '$ref'], keyword: '$ref' });
    }
    for (const [keyword, list] of [
      ['anyOf', anyOf],
      ['oneOf', oneOf],
    ] as const) {
      if (!Array.isArray(list)) continue;
      const options = list.map((branch, i) => ({
        schema: branch as Schema,
        path: [...path, keyword, i],
        keyword,
      }));
      // Deep in a recursive schema, try the branches that do not recurse first.
      const ordered = [...options].sort(() => this.voice.random() - 0.5);
      if (depth >= SHALLOW)
        ordered.sort((a, b) => Number(refersOn(a.schema)) - Number(refersOn(b.schema)));
      branches.push(...ordered);
    }
    const combined = (branch: Schema): Schema =>
      isObject(branch) && typeof $ref !== 'string' ? { ...rest, ...branch } : branch;
    let problem: SchemaProblem | undefined;
    for (const branch of typeof $ref === 'string' ? branches.slice(0, 1) : branches) {
      try {
        const value = this.make(combined(branch.schema), field, branch.path, depth + 1);
        if (conforms(value, schema, this.refs)) return value;
      } catch (error) {
        if (!(error instanceof SchemaProblem)) throw error;
        problem = error;
      }
    }
    const keyword = typeof $ref === 'string' ? '$ref' : Array.isArray(oneOf) ? 'oneOf' : 'anyOf';
    throw problem ?? new SchemaProblem(keyword, path, `no branch of '${keyword}' can be met here.`);
  }

  private pickType(schema: SchemaObject, path: SchemaPath, depth: number): JsonType {
    const types = typesOf(schema);
    if (types.length === 0) throw new SchemaProblem('type', path, "'type' allows nothing.");
    const concrete = types.filter((type) => type !== 'null');
    if (concrete.length === 0) return 'null';
    if (types.includes('null') && (depth >= SHALLOW || this.voice.random() < 0.1)) return 'null';
    if (schema.type === undefined) {
      // No type named: pick the one its keywords describe, else text.
      if (schema.properties !== undefined) return 'object';
      if (schema.items !== undefined) return 'array';
      if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
      return 'string';
    }
    return concrete[Math.floor(this.voice.random() * concrete.length)] ?? 'string';
  }

  private ofType(
    schema: SchemaObject,
    type: JsonType,
    field: Field,
    path: SchemaPath,
    depth: number,
  ): unknown {
    switch (type) {
      case 'null':
        return null;
      case 'boolean':
        return this.voice.boolean(field);
      case 'number':
      case 'integer': {
        const rule = {
          ...numberRule(schema),
          integer: type === 'integer' || numberRule(schema).integer,
        };
        const value = nearest(rule, this.voice.number(field, rule));
        if (value === undefined)
          throw new SchemaProblem('minimum', path, 'no number meets the bounds.');
        // A person says 0.74, not 0.7429798996937462.
        const round = Math.round(value * 100) / 100;
        return rule.integer || !allowed(rule, round) ? value : round;
      }
      case 'string':
        return stringValue(schema, field, path, this.voice);
      case 'array':
        return arrayValue(schema, field, path, {
          voice: this.voice,
          refs: this.refs,
          deep: depth >= SHALLOW,
          item: (item, itemField, itemPath) => this.make(item, itemField, itemPath, depth + 1),
        });
      case 'object':
        return this.object(schema, path, depth);
    }
  }

  private object(schema: SchemaObject, path: SchemaPath, depth: number): Record<string, unknown> {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const extra = (schema.additionalProperties as Schema | undefined) ?? true;
    const min = numberOf(schema, 'minProperties') ?? 0;
    const max = numberOf(schema, 'maxProperties') ?? Number.POSITIVE_INFINITY;
    const keys: string[] = [];
    for (const key of Object.keys(properties)) {
      if (required.has(key)) keys.push(key);
      else if (depth < SHALLOW && properties[key] !== false && this.voice.random() < 0.6)
        keys.push(key);
    }
    for (const key of required) if (!keys.includes(key)) keys.push(key);
    const optional = Object.keys(properties).filter(
      (key) => !keys.includes(key) && properties[key] !== false,
    );
    while (keys.length < min && optional.length > 0) keys.push(optional.shift() as string);
    let extras = 0;
    while (keys.length < min && extra !== false) keys.push(`note_${++extras}`);
    if (keys.length < min) {
      throw new SchemaProblem(
        'minProperties',
        path,
        `'minProperties' (${min}) asks for more properties than the schema allows.`,
      );
    }
    while (keys.length > max) {
      const drop = [...keys].reverse().find((key) => !required.has(key));
      if (drop === undefined) break;
      keys.splice(keys.indexOf(drop), 1);
    }
    const value: Record<string, unknown> = {};
    for (const key of keys) {
      const own = Object.hasOwn(properties, key);
      const sub = own ? (properties[key] as Schema) : extra;
      if (sub === false) {
        throw new SchemaProblem(
          'required',
          [...path, 'properties', key],
          `'${key}' is required but its schema allows no value.`,
        );
      }
      value[key] = this.make(
        sub,
        fieldOf(key, sub, value),
        [...path, own ? 'properties' : 'additionalProperties', key],
        depth + 1,
      );
    }
    return value;
  }
}

/** Whether a schema refers on (a $ref anywhere in it): deep down, such branches go last. */
function refersOn(schema: Schema): boolean {
  return JSON.stringify(schema).includes('"$ref"');
}
