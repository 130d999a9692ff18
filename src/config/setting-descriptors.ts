// A setting as people reach it: its flag, its environment variables and its default in words,
// derived from its key, its rule's default (setting-schemas.ts) and its words (setting-help.ts).
import { SETTING_SPECS } from './setting-help.js';
import { SETTING_DEFAULTS, type SettingKey } from './setting-schemas.js';

/** How text from a flag or environment variable becomes a value. */
export type SettingKind = 'integer' | 'number' | 'boolean' | 'text' | 'choice';

export interface SettingDescriptor {
  readonly key: SettingKey;
  /** The CLI flag as the user types it: `--turns`, or `--no-summary` for settings that default on. */
  readonly flag: string;
  /** commander's value placeholder (`<n>`); absent for the `--no-…` switches. */
  readonly argument?: string | undefined;
  /** Environment variables, the first set one wins. */
  readonly env: readonly string[];
  readonly kind: SettingKind;
  readonly choices?: readonly string[] | undefined;
  /** The default for help text and the README: `10`, `random`, `per endpoint`. */
  readonly defaultText: string;
  readonly description: string;
  /** What would be valid, in words, for error messages. */
  readonly expected: string;
}

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (key: string): string =>
  `ROUNDTABLE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** One source for the CLI flags, the environment variables, the JSON Schema and the README table. */
export const SETTINGS: readonly SettingDescriptor[] = (
  Object.keys(SETTING_SPECS) as SettingKey[]
).map((key) => {
  const { alsoEnv = [], defaultText, argument, ...spec } = SETTING_SPECS[key];
  const fixed: unknown = (SETTING_DEFAULTS as Partial<Record<SettingKey, unknown>>)[key];
  const defaultsOn = fixed === true;
  return {
    key,
    ...spec,
    flag: defaultsOn ? `--no-${kebab(key)}` : `--${kebab(key)}`,
    ...(defaultsOn ? {} : { argument }),
    env: [envName(key), ...alsoEnv],
    defaultText: defaultText ?? String(fixed),
  };
});

export const SETTING_KEYS: readonly SettingKey[] = SETTINGS.map((d) => d.key);

export function descriptorFor(key: SettingKey): SettingDescriptor {
  const found = SETTINGS.find((d) => d.key === key);
  if (found === undefined) throw new Error(`no descriptor for setting ${key}`);
  return found;
}
