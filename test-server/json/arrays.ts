// Lists a schema allows: within minItems and maxItems, distinct where uniqueItems asks; a list of
// choices (an enum) is made as the voice's ranking of them.
import { SchemaProblem } from './check-schema.js';
import { conforms, sameJson } from './conforms.js';
import {
  isObject,
  numberOf,
  type Refs,
  type Schema,
  type SchemaObject,
  type SchemaPath,
} from './schema.js';
import type { Field, Voice } from './values.js';

/** What making a list needs from the value maker. */
export interface ListMaking {
  readonly voice: Voice;
  readonly refs: Refs;
  /** Deep in the value: the list is kept as short as the schema allows, so recursion ends. */
  readonly deep: boolean;
  /** One item, made a level deeper. */
  item(schema: Schema, field: Field, path: SchemaPath): unknown;
}

/** A list the schema allows: a ranking where its items are choices, else items made one by one. */
export function arrayValue(
  schema: SchemaObject,
  field: Field,
  path: SchemaPath,
  making: ListMaking,
): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
  // With prefixItems and no items, extra items would be allowed; none are made.
  const items = (schema.items as Schema | undefined) ?? prefix.length === 0;
  const min = numberOf(schema, 'minItems') ?? 0;
  const max = numberOf(schema, 'maxItems') ?? Number.POSITIVE_INFINITY;
  const unique = schema.uniqueItems === true;
  const cap = items === false ? prefix.length : Number.POSITIVE_INFINITY;
  const longest = Math.min(max, cap, Math.max(min, making.deep ? min : min + 3));
  if (min > Math.min(max, cap)) {
    throw new SchemaProblem(
      'minItems',
      path,
      `'minItems' (${min}) asks for more items than the schema allows.`,
    );
  }
  const length = min + Math.floor(making.voice.random() * (longest - min + 1));
  const itemField: Field = {
    ...field,
    meaning: field.meaning === 'ranking' ? 'position' : field.meaning,
  };
  // A list of choices (an enum) is best made as a ranking: distinct, in order of preference.
  if (isObject(items) && Array.isArray(items.enum) && prefix.length === 0) {
    const fitting = (items.enum as unknown[]).filter((value) =>
      conforms(value, items, making.refs),
    );
    let ranked = making.voice.rank(fitting, field);
    if (ranked.length < Math.min(min, fitting.length)) ranked = fitting;
    // A value twice in a list of choices says nothing more; repeats only where minItems
    // asks for more items than there are values.
    const pool = [...ranked];
    while (!unique && pool.length < min && ranked.length > 0) pool.push(...ranked);
    if (pool.length < min) {
      throw new SchemaProblem(
        'uniqueItems',
        path,
        `only ${pool.length} distinct values exist but 'minItems' is ${min}.`,
      );
    }
    // A list of choices names at least one, where the schema allows one; a ranking names them
    // all, as a person asked to rank does.
    const drawn = field.meaning === 'ranking' ? Math.min(max, cap, pool.length) : length;
    const wanted = Math.max(min, Math.min(drawn, pool.length), max >= 1 && cap >= 1 ? 1 : 0);
    const chosen = pool.slice(0, Math.min(wanted, pool.length));
    making.voice.took?.(chosen, field);
    return chosen;
  }
  const out: unknown[] = [];
  for (let i = 0; out.length < length && i < length * 4 + 8; i++) {
    const index = out.length;
    const itemSchema = index < prefix.length ? (prefix[index] as Schema) : items;
    const value = making.item(itemSchema, itemField, [
      ...path,
      index < prefix.length ? 'prefixItems' : 'items',
    ]);
    if (unique && out.some((other) => sameJson(other, value))) continue;
    out.push(value);
  }
  if (out.length < min) {
    throw new SchemaProblem('uniqueItems', path, `could not find ${min} distinct items.`);
  }
  return out;
}
