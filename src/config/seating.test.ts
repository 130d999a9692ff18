import { describe, expect, it } from 'vitest';
import type { Participant, Table } from '../engine/table.js';
import { InputError } from '../errors.js';
import type { ConfigFile } from './config-file.js';
import { missingKeyError } from './missing-key.js';
import { type FlagValues, resolveSettings } from './resolve-settings.js';
import { type ModelSeatPlan, planSeating, type SeatingPlan, seatedTable } from './seating.js';

type Env = Record<string, string | undefined>;

function seat(n: number, name: string, extra: Partial<Participant> = {}): Participant {
  return { seat: n, name, fullName: name, creativity: 0.5, prompt: `You are ${name}.`, ...extra };
}

function tableOf(...participants: Participant[]): Table {
  return {
    participants,
    task: { context: 'c', instructions: 'i', questions: ['q?'], summarize: 's' },
  };
}

interface Case {
  readonly participants: Participant[];
  readonly config?: ConfigFile;
  readonly flags?: FlagValues;
  readonly env?: Env;
}

function plan({ participants, config = {}, flags = {}, env = {} }: Case): SeatingPlan {
  const settings = resolveSettings({
    flags,
    env,
    config,
    configPath: 'table/roundtable.config.json',
    randomSeed: () => 1,
  });
  const roleFiles = new Map(
    participants.map((p) => [p.seat, `table/participants/role${p.seat}.json`]),
  );
  return planSeating(
    {
      table: tableOf(...participants),
      roleFiles,
      config,
      configPath: 'table/roundtable.config.json',
    },
    settings,
    env,
  );
}

function modelSeats(p: SeatingPlan): ModelSeatPlan[] {
  return p.seats.filter((s): s is ModelSeatPlan => s.kind === 'model');
}

