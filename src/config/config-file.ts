import { z } from 'zod';
import type { PriceTable } from '../cost/price.js';
import { pricesSchema } from '../cost/price.js';
import { validatePrices } from '../cost/prices-config.js';
import type { PhaseSpec } from '../engine/phases/spec.js';
import { once } from '../once.js';
import { type EndpointEntries, endpointsSchema, validateEndpoints } from './endpoint-schema.js';
import { parseJson } from './json-errors.js';
import { type ModeratorConfig, moderatorSchema, validateModerator } from './moderator-config.js';
import { phasesSchema, validatePhases } from './phases-config.js';
import type { Problem } from './problems.js';
import { secretFieldHint } from './secret-fields.js';
import { SETTINGS } from './setting-descriptors.js';
import { SETTING_DEFAULTS, type SettingKey, settingSchemas } from './setting-schemas.js';
import type { TableFolder } from './table-folder.js';
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

/**
 * The config file's schemas (a schema a setting, documented for the JSON Schema), built on first
 * use: a table without a config file never needs them (docs/benchmarks.md, "Start-up").
 */
function buildConfigSchemas() {
  const settingsShape = {
    $schema: z
      .string()
      .optional()
      .meta({ description: 'Path or URL of this JSON Schema, for editor completion.' }),
    ...(Object.fromEntries(SETTINGS.map((d) => [d.key, documented(d.key)])) as OptionalSettings),
  };

  /** The settings alone; `endpoints` is checked on its own so its messages can name nested fields. */
  const settingsFile = z.strictObject(settingsShape);

  /** roundtable.config.json: every setting optional, the named endpoints, prices, and `$schema`. */
  const configFile = z
    .strictObject({
      ...settingsShape,
      endpoints: endpointsSchema().optional(),
      prices: pricesSchema().optional(),
      phases: phasesSchema().optional(),
      moderator: moderatorSchema().optional(),
    })
    .meta({
      title: 'roundtable.config.json',
      description:
        'Settings for a roundtable table folder. Precedence: CLI flag > environment variable > this file > default.',
    });

  return { settingsFile, configFile };
}

const configSchemas = once(buildConfigSchemas);

/** roundtable.config.json's schema (for the published JSON Schema). */
export function configFileSchema(): ReturnType<typeof buildConfigSchemas>['configFile'] {
  return configSchemas().configFile;
}

export type ConfigFile = z.output<ReturnType<typeof buildConfigSchemas>['settingsFile']> & {
  readonly endpoints?: EndpointEntries | undefined;
  readonly prices?: PriceTable | undefined;
  readonly phases?: readonly PhaseSpec[] | undefined;
  readonly moderator?: ModeratorConfig | undefined;
};

const CONFIG_RULES: Readonly<Record<string, FieldRule>> = {
  $schema: { expected: 'a path or URL of the JSON Schema' },
  ...Object.fromEntries(SETTINGS.map((d) => [d.key, { expected: d.expected }])),
  endpoints: { expected: 'an object of named endpoints' },
  prices: { expected: 'an object of model names to prices' },
  phases: { expected: 'a list of phases' },
  moderator: { expected: 'an object such as { "endpoint": "openai", "model": "gpt-4o-mini" }' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type ConfigResult =
  | { readonly ok: true; readonly config: ConfigFile }
  | { readonly ok: false; readonly problems: Problem[] };

/** Validates an already parsed config object; `source` is the file as the user should see it. */
export function validateConfigFile(raw: unknown, source: string): ConfigResult {
  const {
    endpoints: rawEndpoints,
    prices: rawPrices,
    phases: rawPhases,
    moderator: rawModerator,
    ...rest
  } = isRecord(raw)
    ? raw
    : { endpoints: undefined, prices: undefined, phases: undefined, moderator: undefined };
  // No config file reads as {}: nothing to check, and its schemas need not be built.
  if (isRecord(raw) && Object.keys(raw).length === 0) return { ok: true, config: {} };
  const parsed = configSchemas().settingsFile.safeParse(isRecord(raw) ? rest : raw);
  const messages = parsed.success
    ? []
    : issueMessages(parsed.error.issues, raw, {
        rules: CONFIG_RULES,
        expectedObject: 'a JSON object of settings, e.g. { "turns": 12 }',
        unknownKeyHint: secretFieldHint,
        noun: 'setting',
      });
  const endpoints = rawEndpoints === undefined ? undefined : validateEndpoints(rawEndpoints);
  if (endpoints !== undefined && !endpoints.ok) messages.push(...endpoints.messages);
  const prices = rawPrices === undefined ? undefined : validatePrices(rawPrices);
  if (prices !== undefined && !prices.ok) messages.push(...prices.messages);
  const phases = rawPhases === undefined ? undefined : validatePhases(rawPhases);
  if (phases !== undefined && !phases.ok) messages.push(...phases.messages);
  const moderator = rawModerator === undefined ? undefined : validateModerator(rawModerator);
  if (moderator !== undefined && !moderator.ok) messages.push(...moderator.messages);
  if (phases?.ok === true && isRecord(raw) && raw.format !== undefined) {
    messages.push(
      'phases and format: the config file sets both; keep one ("phases" is a table\'s own format)',
    );
  }
  if (!parsed.success || messages.length > 0) {
    return { ok: false, problems: messages.map((message) => ({ source, file: source, message })) };
  }
  return {
    ok: true,
    config: {
      ...parsed.data,
      ...(endpoints?.ok === true ? { endpoints: endpoints.endpoints } : {}),
      ...(prices?.ok === true ? { prices: prices.prices } : {}),
      ...(phases?.ok === true ? { phases: phases.phases } : {}),
      ...(moderator?.ok === true ? { moderator: moderator.moderator } : {}),
    },
  };
}

export interface LoadedConfig {
  readonly config: ConfigFile;
  readonly configPath?: string | undefined;
  readonly problems: Problem[];
}

/** Reads `<dir>/roundtable.config.json` if there is one; no file means no settings. */
export async function loadConfigFile(folder: TableFolder): Promise<LoadedConfig> {
  const source = folder.display(CONFIG_FILE);
  const read = await folder.readText(CONFIG_FILE);
  if (read.status === 'missing') return { config: {}, problems: [] };
  if (read.status === 'bad') return { config: {}, configPath: source, problems: [read.problem] };
  const json = parseJson(read.text, source);
  if (!json.ok) return { config: {}, configPath: source, problems: [json.problem] };
  const result = validateConfigFile(json.value, source);
  return result.ok
    ? { config: result.config, configPath: source, problems: [] }
    : { config: {}, configPath: source, problems: result.problems };
}
