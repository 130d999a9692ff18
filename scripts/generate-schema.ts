// Writes schema/roundtable.config.schema.json from the zod schema of roundtable.config.json, and
// schema/outcome.schema.json from the decision record's.
// Run: npx tsx scripts/generate-schema.ts   (a test fails while the committed file is stale)
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exampleTableDir } from '../src/config/example-table.js';
import { CONFIG_SCHEMA_PATH, configJsonSchemaText } from '../src/config/json-schema.js';
import { OUTCOME_SCHEMA_PATH, outcomeJsonSchemaText } from '../src/outcome/record-schema.js';

const target = join(exampleTableDir(), CONFIG_SCHEMA_PATH);
await writeFile(target, configJsonSchemaText());
process.stdout.write(`wrote ${CONFIG_SCHEMA_PATH}\n`);
await writeFile(join(exampleTableDir(), OUTCOME_SCHEMA_PATH), outcomeJsonSchemaText());
process.stdout.write(`wrote ${OUTCOME_SCHEMA_PATH}\n`);
