import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { type ResolveInput, resolveSettings } from './resolve-settings.js';
import {
  apiKeyFromEnv,
  type RunSettings,
  SETTING_KEYS,
  SETTINGS,
  temperatureFor,
  toEngineSettings,
} from './settings.js';

const fixedSeed = () => 1234;

function resolve(input: ResolveInput = {}): RunSettings {
  return resolveSettings({ randomSeed: fixedSeed, ...input });
}

function failure(input: ResolveInput): InputError {
  try {
    resolve(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    return error as InputError;
  }
  throw new Error('expected resolveSettings to fail');
}

describe('resolveSettings: defaults', () => {
  it('gives the documented defaults and marks them as such', () => {
    const run = resolve();
    expect(toEngineSettings(run)).toEqual({
      turns: 10,
      wrapUpTurns: 3,
      topicChangeEvery: 5,
      askOpinionEvery: 5,
      introductions: true,
      summary: true,
      seed: 1234,
      maxTokens: 400,
      temperature: { min: 0, max: 1 },
      onError: 'skip',
      format: 'roundtable',
      rounds: 2,
      closing: false,
      vote: 'ranked',
      stopWhen: 'turns',
      consensusThreshold: 0.75,
      consensusCheckEvery: 4,
      speakerPolicy: 'original',
      floor: 'named',
      pingPongLimit: 4,
      dominationLimit: 2,
      silenceLimit: 3,
      repeatThreshold: 0.5,
      onRepeat: 'flag',
      controlWords: true,
    });
    expect(run).toMatchObject({ timeout: 300, stallTimeout: 30, retries: 3 });
    expect(run.model).toBeUndefined();
    expect(run.baseUrl).toBeUndefined();
    for (const key of SETTING_KEYS) expect(run.sources[key]).toBe('default');
    expect(run.origins.seed).toBe('random');
  });

  it('draws an unset seed from the injected source as an unsigned 32-bit number', () => {
    expect(resolveSettings({ randomSeed: () => -1 }).seed).toBe(4294967295);
    const seeds = new Set(Array.from({ length: 5 }, () => resolveSettings({}).seed));
    for (const seed of seeds) expect(seed).toBeGreaterThanOrEqual(0);
    expect(seeds.size).toBeGreaterThan(1);
  });
});

describe('resolveSettings: precedence flag > environment > config file > default', () => {
  const config = { turns: 4, wrapUpTurns: 1, model: 'from-config', seed: 7 };
  const env = { ROUNDTABLE_TURNS: '6', ROUNDTABLE_WRAP_UP_TURNS: '2' };

  it('takes each setting from the highest source that sets it', () => {
    const run = resolve({
      flags: { turns: '8' },
      env,
      config,
      configPath: 't/roundtable.config.json',
    });
    expect(run.turns).toBe(8);
    expect(run.wrapUpTurns).toBe(2);
    expect(run.model).toBe('from-config');
    expect(run.seed).toBe(7);
    expect(run.retries).toBe(3);
    expect(run.sources).toMatchObject({
      turns: 'flag',
      wrapUpTurns: 'env',
      model: 'config',
      seed: 'config',
      retries: 'default',
    });
    expect(run.origins).toMatchObject({
      turns: '--turns',
      wrapUpTurns: 'ROUNDTABLE_WRAP_UP_TURNS',
      model: 't/roundtable.config.json',
      retries: 'default',
    });
  });

  it('treats an empty environment variable and an undefined flag as unset', () => {
    const run = resolve({ flags: { turns: undefined }, env: { ROUNDTABLE_TURNS: ' ' }, config });
    expect(run.turns).toBe(4);
    expect(run.sources.turns).toBe('config');
  });

  it('has an environment variable for every setting', () => {
    for (const d of SETTINGS) {
      const name = `ROUNDTABLE_${d.key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
      expect(d.env[0]).toBe(name);
    }
    const run = resolve({
      env: {
        ROUNDTABLE_ASK_OPINION_EVERY: '2.5',
        ROUNDTABLE_INTRODUCTIONS: 'no',
        ROUNDTABLE_SUMMARY: 'FALSE',
        ROUNDTABLE_SEED: '99',
        ROUNDTABLE_MAX_TOKENS: '1e3',
        ROUNDTABLE_MODEL: ' llama ',
        ROUNDTABLE_TIMEOUT: '0.5',
        ROUNDTABLE_ON_ERROR: 'stop',
        ROUNDTABLE_TEMPERATURE_MAX: '1.4',
      },
    });
    expect(run).toMatchObject({
      askOpinionEvery: 2.5,
      introductions: false,
      summary: false,
      seed: 99,
      maxTokens: 1000,
      model: 'llama',
      timeout: 0.5,
      onError: 'stop',
      temperature: { min: 0, max: 1.4 },
    });
  });

  it('reads the base URL from ROUNDTABLE_BASE_URL, then OPENAI_BASE_URL', () => {
    const openai = resolve({ env: { OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' } });
    expect(openai.baseUrl).toBe('http://127.0.0.1:8000/v1');
    expect(openai.origins.baseUrl).toBe('OPENAI_BASE_URL');
    const both = resolve({
      env: { OPENAI_BASE_URL: 'http://a.test/v1', ROUNDTABLE_BASE_URL: 'http://b.test/v1' },
    });
    expect(both.baseUrl).toBe('http://b.test/v1');
    expect(
      resolve({
        flags: { baseUrl: 'https://c.test/v1' },
        env: { OPENAI_BASE_URL: 'http://a.test/v1' },
      }).baseUrl,
    ).toBe('https://c.test/v1');
  });

  it('accepts typed flag values and commander-style booleans', () => {
    const run = resolve({ flags: { turns: 3, introductions: false, summary: 'false' } });
    expect(run).toMatchObject({ turns: 3, introductions: false, summary: false });
    expect(run.origins.introductions).toBe('--no-introductions');
  });
});

describe('resolveSettings: errors name the source', () => {
  it('a bad flag', () => {
    expect(failure({ flags: { turns: 'abc' } }).message).toBe(
      '--turns: expected a whole number from 1 to 10000, got "abc"',
    );
  });

  it('a bad environment variable', () => {
    expect(failure({ env: { ROUNDTABLE_TURNS: '2.5' } }).message).toBe(
      'ROUNDTABLE_TURNS: expected a whole number from 1 to 10000, got "2.5"',
    );
  });

  it('a bad config value, with the field', () => {
    const error = failure({ config: { turns: '10' }, configPath: 'table/roundtable.config.json' });
    expect(error.message).toBe(
      'table/roundtable.config.json: turns: expected a whole number from 1 to 10000, got "10"',
    );
    expect(error.file).toBe('table/roundtable.config.json');
  });

  it('an unknown config key suggests the nearest', () => {
    expect(failure({ config: { wrapupTurns: 2 } }).message).toBe(
      'roundtable.config.json: unknown setting "wrapupTurns" (did you mean wrapUpTurns?)',
    );
  });

  it('allows $schema in the config file', () => {
    expect(resolve({ config: { $schema: './schema.json', turns: 2 } }).turns).toBe(2);
  });

  it.each([
    [{ wrapUpTurns: '-1' }, '--wrap-up-turns: expected a whole number ≥ 0, got "-1"'],
    [{ topicChangeEvery: '0.5' }, '--topic-change-every: expected a number ≥ 1, got "0.5"'],
    [
      { seed: '4294967296' },
      '--seed: expected a whole number from 0 to 4294967295, got "4294967296"',
    ],
    [{ timeout: '0' }, '--timeout: expected a number of seconds > 0, got "0"'],
    [{ retries: 'many' }, '--retries: expected a whole number ≥ 0, got "many"'],
    [{ temperatureMax: '2.5' }, '--temperature-max: expected a number from 0 to 2, got "2.5"'],
    [{ onError: 'halt' }, '--on-error: expected "skip" or "stop", got "halt"'],
    [
      { baseUrl: 'localhost:8000' },
      '--base-url: expected an http(s) URL such as http://localhost:8000/v1, got "localhost:8000"',
    ],
    [
      { baseUrl: 'ftp://files.test/v1' },
      '--base-url: expected an http(s) URL such as http://localhost:8000/v1, got "ftp://files.test/v1"',
    ],
    [{ introductions: 'maybe' }, '--no-introductions: expected true or false, got "maybe"'],
    [{ model: '  ' }, '--model: expected a model name, got "  "'],
  ])('%j', (flags, message) => {
    expect(failure({ flags }).message).toBe(message);
  });

  it('collects every bad source in one error', () => {
    const error = failure({ flags: { turns: 'x' }, env: { ROUNDTABLE_SEED: 'y' } });
    expect(error.message).toBe(
      '2 problems in the settings:\n  - --turns: expected a whole number from 1 to 10000, got "x"\n  - ROUNDTABLE_SEED: expected a whole number from 0 to 4294967295, got "y"',
    );
  });

  it('rejects temperatureMin above temperatureMax, naming both sources', () => {
    const error = failure({
      env: { ROUNDTABLE_TEMPERATURE_MIN: '1.5' },
      config: { temperatureMax: 1.2 },
      configPath: 'roundtable.config.json',
    });
    expect(error.message).toContain(
      'temperatureMin (1.5, from ROUNDTABLE_TEMPERATURE_MIN) must not exceed temperatureMax (1.2, from roundtable.config.json)',
    );
    expect(
      resolve({ flags: { temperatureMin: '0.4', temperatureMax: '0.4' } }).temperature,
    ).toEqual({ min: 0.4, max: 0.4 });
  });

  it('accepts wrapUpTurns above turns (the engine clamps)', () => {
    expect(resolve({ flags: { turns: '2', wrapUpTurns: '5' } })).toMatchObject({
      turns: 2,
      wrapUpTurns: 5,
    });
  });
});

describe('the API key', () => {
  it('comes from OPENAI_API_KEY only and never appears in the settings', () => {
    const env = { OPENAI_API_KEY: 'sk-secret-123', ROUNDTABLE_MODEL: 'm' };
    expect(apiKeyFromEnv(env)).toBe('sk-secret-123');
    expect(apiKeyFromEnv({ OPENAI_API_KEY: ' ' })).toBeUndefined();
    expect(JSON.stringify(resolve({ env }))).not.toContain('sk-secret');
    expect(failure({ config: { apiKey: 'sk-secret-123' } }).message).not.toContain('sk-secret');
  });
});

describe('temperatureFor', () => {
  it('maps creativity linearly onto the range', () => {
    expect(temperatureFor(0, { min: 0.2, max: 1.2 })).toBeCloseTo(0.2);
    expect(temperatureFor(0.5, { min: 0.2, max: 1.2 })).toBeCloseTo(0.7);
    expect(temperatureFor(1, { min: 0.2, max: 1.2 })).toBeCloseTo(1.2);
  });
});

describe('SETTINGS descriptors', () => {
  it('give each setting a flag, a description and a default text', () => {
    const flags = SETTINGS.map((d) => d.flag);
    expect(new Set(flags).size).toBe(flags.length);
    for (const d of SETTINGS) {
      expect(d.flag).toMatch(/^--[a-z-]+$/);
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.defaultText).not.toBe('undefined');
      // Switches take no value: --no-x for settings that default on, --x for those that default off.
      expect(d.argument === undefined).toBe(d.kind === 'boolean');
    }
    expect(SETTINGS.find((d) => d.key === 'wrapUpTurns')?.flag).toBe('--wrap-up-turns');
    expect(SETTINGS.find((d) => d.key === 'summary')?.flag).toBe('--no-summary');
    expect(SETTINGS.find((d) => d.key === 'closing')?.flag).toBe('--closing');
  });
});
