// A transcript is data anyone could have edited: the endpoint it records must not receive a key
// on its word alone. `resume` sends a key only to an endpoint that something the user controls
// names: the table's own roundtable.config.json, the environment, the command line (or, for a
// preset, roundtable itself), and says which for each key it sends.

import type { ConfigFile } from '../config/config-file.js';
import { DEFAULT_ENDPOINT, presetFor } from '../config/endpoint-presets.js';
import type { SeatingPlan } from '../config/seating.js';
import { apiKeyFromEnv, descriptorFor } from '../config/settings.js';
import { InputError } from '../errors.js';
import { displayUrl } from '../llm/redact.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the user vouched for endpoints. */
export interface KeyVouchers {
  /** `resume --base-url`. */
  readonly flagBaseUrl?: string | undefined;
  /** The table's config as read now, and its path. */
  readonly config: ConfigFile;
  readonly configPath?: string | undefined;
  readonly env: Env;
  /** The command that continues the discussion, for the message: `resume` or `fork`. */
  readonly command?: 'resume' | 'fork' | undefined;
}

export interface KeyRoute {
  readonly endpoint: string;
  readonly variable: string;
  /** Credential-free. */
  readonly url: string;
  /** What names the endpoint: `--base-url`, `OPENAI_BASE_URL`, the config file, the preset. */
  readonly namedBy: string;
}

function same(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const norm = (url: string) => url.trim().replace(/\/+$/, '');
  return norm(a) === norm(b);
}

function namedBy(name: string, url: string, vouchers: KeyVouchers): string | undefined {
  const configPath = vouchers.configPath ?? 'roundtable.config.json';
  if (name === DEFAULT_ENDPOINT) {
    if (same(url, vouchers.flagBaseUrl)) return '--base-url';
    for (const variable of descriptorFor('baseUrl').env) {
      if (same(url, vouchers.env[variable])) return variable;
    }
    if (same(url, vouchers.config.baseUrl)) return configPath;
    return undefined;
  }
  const entry = vouchers.config.endpoints?.[name];
  if (entry?.baseUrl !== undefined) return same(url, entry.baseUrl) ? configPath : undefined;
  const preset = presetFor(name);
  return same(url, preset?.baseUrl) ? `the built-in ${name} preset` : undefined;
}

/**
 * Each endpoint of the plan that a key would be sent to, with what names it. Throws an InputError
 * (exit 2) for one that only the transcript names, saying how to confirm it.
 */
export function resumeKeyRoutes(plan: SeatingPlan, vouchers: KeyVouchers): KeyRoute[] {
  const routes: KeyRoute[] = [];
  for (const endpoint of plan.endpoints) {
    const variable = endpoint.apiKeyEnv;
    if (endpoint.baseUrl === undefined || variable === undefined) continue;
    if (apiKeyFromEnv(vouchers.env, variable) === undefined) continue;
    const url = displayUrl(endpoint.baseUrl);
    const by = namedBy(endpoint.name, endpoint.baseUrl, vouchers);
    if (by === undefined) {
      const command = vouchers.command ?? 'resume';
      const label = endpoint.name === DEFAULT_ENDPOINT ? url : `${endpoint.name} (${url})`;
      throw new InputError(
        `the transcript says this discussion ran on ${label}, but neither the table's ${vouchers.configPath ?? 'roundtable.config.json'}, the environment nor the command line names that endpoint, and a transcript alone is not trusted with ${variable}; to send the key there, ${command} with --base-url ${url}${endpoint.name === DEFAULT_ENDPOINT ? '' : ' (or name it under "endpoints" in the table\'s config)'}, or unset ${variable} to ${command} without a key`,
      );
    }
    routes.push({ endpoint: endpoint.name, variable, url, namedBy: by });
  }
  return routes;
}
