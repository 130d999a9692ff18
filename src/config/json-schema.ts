import { z } from 'zod';
import { configFileSchema } from './config-file.js';

export const CONFIG_SCHEMA_PATH = 'schema/roundtable.config.schema.json';

/**
 * The JSON Schema of roundtable.config.json, as committed. Draft-07 because that is what editors
 * complete best; `io: 'input'` so optional settings are not listed as required.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configFileSchema(), { target: 'draft-07', io: 'input' }) as Record<
    string,
    unknown
  >;
}

/** The file's exact text: two-space JSON with a trailing newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
