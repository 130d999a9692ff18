/** A built-in endpoint users can name without defining it; a config entry of the same name extends it. */
export interface EndpointPreset {
  /** Undefined for `markov`: the bundled dummy server, started in-process on a loopback port. */
  readonly baseUrl: string | undefined;
  /** Environment variable holding the key; a preset with one cannot run without it. */
  readonly apiKeyEnv?: string | undefined;
  /** The model seats get when nothing more specific names one. */
  readonly model?: string | undefined;
  /** The context window of `model`, in tokens, where it is known. */
  readonly contextTokens?: number | undefined;
  /** The server answers to any model name (the dummy), so a model list proves nothing. */
  readonly anyModel?: boolean | undefined;
  /** One line for `validate`, the README and the JSON Schema. */
  readonly description: string;
}

/** How role files, `--endpoint` and the config refer to an endpoint. */
export const ENDPOINT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export const MARKOV_ENDPOINT = 'markov';
export const OPENAI_ENDPOINT = 'openai';
/** The unnamed endpoint that `baseUrl` (--base-url, OPENAI_BASE_URL) describes. */
export const DEFAULT_ENDPOINT = 'default';

export const ENDPOINT_PRESETS = {
  openai: {
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    model: 'gpt-4o-mini',
    contextTokens: 128_000,
    description: 'OpenAI',
  },
  anthropic: {
    // Anthropic's OpenAI-compatible layer (chat completions with an Anthropic key).
    baseUrl: 'https://api.anthropic.com/v1',
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    model: 'claude-haiku-4-5',
    contextTokens: 200_000,
    description: "Anthropic's OpenAI-compatible API",
  },
  openrouter: {
    baseUrl: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    description: 'OpenRouter',
  },
  ollama: {
    baseUrl: 'http://localhost:11434/v1',
    description: 'Ollama on this machine',
  },
  lmstudio: {
    baseUrl: 'http://localhost:1234/v1',
    description: 'LM Studio on this machine',
  },
  vllm: {
    baseUrl: 'http://localhost:8000/v1',
    description: 'vLLM on this machine (scripts/modelup.sh)',
  },
  llamacpp: {
    baseUrl: 'http://localhost:8080/v1',
    description: 'llama.cpp server on this machine',
  },
  markov: {
    baseUrl: undefined,
    model: 'markov',
    anyModel: true,
    description: 'the bundled offline Markov model, started in-process',
  },
} as const satisfies Record<string, EndpointPreset>;

export type PresetName = keyof typeof ENDPOINT_PRESETS;

export const PRESET_NAMES = Object.keys(ENDPOINT_PRESETS) as PresetName[];

export function presetFor(name: string): EndpointPreset | undefined {
  return Object.hasOwn(ENDPOINT_PRESETS, name)
    ? (ENDPOINT_PRESETS as Record<string, EndpointPreset>)[name]
    : undefined;
}
