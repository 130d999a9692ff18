import { join } from 'node:path';
import { z } from 'zod';
import { parseJson } from './json-errors.js';
import type { Problem } from './problems.js';
import { readText } from './read-text.js';
import {
  SETTING_DEFAULTS,
  SETTINGS,
  type SettingKey,
  settingSchemas,
} from './setting-descriptors.js';
import type { FieldRule } from './zod-messages.js';
import { issueMessages } from './zod-messages.js';

export const CONFIG_FILE = 'roundtable.config.json';

type OptionalSettings = { [K in SettingKey]: z.ZodOptional<(typeof settingSchemas)[K]> };

function documented(key: SettingKey): z.ZodType {
  const d = SETTINGS.find((s) => s.key === key);
  const fixed: unknown = (SETTING_DEFAULTS as Partial<Record<SettingKey, unknown>>)[key];
  const where = d === undefined ? '' : ` Flag ${d.flag}; environment ${d.env.join(' or ')}.`;
  return settingSchemas[key].optional().meta({
    description: `${d?.description ?? key}${where}`,
    ...(fixed === undefined ? {} : { default: fixed }),
  });
}

/** roundtable.config.json: every setting optional, nothing else but `$schema`. */
export const configFileSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .meta({ description: 'Path or URL of this JSON Schema, for editor completion.' }),
    ...(Object.fromEntries(SETTINGS.map((d) => [d.key, documented(d.key)])) as OptionalSettings),
  })
  .meta({
    title: 'roundtable.config.json',
    description:
      'Settings for a roundtable table folder. Precedence: CLI flag > environment variable > this file > default.',
  });

export type ConfigFile = z.output<typeof configFileSchema>;

const CONFIG_RULES: Readonly<Record<string, FieldRule>> = {
  $schema: { expected: 'a path or URL of the JSON Schema' },
  ...Object.fromEntries(SETTINGS.map((d) => [d.key, { expected: d.expected }])),
};

/** Keys that look like secrets get a pointed message rather than a spelling suggestion. */
function secretHint(key: string): string | undefined {
  return /api.?key|secret|password|^token$|access.?token|^auth/i.test(key)
    ? `"${key}" does not belong here: API keys are read only from the environment (OPENAI_API_KEY)`
    : undefined;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: ConfigFile }
  | { readonly ok: false; readonly problems: Problem[] };

/** Validates an already parsed config object; `source` is the file as the user should see it. */
export function validateConfigFile(raw: unknown, source: string): ConfigResult {
  const parsed = configFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const messages = issueMessages(parsed.error.issues, raw, {
    rules: CONFIG_RULES,
    expectedObject: 'a JSON object of settings, e.g. { "turns": 12 }',
    unknownKeyHint: secretHint,
    noun: 'setting',
  });
  return { ok: false, problems: messages.map((message) => ({ source, file: source, message })) };
}

export interface LoadedConfig {
  readonly config: ConfigFile;
  readonly configPath?: string | undefined;
  readonly problems: Problem[];
}

/** Reads `<dir>/roundtable.config.json` if there is one; no file means no settings. */
export async function loadConfigFile(
  dir: string,
  display: (relative: string) => string,
): Promise<LoadedConfig> {
  const source = display(CONFIG_FILE);
  const read = await readText(join(dir, CONFIG_FILE), source);
  if (read.status === 'missing') return { config: {}, problems: [] };
  if (read.status === 'bad') return { config: {}, configPath: source, problems: [read.problem] };
  const json = parseJson(read.text, source);
  if (!json.ok) return { config: {}, configPath: source, problems: [json.problem] };
  const result = validateConfigFile(json.value, source);
  return result.ok
    ? { config: result.config, configPath: source, problems: [] }
    : { config: {}, configPath: source, problems: result.problems };
}
