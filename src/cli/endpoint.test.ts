import { afterEach, describe, expect, it } from 'vitest';
import { loadTable } from '../config/load-table.js';
import { resolveSettings } from '../config/resolve-settings.js';
import { planSeating } from '../config/seating.js';
import { toEngineSettings } from '../config/settings.js';
import { removeTables, role, writeTable } from '../config/test-utils/table-fixture.js';
import { runDiscussion } from '../engine/discussion.js';
import type { DiscussionEvent } from '../engine/events.js';
import { InputError } from '../errors.js';
import { openOfflineModel } from '../llm/offline-model.js';
import {
  type FakeOpenAI,
  modelList,
  startFakeOpenAI,
  streamOf,
} from '../llm/test-utils/fake-openai.js';
import { type EndpointDeps, type OpenedSeating, openSeating } from './endpoint.js';

const opened: OpenedSeating[] = [];
const fakes: FakeOpenAI[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  await removeTables();
});

async function fake(): Promise<FakeOpenAI> {
  const server = await startFakeOpenAI();
  fakes.push(server);
  return server;
}

type Env = Record<string, string>;

async function seatTable(roles: Record<string, unknown>[], config: unknown, env: Env, flags = {}) {
  const files: Record<string, string | null> = {
    'participants/role1.json': null,
    'participants/role2.json': null,
    'roundtable.config.json': JSON.stringify(config),
  };
  roles.forEach((r, i) => {
    files[`participants/role${i + 1}.json`] = role(r);
  });
  const loaded = await loadTable(await writeTable(files));
  const settings = resolveSettings({
    flags,
    env,
    config: loaded.config,
    configPath: loaded.configPath,
    randomSeed: () => 7,
  });
  return { loaded, settings, plan: planSeating(loaded, settings, env) };
}

const persona = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  full_name: `${name} Example`,
  prompt: `You are ${name}.`,
  ...extra,
});