function planError(c: Case): InputError {
  try {
    plan(c);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected planSeating to fail');
}

describe('planSeating: which endpoint', () => {
  it('the table default is the endpoint setting, else baseUrl, else openai with a key, else markov', () => {
    const one = [seat(1, 'Ada')];
    expect(plan({ participants: one }).defaultEndpoint).toEqual({
      name: 'markov',
      origin: 'no endpoint configured',
    });
    expect(
      plan({ participants: one, env: { OPENAI_API_KEY: 'sk-test-1234567' } }).defaultEndpoint,
    ).toEqual({ name: 'openai', origin: 'OPENAI_API_KEY is set' });
    const withUrl = plan({
      participants: one,
      env: { OPENAI_API_KEY: 'sk-test-1234567', OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1' },
    });
    expect(withUrl.defaultEndpoint).toEqual({ name: 'default', origin: 'OPENAI_BASE_URL' });
    expect(withUrl.endpoints[0]).toMatchObject({
      name: 'default',
      baseUrl: 'http://127.0.0.1:9999/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
      keyRequired: false,
    });
    const chosen = plan({
      participants: one,
      flags: { endpoint: 'ollama' },
      env: { OPENAI_API_KEY: 'sk-test-1234567', ROUNDTABLE_BASE_URL: 'http://h:1/v1' },
    });
    expect(chosen.defaultEndpoint).toEqual({ name: 'ollama', origin: '--endpoint' });
    expect(chosen.warnings).toEqual([
      'baseUrl (from ROUNDTABLE_BASE_URL) is not used: the table\'s default endpoint is ollama (from --endpoint) and no role file names endpoint "default"',
    ]);
  });

  it('a role file names its own endpoint; others take the default; each endpoint is listed once', () => {
    const p = plan({
      participants: [
        seat(1, 'Ada', { endpoint: 'box' }),
        seat(2, 'Alan'),
        seat(3, 'Grace', { endpoint: 'box' }),
        seat(4, 'Me', { human: true }),
      ],
      config: { endpoint: 'vllm', endpoints: { box: { baseUrl: 'http://10.0.0.5:8000/v1' } } },
    });
    expect(p.seats.map((s) => [s.seat, s.kind === 'model' ? s.endpoint : 'human'])).toEqual([
      [1, 'box'],
      [2, 'vllm'],
      [3, 'box'],
      [4, 'human'],
    ]);
    expect(p.endpoints.map((e) => [e.name, e.baseUrl, e.origin])).toEqual([
      ['box', 'http://10.0.0.5:8000/v1', 'table/roundtable.config.json'],
      ['vllm', 'http://localhost:8000/v1', 'preset'],
    ]);
  });

  it('a config entry named like a preset extends it', () => {
    const p = plan({
      participants: [
        seat(1, 'Ada', { endpoint: 'ollama' }),
        seat(2, 'Alan', { endpoint: 'anthropic' }),
      ],
      config: {
        endpoints: {
          ollama: { model: 'llama3.1:8b', timeout: 300 },
          anthropic: { baseUrl: 'https://proxy.example/v1', apiKeyEnv: 'PROXY_KEY' },
        },
      },
      env: { PROXY_KEY: 'k-123456' },
    });
    expect(p.endpoints).toMatchObject([
      {
        name: 'ollama',
        origin: 'preset + table/roundtable.config.json',
        baseUrl: 'http://localhost:11434/v1',
        model: 'llama3.1:8b',
        timeout: 300,
        retries: 3,
      },
      {
        name: 'anthropic',
        baseUrl: 'https://proxy.example/v1',
        apiKeyEnv: 'PROXY_KEY',
        presetModel: 'claude-haiku-4-5',
      },
    ]);
    expect(p.missingKeys).toEqual([]);
  });

  it('an unknown endpoint in a role file names the file, the field and the valid names', () => {
    const error = planError({
      participants: [seat(1, 'Ada'), seat(2, 'Claude', { endpoint: 'antropic' })],
      config: { endpoints: { box: { baseUrl: 'http://h/v1' } } },
    });
    expect(error.message).toBe(
      'table/participants/role2.json: endpoint: no endpoint named "antropic" (did you mean anthropic?); valid: openai, anthropic, openrouter, ollama, lmstudio, vllm, llamacpp, markov, box (define others under "endpoints" in roundtable.config.json)',
    );
    expect(error.file).toBe('table/participants/role2.json');
  });

  it('an unknown default endpoint names the flag or the config file it came from', () => {
    expect(
      planError({ participants: [seat(1, 'Ada')], flags: { endpoint: 'olama' } }).message,
    ).toMatch(/^--endpoint: no endpoint named "olama" \(did you mean ollama\?\); valid: /);
    expect(
      planError({ participants: [seat(1, 'Ada')], config: { endpoint: 'default' } }).message,
    ).toMatch(
      /^table\/roundtable\.config\.json: endpoint: no endpoint named "default": that is the endpoint baseUrl sets/,
    );
  });
});

describe('planSeating: which model', () => {
  const config: ConfigFile = {
    endpoints: {
      box: { baseUrl: 'http://h/v1', model: 'box-model' },
      bare: { baseUrl: 'http://b/v1' },
    },
  };

  it('role model > endpoint entry model > table model setting > preset default > ask the server', () => {
    const participants = [
      seat(1, 'Role', { endpoint: 'box', model: 'own-model' }),
      seat(2, 'Entry', { endpoint: 'box' }),
      seat(3, 'Setting', { endpoint: 'openai' }),
      seat(4, 'Bare', { endpoint: 'bare' }),
    ];
    const env = { OPENAI_API_KEY: 'sk-test-1234567' };
    const withSetting = modelSeats(
      plan({ participants, config, env, flags: { model: 'flag-model' } }),
    );
    expect(withSetting.map((s) => [s.name, s.model, s.modelSource, s.modelOrigin])).toEqual([
      ['Role', 'own-model', 'role', 'role file'],
      ['Entry', 'box-model', 'endpoint', 'endpoints.box.model in table/roundtable.config.json'],
      ['Setting', 'flag-model', 'setting', '--model'],
      ['Bare', 'flag-model', 'setting', '--model'],
    ]);
    const without = modelSeats(plan({ participants, config, env }));
    expect(without.map((s) => [s.name, s.model, s.modelSource])).toEqual([
      ['Role', 'own-model', 'role'],
      ['Entry', 'box-model', 'endpoint'],
      ['Setting', 'gpt-4o-mini', 'preset'],
      ['Bare', undefined, 'server'],
    ]);
  });

  it('reply budget: role, then endpoint; context window: entry, else the preset’s for its own model', () => {
    const seats = modelSeats(
      plan({
        participants: [
          seat(1, 'A', { endpoint: 'box', maxTokens: 50 }),
          seat(2, 'B', { endpoint: 'box' }),
          seat(3, 'C', { endpoint: 'anthropic' }),
          seat(4, 'D', { endpoint: 'anthropic', model: 'claude-opus-4-1' }),
        ],
        config: {
          endpoints: { box: { baseUrl: 'http://h/v1', maxTokens: 120, contextTokens: 4096 } },
        },
        env: { ANTHROPIC_API_KEY: 'k-anthropic-1' },
      }),
    );
    expect(seats.map((s) => [s.name, s.maxTokens, s.contextTokens])).toEqual([
      ['A', 50, 4096],
      ['B', 120, 4096],
      ['C', undefined, 200_000],
      ['D', undefined, undefined],
    ]);
  });
});

describe('missing keys', () => {
  it('names every seat, its endpoint and the variable, before anything is contacted', () => {
    const p = plan({
      participants: [
        seat(1, 'Ada', { endpoint: 'openrouter', model: 'x/y' }),
        seat(2, 'Claude', { endpoint: 'anthropic' }),
        seat(3, 'Clara', { endpoint: 'anthropic' }),
        seat(4, 'Mark'),
      ],
      env: { OPENROUTER_API_KEY: 'or-key-123456', ANTHROPIC_API_KEY: '  ' },
    });
    expect(p.missingKeys.map((m) => [m.endpoint, m.variable, m.seats.map((s) => s.name)])).toEqual([
      ['anthropic', 'ANTHROPIC_API_KEY', ['Claude', 'Clara']],
    ]);
    const error = missingKeyError(p);
    expect(error).toBeInstanceOf(InputError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toBe(
      'table/participants/role2.json (Claude) and table/participants/role3.json (Clara) use endpoint anthropic, which needs ANTHROPIC_API_KEY; it is not set\n' +
        '(set the variable in the environment, e.g. export ANTHROPIC_API_KEY=…; keys are never read from files)',
    );
  });

  it('says when the table default is the endpoint that lacks its key, and lists several', () => {
    const p = plan({
      participants: [seat(1, 'Ada'), seat(2, 'Bo', { endpoint: 'box' })],
      flags: { endpoint: 'openrouter', model: 'm' },
      config: { endpoints: { box: { baseUrl: 'http://h/v1', apiKeyEnv: 'BOX_KEY' } } },
    });
    expect(missingKeyError(p)?.message).toBe(
      '2 API keys are missing:\n' +
        '  - table/participants/role1.json (Ada) uses endpoint openrouter (the table default, from --endpoint), which needs OPENROUTER_API_KEY; it is not set\n' +
        '  - table/participants/role2.json (Bo) uses endpoint box, which needs BOX_KEY; it is not set\n' +
        '(set the variable in the environment, e.g. export OPENROUTER_API_KEY=…; keys are never read from files)',
    );
  });

  it('local presets, human seats and the baseUrl endpoint need no key', () => {
    const p = plan({
      participants: [
        seat(1, 'Ada', { endpoint: 'ollama' }),
        seat(2, 'Me', { endpoint: 'anthropic', human: true }),
        seat(3, 'Url', { endpoint: 'default' }),
      ],
      flags: { baseUrl: 'http://127.0.0.1:1/v1' },
    });
    expect(missingKeyError(p)).toBeUndefined();
  });
});

describe('seatedTable', () => {
  it('fills in endpoint, model and budget for model seats only', () => {
    const table = tableOf(seat(1, 'Ada', { maxTokens: 10 }), seat(2, 'Me', { human: true }));
    const seated = seatedTable(table, [
      { seat: 1, endpoint: 'box', model: 'm1', maxTokens: 10 },
      { seat: 2, endpoint: 'box', model: 'm2' },
    ]);
    expect(seated.participants).toEqual([
      { ...table.participants[0], endpoint: 'box', model: 'm1', maxTokens: 10 },
      table.participants[1],
    ]);
  });
});
