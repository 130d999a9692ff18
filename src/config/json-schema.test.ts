import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from './endpoint-presets.js';
import { exampleTableDir } from './example-table.js';
import { CONFIG_SCHEMA_PATH, configJsonSchema, configJsonSchemaText } from './json-schema.js';
import { SETTING_DEFAULTS, SETTING_KEYS } from './settings.js';

describe('the JSON Schema of roundtable.config.json', () => {
  it('is committed up to date (regenerate: npx tsx scripts/generate-schema.ts)', async () => {
    const committed = await readFile(join(exampleTableDir(), CONFIG_SCHEMA_PATH), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
  });

  it('lists every setting with its description and default, the endpoints, the prices, the phases, the moderator, and nothing else', () => {
    const schema = configJsonSchema() as {
      properties: Record<string, { description?: string; default?: unknown }>;
      additionalProperties: boolean;
      required?: string[];
    };
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['$schema', 'endpoints', 'prices', 'phases', 'moderator', ...SETTING_KEYS].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
    for (const key of SETTING_KEYS) {
      expect(schema.properties[key]?.description).toMatch(/ROUNDTABLE_/);
      expect(schema.properties[key]?.default).toEqual(
        (SETTING_DEFAULTS as Record<string, unknown>)[key],
      );
    }
  });

  it('offers the presets by name under endpoints, each entry closed to unknown fields', () => {
    const schema = configJsonSchema() as {
      properties: {
        endpoints: { properties: Record<string, unknown>; additionalProperties: unknown };
      };
      definitions: {
        endpoint: { properties: Record<string, unknown>; additionalProperties: boolean };
      };
    };
    const { endpoints } = schema.properties;
    expect(Object.keys(endpoints.properties)).toEqual(PRESET_NAMES);
    expect(endpoints.additionalProperties).toEqual({ $ref: '#/definitions/endpoint' });
    expect(schema.definitions.endpoint.additionalProperties).toBe(false);
    expect(Object.keys(schema.definitions.endpoint.properties)).not.toContain('apiKey');
    expect(Object.keys(schema.definitions.endpoint.properties)).toContain('apiKeyEnv');
  });
});
