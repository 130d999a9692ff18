// Every endpoint a table may name, as a run uses it: the presets, the config's entries over
// them, and the endpoint \`baseUrl\` sets.
import type { EndpointLimits } from '../limits/limiter.js';
import { displayUrl } from '../llm/redact.js';
import { CONFIG_FILE, type ConfigFile } from './config-file.js';
import { DEFAULT_ENDPOINT, PRESET_NAMES, presetFor } from './endpoint-presets.js';
import type { EndpointEntry } from './endpoint-schema.js';
import type { RunSettings } from './settings.js';

/** An endpoint as a run uses it: a preset, a config entry over a preset, an entry, or baseUrl. */
export interface ResolvedEndpoint {
  readonly name: string;
  /** Where it is defined, as the user would name it: `preset`, `roundtable.config.json`, `--base-url`… */
  readonly origin: string;
  /** Undefined for the bundled Markov server, which is started in-process on a loopback port. */
  readonly baseUrl: string | undefined;
  /** The variable the key is read from; never the key. */
  readonly apiKeyEnv: string | undefined;
  /** A run cannot start without the key (presets and config entries that name apiKeyEnv). */
  readonly keyRequired: boolean;
  /** The config entry's model, which beats the table's model setting. */
  readonly model: string | undefined;
  /** The preset's default model, used when nothing else names one. */
  readonly presetModel: string | undefined;
  readonly contextTokens: number | undefined;
  /** The preset's window, which holds for its default model only. */
  readonly presetContextTokens: number | undefined;
  readonly maxTokens: number | undefined;
  /** Seconds. */
  readonly timeout: number;
  readonly stallTimeout: number;
  readonly retries: number;
  /** The server answers to any model name (the dummy), so its model list proves nothing. */
  readonly anyModel: boolean;
  /** Limits every request to it shares (see src/limits). */
  readonly limits?: EndpointLimits | undefined;
}

function fromEntry(
  name: string,
  entry: EndpointEntry | undefined,
  settings: RunSettings,
  configSource: string,
): ResolvedEndpoint | undefined {
  const preset = presetFor(name);
  if (preset === undefined && entry?.baseUrl === undefined) return undefined;
  const origin =
    preset === undefined
      ? configSource
      : entry === undefined
        ? 'preset'
        : `preset + ${configSource}`;
  const apiKeyEnv = entry?.apiKeyEnv ?? preset?.apiKeyEnv;
  return {
    name,
    origin,
    baseUrl: entry?.baseUrl ?? preset?.baseUrl,
    apiKeyEnv,
    keyRequired: apiKeyEnv !== undefined,
    model: entry?.model,
    presetModel: preset?.model,
    contextTokens: entry?.contextTokens,
    presetContextTokens: preset?.contextTokens,
    maxTokens: entry?.maxTokens,
    timeout: entry?.timeout ?? settings.timeout,
    stallTimeout: entry?.stallTimeout ?? settings.stallTimeout,
    retries: entry?.retries ?? settings.retries,
    anyModel: preset?.anyModel === true,
    limits: {
      maxConcurrentRequests: entry?.maxConcurrentRequests,
      requestsPerMinute: entry?.requestsPerMinute,
      tokensPerMinute: entry?.tokensPerMinute,
    },
  };
}

/** Every endpoint a seat may name: the presets, the config's entries, and `default` when baseUrl is set. */
export function endpointCatalog(
  config: ConfigFile,
  settings: RunSettings,
  configSource: string = CONFIG_FILE,
): Map<string, ResolvedEndpoint> {
  const catalog = new Map<string, ResolvedEndpoint>();
  const entries = config.endpoints ?? {};
  for (const name of new Set([...PRESET_NAMES, ...Object.keys(entries)])) {
    const resolved = fromEntry(name, entries[name], settings, configSource);
    if (resolved !== undefined) catalog.set(name, resolved);
  }
  if (settings.baseUrl !== undefined) {
    catalog.set(DEFAULT_ENDPOINT, {
      name: DEFAULT_ENDPOINT,
      origin: settings.origins.baseUrl,
      baseUrl: settings.baseUrl,
      // As OpenAI's own clients do: the key is sent when set, and local servers need none.
      apiKeyEnv: 'OPENAI_API_KEY',
      keyRequired: false,
      model: undefined,
      presetModel: undefined,
      contextTokens: undefined,
      presetContextTokens: undefined,
      maxTokens: undefined,
      timeout: settings.timeout,
      stallTimeout: settings.stallTimeout,
      retries: settings.retries,
      anyModel: false,
    });
  }
  return catalog;
}

/** How an endpoint is shown: `anthropic (https://api.anthropic.com/v1)`, `markov (offline, in-process)`. */
export function endpointLabel(endpoint: Pick<ResolvedEndpoint, 'name' | 'baseUrl'>): string {
  const url = endpoint.baseUrl === undefined ? 'offline, in-process' : displayUrl(endpoint.baseUrl);
  return endpoint.name === DEFAULT_ENDPOINT ? url : `${endpoint.name} (${url})`;
}
