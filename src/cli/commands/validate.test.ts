import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTables, role, writeTable } from '../../config/test-utils/table-fixture.js';
import { InputError } from '../../errors.js';
import {
  closedPort,
  type FakeOpenAI,
  modelList,
  startFakeOpenAI,
} from '../../llm/test-utils/fake-openai.js';
import { validateCommand } from './validate.js';

const fakes: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  await removeTables();
});

function sink() {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

async function validate(dir: string, check: boolean, env: Record<string, string> = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await validateCommand(dir, { checkEndpoints: check }, new Command(), {
    env,
    stdout,
    stderr,
  });
  return { code, out: stdout.text(), err: stderr.text() };
}

const persona = (name: string, extra: Record<string, unknown> = {}) =>
  role({ name, full_name: `${name} Example`, prompt: `You are ${name}.`, ...extra });

async function mixedTable(good: FakeOpenAI, deadUrl: string) {
  return writeTable({
    'participants/role1.json': persona('Ada', { endpoint: 'good', model: 'good-model' }),
    'participants/role2.json': persona('Alan', { endpoint: 'dead' }),
    'roundtable.config.json': JSON.stringify({
      endpoint: 'good',
      endpoints: {
        good: { baseUrl: good.baseUrl, apiKeyEnv: 'GOOD_KEY' },
        dead: { baseUrl: deadUrl, model: 'dead-model' },
      },
    }),
  });
}

describe('roundtable validate', () => {
  it('lists seat → endpoint → model without contacting any endpoint', async () => {
    const good = await startFakeOpenAI();
    fakes.push(good);
    const dir = await mixedTable(good, 'http://127.0.0.1:9/v1');
    const { code, out } = await validate(dir, false, { GOOD_KEY: 'good-secret-key-1' });
    expect(code).toBe(0);
    expect(out).toContain(`     → good (${good.baseUrl}) · model good-model (role file)`);
    expect(out).toContain(
      '     → dead (http://127.0.0.1:9/v1) · model dead-model (endpoints.dead.model in',
    );
    expect(out).toContain('Endpoints — table default: good (');
    expect(out).toContain(`  good (${good.baseUrl}) · key GOOD_KEY (set) · `);
    expect(out).not.toContain('good-secret-key-1');
    expect(good.requests).toHaveLength(0);
  });

  it('--check-endpoints: one line per endpoint, the client’s error for a dead one, exit 1', async () => {
    const good = await startFakeOpenAI();
    fakes.push(good);
    good.enqueue(modelList('good-model', 'other-model'));
    const port = await closedPort();
    const dead = `http://127.0.0.1:${port}/v1`;
    const dir = await mixedTable(good, dead);
    const { code, out } = await validate(dir, true, { GOOD_KEY: 'good-secret-key-1' });
    expect(code).toBe(1);
    const lines = out.slice(out.indexOf('Endpoints checked')).trimEnd().split('\n');
    expect(lines).toEqual([
      'Endpoints checked (GET /models, no tokens spent)',
      `  ok    good (${good.baseUrl}): answers, 2 models; good-model listed (seat 1 Ada)`,
      `  FAIL  dead (${dead}): could not connect to dead (${dead}) (connection refused) — is the server running?`,
    ]);
    expect(good.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['GET', '/v1/models', 'Bearer good-secret-key-1'],
    ]);
    expect(out).not.toContain('good-secret-key-1');
  });

  it('--check-endpoints fails a model the endpoint does not list, and passes when all is well', async () => {
    const good = await startFakeOpenAI();
    fakes.push(good);
    good.enqueue(modelList('llama3:latest'), modelList('llama3:latest'));
    const dir = await writeTable({
      'participants/role1.json': persona('Ada', { model: 'llama3' }),
      'participants/role2.json': persona('Alan', { model: 'llama4' }),
    });
    const env = { OPENAI_BASE_URL: good.baseUrl };
    const bad = await validate(dir, true, env);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(
      `  FAIL  ${good.baseUrl}: answers, 1 model; llama3 listed (seat 1 Ada); llama4 NOT listed (seat 2 Alan)`,
    );
    const fine = await writeTable({
      'participants/role2.json': persona('Alan', { model: 'llama3' }),
    });
    const ok = await validate(fine, true, env);
    expect(ok.code).toBe(0);
  });

  it('a missing key is an input error after the table is described', async () => {
    const dir = await writeTable({
      'participants/role2.json': persona('Claude', { endpoint: 'anthropic' }),
    });
    const stdout = sink();
    const error = await validateCommand(dir, {}, new Command(), {
      env: {},
      stdout,
      stderr: sink(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(
      'participants/role2.json (Claude) uses endpoint anthropic, which needs ANTHROPIC_API_KEY; it is not set',
    );
    expect(stdout.text()).toContain('key ANTHROPIC_API_KEY (NOT SET)');
  });
});
