// The smallest answer a JSON Schema accepts, with its strings filled in: what a dry run hands back
// for a structured request, so the engine takes it as valid and asks no repair.

type Schema = Readonly<Record<string, unknown>>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An instance of `schema`: objects with their required properties (all of them when none are
 * listed), arrays with `minItems` items (at least one), the first of an enum or a const, the
 * minimum of a number, and strings from `text` (which says how long they may be).
 */
export function schemaInstance(
  schema: unknown,
  text: (maxLength: number | undefined) => string,
  root: unknown = schema,
): unknown {
  if (!isSchema(schema)) return null;
  if (typeof schema.$ref === 'string')
    return schemaInstance(resolve(root, schema.$ref), text, root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0] ?? null;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const usable = options.find((o) => isSchema(o) && o.type !== 'null') ?? options[0];
      return schemaInstance(usable, text, root);
    }
  }
  const type = Array.isArray(schema.type)
    ? (schema.type.find((t) => t !== 'null') ?? schema.type[0])
    : schema.type;
  switch (type) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required)
        ? schema.required.filter((k): k is string => typeof k === 'string')
        : Object.keys(properties);
      return Object.fromEntries(
        required.map((k) => [k, schemaInstance(properties[k], text, root)]),
      );
    }
    case 'array': {
      const count = Math.max(1, typeof schema.minItems === 'number' ? schema.minItems : 1);
      return Array.from({ length: count }, () => schemaInstance(schema.items, text, root));
    }
    case 'string':
      return text(typeof schema.maxLength === 'number' ? schema.maxLength : undefined);
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = isSchema(node) ? node[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  return node;
}