async function collect(events: AsyncIterable<DiscussionEvent>): Promise<DiscussionEvent[]> {
  const all: DiscussionEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('a mixed table on two loopback servers', () => {
  it('sends each seat only to its own endpoint, with its own model and its endpoint’s key', async () => {
    const local = await fake();
    for (let i = 0; i < 20; i++) {
      local.enqueue(
        streamOf(['I agree with the others on this point.'], {
          usage: { prompt: 10, completion: 8 },
        }),
      );
    }
    const dummyModels: string[] = [];
    let dummyStarts = 0;
    const deps: EndpointDeps = {
      // The real in-process model, watched: which model each of its requests named.
      offlineModel: async () => {
        dummyStarts += 1;
        const model = await openOfflineModel({ seed: 3 });
        return (request, signal) => {
          dummyModels.push(request.model ?? '');
          return model(request, signal);
        };
      },
    };
    const env = { LOCAL_TEST_KEY: 'local-secret-key-123' };
    const { loaded, settings, plan } = await seatTable(
      [
        persona('Ada', { endpoint: 'markov', model: 'markov-a' }),
        persona('Alan', { endpoint: 'local' }),
        persona('Grace'),
      ],
      {
        turns: 9,
        seed: 11,
        endpoints: {
          local: { baseUrl: local.baseUrl, model: 'local-model', apiKeyEnv: 'LOCAL_TEST_KEY' },
        },
      },
      env,
    );
    const seating = await openSeating(plan, loaded.table, env, deps);
    opened.push(seating);

    expect(seating.seats.map((s) => [s.seat, s.endpoint, s.label, s.model, s.modelOrigin])).toEqual(
      [
        [1, 'markov', 'markov (offline, in-process)', 'markov-a', 'role file'],
        [
          2,
          'local',
          `local (${local.baseUrl})`,
          'local-model',
          expect.stringMatching(/^endpoints\.local\.model in /),
        ],
        [3, 'markov', 'markov (offline, in-process)', 'markov', 'markov preset default'],
      ],
    );
    expect(seating.table.participants.map((p) => [p.endpoint, p.model])).toEqual([
      ['markov', 'markov-a'],
      ['local', 'local-model'],
      ['markov', 'markov'],
    ]);
    expect(seating.summary).toEqual({ endpoint: '2 endpoints', model: '3 models' });
    expect(seating.offline).toBe(false);

    const events = await collect(
      runDiscussion({
        table: seating.table,
        settings: toEngineSettings(settings),
        model: seating.model,
      }),
    );
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const spoke = (seat: number) =>
      events.filter((e) => (e.type === 'turn-ended' || e.type === 'summary') && e.seat === seat)
        .length;
    expect([spoke(1), spoke(2), spoke(3)].every((n) => n > 0)).toBe(true);

    const chats = local.requests.filter((r) => r.url === '/v1/chat/completions');
    expect(chats).toHaveLength(spoke(2));
    for (const request of chats) {
      const body = request.body as { model: string; messages: { role: string; content: string }[] };
      expect(body.model).toBe('local-model');
      expect(body.messages[0]?.content).toContain('You are Alan.');
      expect(request.headers.authorization).toBe('Bearer local-secret-key-123');
    }
    expect([...dummyModels].sort()).toEqual(
      [...Array(spoke(1)).fill('markov-a'), ...Array(spoke(3)).fill('markov')].sort(),
    );
    expect(dummyStarts).toBe(1);
    expect(seating.secrets).toEqual(['local-secret-key-123']);
  });
});

describe('openSeating', () => {
  it('reports a missing key before contacting any server or starting the dummy', async () => {
    const local = await fake();
    let dummyStarts = 0;
    const { loaded, plan } = await seatTable(
      [persona('Ada'), persona('Claude', { endpoint: 'local', model: 'm' })],
      { endpoints: { local: { baseUrl: local.baseUrl, apiKeyEnv: 'LOCAL_TEST_KEY' } } },
      {},
    );
    const error = await openSeating(
      plan,
      loaded.table,
      {},
      {
        offlineModel: async () => {
          dummyStarts += 1;
          throw new Error('must not start');
        },
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /participants\/role2\.json \(Claude\) uses endpoint local, which needs LOCAL_TEST_KEY; it is not set/,
    );
    expect(local.requests).toHaveLength(0);
    expect(dummyStarts).toBe(0);
  });

  it('a base URL with credentials in it is an input error that does not show them', async () => {
    const { loaded, plan } = await seatTable(
      [persona('Ada'), persona('Alan')],
      {},
      {},
      {
        baseUrl: 'http://user:hunter2pass@127.0.0.1:9/v1',
        model: 'm',
      },
    );
    const error = await openSeating(plan, loaded.table, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain('contains credentials');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('asks an endpoint for its model only when no one names one, and uses the only one listed', async () => {
    const local = await fake();
    local.enqueue(modelList('served-model'), streamOf(['Hello there.']));
    const { loaded, plan } = await seatTable(
      [persona('Ada', { endpoint: 'bare' }), persona('Alan', { endpoint: 'bare' })],
      { endpoints: { bare: { baseUrl: local.baseUrl } } },
      {},
    );
    const seating = await openSeating(plan, loaded.table, {});
    opened.push(seating);
    expect(seating.seats.map((s) => s.model)).toEqual(['served-model', 'served-model']);
    expect(local.requests.map((r) => r.url)).toEqual(['/v1/models']);
    const texts: string[] = [];
    for await (const chunk of seating.model(
      {
        seat: 2,
        speaker: 'Alan',
        purpose: 'turn',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.5,
        maxTokens: 20,
      },
      new AbortController().signal,
    )) {
      if (chunk.type === 'text') texts.push(chunk.text);
    }
    expect(texts.join('')).toBe('Hello there.');
    expect(local.requests[1]?.body).toMatchObject({ model: 'served-model' });
    expect(local.requests[1]?.headers.authorization).toBeUndefined();
  });

  it('an endpoint serving several models is an input error naming the seat and the models', async () => {
    const local = await fake();
    local.enqueue(modelList('llama3:8b', 'mistral:7b'));
    const { loaded, plan } = await seatTable(
      [persona('Ada', { endpoint: 'bare' }), persona('Alan', { endpoint: 'bare', model: 'm' })],
      { endpoints: { bare: { baseUrl: local.baseUrl } } },
      {},
    );
    const error = await openSeating(plan, loaded.table, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `participants/role1\\.json \\(Ada\\) names no model, and bare \\(${local.baseUrl.replaceAll('.', '\\.')}\\) serves 2 models \\(llama3:8b, mistral:7b\\); set "model" in the role file, endpoints\\.bare\\.model`,
      ),
    );
  });
});
