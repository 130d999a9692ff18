import { afterEach, describe, expect, it } from 'vitest';
import { validateConfigFile } from './config-file.js';
import { loadTable } from './load-table.js';
import { inputError, removeTables, writeTable } from './test-utils/table-fixture.js';

afterEach(removeTables);

function messages(config: unknown): string[] {
  const result = validateConfigFile(config, 'roundtable.config.json');
  return result.ok ? [] : result.problems.map((p) => p.message);
}

describe('endpoints in roundtable.config.json', () => {
  it('accepts new endpoints and entries that extend a preset, and keeps them', () => {
    const result = validateConfigFile(
      {
        endpoint: 'box',
        endpoints: {
          box: { baseUrl: 'http://10.0.0.5:8000/v1', apiKeyEnv: 'BOX_KEY', contextTokens: 8192 },
          ollama: { model: 'llama3.1:8b' },
        },
      },
      'roundtable.config.json',
    );
    expect(result).toEqual({
      ok: true,
      config: {
        endpoint: 'box',
        endpoints: {
          box: { baseUrl: 'http://10.0.0.5:8000/v1', apiKeyEnv: 'BOX_KEY', contextTokens: 8192 },
          ollama: { model: 'llama3.1:8b' },
        },
      },
    });
  });

  it('takes shared rate limits per endpoint and names a bad one', () => {
    const limits = { maxConcurrentRequests: 4, requestsPerMinute: 500, tokensPerMinute: 200_000 };
    const result = validateConfigFile({ endpoints: { openai: limits } }, 'roundtable.config.json');
    expect(result).toEqual({ ok: true, config: { endpoints: { openai: limits } } });
    expect(messages({ endpoints: { openai: { requestsPerMinute: 0 } } })).toEqual([
      'endpoints.openai.requestsPerMinute: expected a whole number ≥ 1 (requests a minute), got 0',
    ]);
    expect(messages({ endpoints: { openai: { maxConcurrentRequests: 1.5 } } })).toEqual([
      'endpoints.openai.maxConcurrentRequests: expected a whole number ≥ 1 (requests at once), got 1.5',
    ]);
  });

  it('names the nested field and suggests the nearest for a misspelt one', () => {
    expect(messages({ endpoints: { box: { baseURL: 'http://x/v1' } } })).toEqual([
      'endpoints.box: unknown field "baseURL" (did you mean baseUrl?)',
    ]);
    expect(messages({ endpoints: { ollama: { contextToken: 4096, timeout: 0 } } })).toEqual([
      'endpoints.ollama.timeout: expected a number of seconds > 0, got 0',
      'endpoints.ollama: unknown field "contextToken" (did you mean contextTokens?)',
    ]);
    expect(messages({ endpionts: {} })).toEqual([
      'unknown setting "endpionts" (did you mean endpoints?)',
    ]);
  });

  it('rejects a base URL that is not http(s), or that is missing on an endpoint of its own', () => {
    expect(messages({ endpoints: { box: { baseUrl: 'localhost:8000' } } })).toEqual([
      'endpoints.box.baseUrl: expected an http(s) URL including /v1, e.g. http://localhost:8000/v1, got "localhost:8000"',
    ]);
    expect(messages({ endpoints: { box: { model: 'm' } } })).toEqual([
      'endpoints.box.baseUrl: missing; expected an http(s) URL including /v1, e.g. http://localhost:8000/v1 (only the built-in presets openai, anthropic, openrouter, ollama, lmstudio, vllm, llamacpp, markov may leave it out)',
    ]);
    expect(messages({ endpoints: { box: 'http://localhost:8000/v1' } })).toEqual([
      'endpoints.box: expected an object such as { "baseUrl": "http://localhost:8000/v1" }, got "http://localhost:8000/v1" (write it as { "baseUrl": … })',
    ]);
  });

  it('refuses keys in the file and never repeats them', () => {
    const key = 'sk-proj-abcdef1234567890';
    const found = messages({
      apiKey: key,
      endpoints: {
        anthropic: { apiKey: key },
        box: { baseUrl: 'http://user:hunter2pass@host/v1' },
        vllm: { apiKeyEnv: key },
      },
    });
    expect(found).toEqual([
      '"apiKey" does not belong here: API keys are read only from the environment (OPENAI_API_KEY, or the variable an endpoint names in apiKeyEnv)',
      'endpoints.anthropic: "apiKey" does not belong in a file: keys are read only from the environment; name the variable instead, e.g. "apiKeyEnv": "ANTHROPIC_API_KEY"',
      'endpoints.box.baseUrl: expected an http(s) URL including /v1, e.g. http://localhost:8000/v1, got something else (not shown) (take the credentials out of the URL and name the key variable in apiKeyEnv)',
      'endpoints.vllm.apiKeyEnv: expected the name of an environment variable, e.g. "MY_API_KEY", got something else (not shown) (name the variable that holds the key, not the key itself)',
    ]);
    expect(found.join('\n')).not.toContain('abcdef');
    expect(found.join('\n')).not.toContain('hunter2');
  });

  it('reserves "default" for baseUrl and checks names and the shape of endpoints', () => {
    expect(messages({ endpoints: { default: { baseUrl: 'http://h/v1' } } })).toEqual([
      'endpoints.default: the name "default" is reserved for the endpoint that baseUrl (--base-url, OPENAI_BASE_URL) sets; choose another name',
    ]);
    expect(messages({ endpoints: { 'my box': { baseUrl: 'http://h/v1' } } })[0]).toMatch(
      /^endpoints\.my box: bad endpoint name; use up to 40 letters, digits/,
    );
    expect(messages({ endpoints: [] })).toEqual([
      'endpoints: expected an object of named endpoints, e.g. { "local": { "baseUrl": "http://localhost:8000/v1" } }, got a list',
    ]);
    expect(messages({ endpoint: 'two words' })).toEqual([
      'endpoint: expected an endpoint name such as "ollama" (letters, digits, "-", "_", "."), got "two words"',
    ]);
  });

  it('reports endpoint faults with the config file when a table loads', async () => {
    const dir = await writeTable({
      'roundtable.config.json': JSON.stringify({ turns: 0, endpoints: { box: { baseUrl: 3 } } }),
    });
    const error = await inputError(loadTable(dir));
    expect(error.message).toBe(
      `${dir}/roundtable.config.json has 2 problems:\n` +
        '  - turns: expected a whole number from 1 to 10000, got 0\n' +
        '  - endpoints.box.baseUrl: expected an http(s) URL including /v1, e.g. http://localhost:8000/v1, got 3',
    );
  });
});
