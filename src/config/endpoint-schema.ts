import { z } from 'zod';
import { once } from '../once.js';
import {
  DEFAULT_ENDPOINT,
  ENDPOINT_NAME_PATTERN,
  type ENDPOINT_PRESETS,
  PRESET_NAMES,
  presetFor,
} from './endpoint-presets.js';
import { type Problem, showValue } from './problems.js';
import { settingSchemas } from './setting-schemas.js';
import { type FieldRule, issueMessages } from './zod-messages.js';

const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function hasNoCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  } catch {
    return true;
  }
}

/** One entry of `endpoints` in roundtable.config.json; built on first use, as every schema here. */
export const endpointEntrySchema = once(() =>
  z
    .strictObject({
      baseUrl: z
        .url({ protocol: /^https?$/ })
        .refine(hasNoCredentials)
        .optional()
        .meta({
          description:
            'OpenAI-compatible API base URL, including /v1. Presets have one; other endpoints need it.',
        }),
      apiKeyEnv: z.string().regex(ENV_NAME_PATTERN).optional().meta({
        description:
          'The environment variable holding this endpoint’s API key (the key itself never goes in a file). Without it, no key is sent.',
      }),
      model: z.string().trim().min(1).optional().meta({
        description:
          'Model for the seats on this endpoint that do not name their own; beats the table’s model setting.',
      }),
      contextTokens: z.int().min(1).optional().meta({
        description: 'Context window of the model, in tokens.',
      }),
      maxTokens: z.int().min(1).optional().meta({
        description: 'Reply budget for seats on this endpoint; a role’s max_tokens wins.',
      }),
      timeout: settingSchemas.timeout.optional().meta({
        description: 'Seconds one request may take; the table’s timeout setting otherwise.',
      }),
      stallTimeout: settingSchemas.stallTimeout.optional().meta({
        description: 'Seconds without a token before a reply counts as stalled.',
      }),
      retries: settingSchemas.retries.optional().meta({
        description: 'Retries of a failed request on this endpoint.',
      }),
      maxConcurrentRequests: z.int().min(1).optional().meta({
        description:
          'At most this many requests to this endpoint at once, across every seat and every run of a batch (and every worker of a queue).',
      }),
      requestsPerMinute: z.int().min(1).optional().meta({
        description:
          'At most this many requests to this endpoint in any one minute, shared like maxConcurrentRequests.',
      }),
      tokensPerMinute: z.int().min(1).optional().meta({
        description:
          'At most this many tokens (prompt estimate + max_tokens, as providers count them) to this endpoint in any one minute, shared like maxConcurrentRequests.',
      }),
    })
    .meta({ id: 'endpoint', title: 'endpoint', description: 'An OpenAI-compatible endpoint.' }),
);

export type EndpointEntry = z.output<ReturnType<typeof endpointEntrySchema>>;

function presetText(name: string): string {
  const preset = presetFor(name);
  if (preset === undefined) return name;
  const parts = [
    preset.baseUrl ?? 'in-process',
    preset.apiKeyEnv === undefined ? 'no key' : `key from ${preset.apiKeyEnv}`,
    ...(preset.model === undefined ? [] : [`model ${preset.model}`]),
  ];
  return `Built-in preset: ${preset.description} (${parts.join(', ')}). Fields given here override it.`;
}

/** `endpoints`: the presets listed by name (so editors complete them) plus any other name. */
export const endpointsSchema = once(() =>
  z
    .object(
      Object.fromEntries(
        PRESET_NAMES.map((name) => [
          name,
          endpointEntrySchema()
            .optional()
            .meta({ description: presetText(name) }),
        ]),
      ) as {
        [K in keyof typeof ENDPOINT_PRESETS]: z.ZodOptional<ReturnType<typeof endpointEntrySchema>>;
      },
    )
    .catchall(endpointEntrySchema())
    .meta({
      description:
        'Named endpoints that role files ("endpoint") and the endpoint setting refer to. Built-in presets (openai, anthropic, openrouter, ollama, lmstudio, vllm, llamacpp, markov) can be used without an entry here.',
    }),
);

export type EndpointEntries = Readonly<Record<string, EndpointEntry>>;

