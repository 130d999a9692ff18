// Runs a real discussion, as `roundtable run` does offline: the table loaded from its folder, the
// settings resolved, the engine driving the OpenAI client against the bundled Markov server
// (in this process, on a loopback port). Every request the engine sent is recorded beside the
// events, so tests can read what each seat was told and what it answered.
import { fileURLToPath } from 'node:url';
import { loadTable } from '../../src/config/load-table.js';
import { resolveSettings } from '../../src/config/resolve-settings.js';
import { toEngineSettings } from '../../src/config/settings.js';
import { runDiscussion } from '../../src/engine/discussion.js';
import type { DiscussionEvent } from '../../src/engine/events.js';
import type { Model, ModelRequest } from '../../src/engine/model.js';
import type { Table } from '../../src/engine/table.js';
import { createOpenAIModel } from '../../src/llm/openai-model.js';
import { startDummyServer } from '../../test-server/server.js';

export const EXAMPLE_TABLE = fileURLToPath(new URL('../..', import.meta.url));
export const LIBRARY_TABLE = fileURLToPath(new URL('./fixtures/library', import.meta.url));

export interface OfflineRun {
  readonly table: Table;
  readonly events: readonly DiscussionEvent[];
  readonly requests: readonly ModelRequest[];
  /** Each reply as the engine received it, beside the request it answered. */
  readonly replies: readonly { readonly request: ModelRequest; readonly text: string }[];
}

export interface OfflineOptions {
  readonly seed: number;
  readonly turns: number;
  /** Extra settings, as a config file would give them. */
  readonly config?: Record<string, unknown> | undefined;
  /** Rewrites the loaded table (to give seats knobs, say). */
  readonly table?: ((table: Table) => Table) | undefined;
}

export async function runOffline(dir: string, options: OfflineOptions): Promise<OfflineRun> {
  const loaded = await loadTable(dir);
  const table = options.table?.(loaded.table) ?? loaded.table;
  const settings = toEngineSettings(
    resolveSettings({
      config: { ...loaded.config, ...options.config },
      flags: { seed: options.seed, turns: options.turns },
      env: {},
    }),
  );
  const server = await startDummyServer({ seed: options.seed, logLevel: 'silent' });
  const requests: ModelRequest[] = [];
  const replies: { request: ModelRequest; text: string }[] = [];
  const client = createOpenAIModel({
    baseUrl: server.url,
    apiKey: '',
    model: 'markov',
    timeoutMs: 20_000,
    stallTimeoutMs: 20_000,
    retries: 0,
  });
  const model: Model = async function* (request, signal) {
    requests.push(request);
    let text = '';
    for await (const chunk of client(request, signal)) {
      if (chunk.type === 'text') text += chunk.text;
      yield chunk;
    }
    replies.push({ request, text });
  };
  const events: DiscussionEvent[] = [];
  try {
    for await (const event of runDiscussion({ table, settings, model })) events.push(event);
  } finally {
    await server.close();
  }
  return { table, events, requests, replies };
}
