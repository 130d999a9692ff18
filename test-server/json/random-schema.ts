// Random schemas of the supported subset, every one satisfiable by construction, for the test
// that 1,000 of them get 1,000 conforming answers.
import type { Random } from '../prng.js';

type Json = Record<string, unknown>;

export class SchemaFactory {
  private defs: Record<string, Json> = {};
  private count = 0;

  constructor(private readonly random: Random) {}

  private int(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  /** A root schema: an object most of the time, as structured outputs require. */
  root(): Json {
    this.defs = {};
    this.count = 0;
    const schema = this.object(0);
    if (this.chance(0.2)) {
      this.defs.node = {
        type: 'object',
        properties: {
          label: { type: 'string', maxLength: 30 },
          children: { type: 'array', items: { $ref: '#/$defs/node' }, maxItems: 2 },
        },
        required: ['label'],
        additionalProperties: false,
      };
      (schema.properties as Json).tree = { $ref: '#/$defs/node' };
    }
    if (Object.keys(this.defs).length > 0) schema.$defs = this.defs;
    return schema;
  }

  private name(): string {
    this.count++;
    return `${this.pick(['next', 'reason', 'position', 'confidence', 'votes', 'notes', 'score', 'title', 'items', 'flag', 'id', 'because', 'steer', 'question', 'changedMind', 'value'])}${this.count}`;
  }

  any(depth: number): Json {
    const kinds =
      depth >= 3
        ? ['string', 'number', 'integer', 'boolean', 'enum']
        : [
            'string',
            'number',
            'integer',
            'boolean',
            'enum',
            'object',
            'array',
            'array',
            'union',
            'anyOf',
            'oneOf',
            'ref',
            'const',
            'null',
          ];
    switch (this.pick(kinds)) {
      case 'string':
        return this.string();
      case 'number':
        return this.number(false);
      case 'integer':
        return this.number(true);
      case 'boolean':
        return { type: 'boolean' };
      case 'enum':
        return this.enumeration();
      case 'object':
        return this.object(depth + 1);
      case 'array':
        return this.array(depth + 1);
      case 'union':
        return { ...this.string(), type: ['string', 'null'] };
      case 'anyOf':
        return { anyOf: [this.any(depth + 1), this.any(depth + 1)] };
      case 'oneOf':
        return {
          oneOf: [this.string(), this.number(true), { type: 'boolean' }].slice(0, this.int(2, 3)),
        };
      case 'ref': {
        const name = `def${Object.keys(this.defs).length}`;
        this.defs[name] = {}; // reserved first: the definition may hold refs of its own
        this.defs[name] = this.any(depth + 1);
        return { $ref: `#/$defs/${name}` };
      }
      case 'const':
        return { const: this.pick(['yes', 42, true, null, 'continue']) };
      default:
        return { type: 'null' };
    }
  }

  private string(): Json {
    const schema: Json = { type: 'string' };
    if (this.chance(0.15)) schema.format = this.pick(['date-time', 'date', 'email', 'uri', 'uuid']);
    else {
      if (this.chance(0.4)) schema.minLength = this.int(0, 20);
      if (this.chance(0.4)) schema.maxLength = (Number(schema.minLength) || 0) + this.int(1, 80);
    }
    if (this.chance(0.2)) schema.description = 'A short answer.';
    return schema;
  }

  private number(integer: boolean): Json {
    const schema: Json = { type: integer ? 'integer' : 'number' };
    const low = this.int(-50, 50);
    if (this.chance(0.6)) schema[this.chance(0.3) ? 'exclusiveMinimum' : 'minimum'] = low;
    if (this.chance(0.6))
      schema[this.chance(0.3) ? 'exclusiveMaximum' : 'maximum'] = low + this.int(6, 100);
    if (this.chance(0.2)) schema.multipleOf = integer ? this.int(1, 3) : this.pick([0.5, 0.25, 2]);
    if (!integer && this.chance(0.3)) return { type: 'number', minimum: 0, maximum: 1 };
    return schema;
  }

  private enumeration(): Json {
    const pool = ['park', 'housing', 'tram', 'trail', 'Ann', 'Bob', 'continue', 'end', 'yes', 'no'];
    const values = [...new Set(Array.from({ length: this.int(1, 4) }, () => this.pick(pool)))];
    return this.chance(0.5) ? { type: 'string', enum: values } : { enum: values };
  }

  private array(depth: number): Json {
    const schema: Json = { type: 'array' };
    const unique = this.chance(0.3);
    if (unique) {
      const values = ['a', 'b', 'c', 'd', 'e'].slice(0, this.int(2, 5));
      schema.items = { enum: values };
      schema.uniqueItems = true;
      schema.minItems = this.int(0, values.length);
      schema.maxItems = this.int(Number(schema.minItems), values.length);
      return schema;
    }
    schema.items = this.any(depth);
    if (this.chance(0.5)) schema.minItems = this.int(0, 3);
    if (this.chance(0.5)) schema.maxItems = (Number(schema.minItems) || 0) + this.int(0, 4);
    if (this.chance(0.1)) {
      schema.prefixItems = [this.string(), this.number(true)];
      schema.minItems = 2;
      delete schema.maxItems;
    }
    return schema;
  }

  private object(depth: number): Json {
    const properties: Json = {};
    const names: string[] = [];
    for (let i = 0; i < this.int(1, depth === 0 ? 6 : 3); i++) {
      const name = this.name();
      names.push(name);
      properties[name] = this.any(depth);
    }
    const required = names.filter(() => this.chance(0.7));
    const schema: Json = { type: 'object', properties, required };
    const extra = this.random();
    if (extra < 0.6) schema.additionalProperties = false;
    else if (extra < 0.7) schema.additionalProperties = { type: 'integer', minimum: 0 };
    const bound = this.random();
    if (bound < 0.1) schema.minProperties = Math.min(required.length + 1, names.length);
    else if (bound < 0.2) schema.maxProperties = Math.max(required.length, 1);
    return schema;
  }
}