const ENDPOINT_RULES: Readonly<Record<keyof EndpointEntry, FieldRule>> = {
  baseUrl: {
    expected: 'an http(s) URL including /v1, e.g. http://localhost:8000/v1',
    hint: (value) =>
      typeof value === 'string' && !hasNoCredentials(value)
        ? 'take the credentials out of the URL and name the key variable in apiKeyEnv'
        : undefined,
    // A URL with user:password in it is a secret as much as a key is.
    hideValue: (value) => typeof value === 'string' && !hasNoCredentials(value),
  },
  apiKeyEnv: {
    expected: 'the name of an environment variable, e.g. "MY_API_KEY"',
    hint: () => 'name the variable that holds the key, not the key itself',
    hideValue: true,
  },
  model: { expected: 'a model name, e.g. "llama3.1:8b"' },
  contextTokens: { expected: 'a whole number of tokens ≥ 1' },
  maxTokens: { expected: 'a whole number ≥ 1 (reply budget in tokens)' },
  timeout: { expected: 'a number of seconds > 0' },
  stallTimeout: { expected: 'a number of seconds > 0' },
  retries: { expected: 'a whole number ≥ 0' },
  maxConcurrentRequests: { expected: 'a whole number ≥ 1 (requests at once)' },
  requestsPerMinute: { expected: 'a whole number ≥ 1 (requests a minute)' },
  tokensPerMinute: { expected: 'a whole number ≥ 1 (tokens a minute)' },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyHint(name: string): (key: string) => string | undefined {
  return (key) =>
    /api.?key$|secret|password|^token$|access.?token|^auth/i.test(key)
      ? `"${key}" does not belong in a file: keys are read only from the environment; name the variable instead, e.g. "apiKeyEnv": "${envSuggestion(name)}"`
      : undefined;
}

function envSuggestion(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY`;
}

function safeUrlText(value: unknown): string {
  return typeof value === 'string' && !hasNoCredentials(value)
    ? 'a URL with credentials (not shown)'
    : showValue(value);
}

export type EndpointsResult =
  | { readonly ok: true; readonly endpoints: EndpointEntries }
  | { readonly ok: false; readonly messages: readonly string[] };

/** Checks `endpoints` from the config file; messages name `endpoints.<name>.<field>`. */
export function validateEndpoints(raw: unknown): EndpointsResult {
  if (!isRecord(raw)) {
    return {
      ok: false,
      messages: [
        `endpoints: expected an object of named endpoints, e.g. { "local": { "baseUrl": "http://localhost:8000/v1" } }, got ${showValue(raw)}`,
      ],
    };
  }
  const messages: string[] = [];
  const endpoints: Record<string, EndpointEntry> = {};
  for (const [name, entry] of Object.entries(raw)) {
    const prefix = `endpoints.${name}`;
    if (!ENDPOINT_NAME_PATTERN.test(name)) {
      messages.push(
        `${prefix}: bad endpoint name; use up to 40 letters, digits, "-", "_" or "." (role files and --endpoint refer to it by this name)`,
      );
      continue;
    }
    if (name === DEFAULT_ENDPOINT) {
      messages.push(
        `${prefix}: the name "${DEFAULT_ENDPOINT}" is reserved for the endpoint that baseUrl (--base-url, OPENAI_BASE_URL) sets; choose another name`,
      );
      continue;
    }
    if (typeof entry === 'string') {
      messages.push(
        `${prefix}: expected an object such as { "baseUrl": "http://localhost:8000/v1" }, got ${safeUrlText(entry)}${/^https?:/.test(entry) ? ' (write it as { "baseUrl": … })' : ''}`,
      );
      continue;
    }
    const parsed = endpointEntrySchema().safeParse(entry);
    if (!parsed.success) {
      const found = issueMessages(parsed.error.issues, entry, {
        rules: ENDPOINT_RULES,
        expectedObject: 'an object such as { "baseUrl": "http://localhost:8000/v1" }',
        unknownKeyHint: keyHint(name),
        prefix,
      });
      messages.push(...found);
      continue;
    }
    if (parsed.data.baseUrl === undefined && presetFor(name) === undefined) {
      messages.push(
        `${prefix}.baseUrl: missing; expected ${ENDPOINT_RULES.baseUrl.expected} (only the built-in presets ${PRESET_NAMES.join(', ')} may leave it out)`,
      );
      continue;
    }
    endpoints[name] = parsed.data;
  }
  return messages.length === 0 ? { ok: true, endpoints } : { ok: false, messages };
}

/** Problems for the config file at `source`. */
export function endpointProblems(raw: unknown, source: string): Problem[] {
  const result = validateEndpoints(raw);
  return result.ok ? [] : result.messages.map((message) => ({ source, file: source, message }));
}
