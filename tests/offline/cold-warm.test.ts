// A reply must not depend on what the server saw before: a resumed discussion runs in a fresh
// process, and continues exactly like one never interrupted only if a cold server answers each
// request as the warm one did. The warm server here has its caches full of the discussion (each
// request the previous one plus a turn, as roundtable sends them: what MessageMemo, RequestMemo
// and the conversation chains reuse); every request is then sent again to a server that has not
// seen it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src/config/load-table.js';
import { resolveSettings } from '../../src/config/resolve-settings.js';
import { toEngineSettings } from '../../src/config/settings.js';
import { runDiscussion } from '../../src/engine/discussion.js';
import type { Model } from '../../src/engine/model.js';
import { MarkovEndpoint } from '../../test-server/requests.js';
import { EXAMPLE_TABLE } from './offline-run.js';

const SEED = 11;
const TURNS = 200;
// 65 s alone on an idle 2-core machine, past 120 s beside other builds: the limit only has to
// catch a hang.
const COLD_WARM_TIMEOUT_MS = 360_000;

/** The chat body roundtable's client sends for a request (as the offline adapter builds it). */
interface Body {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly temperature: number | undefined;
  readonly max_tokens: number | undefined;
}

function replyOf(endpoint: MarkovEndpoint, body: Body): string {
  const { generation } = endpoint.chat(body);
  let text = '';
  for (const writer of generation.writers) {
    while (!writer.done) text += writer.take(4096);
  }
  return text;
}

const endpointOptions = { seed: SEED, tokensPerSecond: 0, logLevel: 'silent' } as const;

async function discussion(): Promise<{ body: Body; reply: string }[]> {
  const loaded = await loadTable(EXAMPLE_TABLE);
  const settings = toEngineSettings(
    resolveSettings({ config: loaded.config, flags: { seed: SEED, turns: TURNS }, env: {} }),
  );
  const warm = MarkovEndpoint.from(endpointOptions);
  const sent: { body: Body; reply: string }[] = [];
  const model: Model = async function* (request) {
    const body: Body = {
      model: request.model ?? 'markov',
      messages: request.messages.map(({ role, content }) => ({ role, content })),
      temperature: request.temperature,
      max_tokens: request.maxTokens,
    };
    const reply = replyOf(warm, body);
    sent.push({ body, reply });
    yield { type: 'text', text: reply };
  };
  for await (const _event of runDiscussion({ table: loaded.table, settings, model })) {
    // The events are not what this test reads.
  }
  // The warm server's memo and chains were filled as the discussion went, and a seat's request
  // was read on from its previous one (RequestMemo).
  expect(warm.model.messages.size).toBeGreaterThan(TURNS);
  expect(warm.model.conversations.stats.hits).toBeGreaterThan(TURNS / 2);
  expect(warm.model.requests.stats.carried).toBeGreaterThan(TURNS / 2);
  return sent;
}

/** The same request as a client without roundtable's layout would send it: no roster. */
function withoutRoster(body: Body): Body {
  const messages = body.messages.map((message) =>
    message.role === 'system' && typeof message.content === 'string'
      ? { ...message, content: message.content.replace('\n\nAt the table:\n', '\n\nSeated:\n') }
      : message,
  );
  return { ...body, messages };
}

/** The same request in another conversation: its first spoken message differs. */
function elsewhere(body: Body): Body {
  const first = body.messages.findIndex((message) => message.role !== 'system');
  const messages = body.messages.map((message, index) =>
    index === first ? { ...message, content: `${message.content} (elsewhere)` } : message,
  );
  return { ...body, messages };
}

/** The requests whose reply a fresh server gives differently (indices). */
function differing(
  sent: readonly { body: Body; reply: string }[],
  fresh: () => MarkovEndpoint,
): number[] {
  const differ: number[] = [];
  for (const [index, { body, reply }] of sent.entries()) {
    if (replyOf(fresh(), body) !== reply) differ.push(index);
  }
  return differ;
}

describe('the offline model answers alike cold and warm', () => {
  let sent: { body: Body; reply: string }[] = [];
  beforeAll(async () => {
    sent = await discussion();
  }, COLD_WARM_TIMEOUT_MS);

  it(
    `answers every request of a ${TURNS}-turn discussion from another client alike on a fresh server`,
    () => {
      // Requests without a roster are read as plain conversation (the original's replay is one).
      const warm = MarkovEndpoint.from(endpointOptions);
      // First another conversation with the same later messages after a different first one:
      // what the warm server reuses of them must not carry over what preceded them there.
      for (const { body } of sent) replyOf(warm, elsewhere(withoutRoster(body)));
      const plain = sent.map(({ body }) => {
        const request = withoutRoster(body);
        return { body: request, reply: replyOf(warm, request) };
      });
      expect(plain.length).toBeGreaterThan(TURNS);
      expect(warm.model.messages.size).toBeGreaterThan(TURNS);
      expect(differing(plain, () => MarkovEndpoint.from(endpointOptions))).toEqual([]);
    },
    COLD_WARM_TIMEOUT_MS,
  );

  it(
    `answers every request of a ${TURNS}-turn roundtable discussion alike on a server that saw nothing`,
    () => {
      // Nothing a seat is guarded against may come from another request: the personas of the
      // other seats are not in this one, so a fresh server must answer as the warm one did.
      expect(differing(sent, () => MarkovEndpoint.from(endpointOptions))).toEqual([]);
    },
    COLD_WARM_TIMEOUT_MS,
  );
});
