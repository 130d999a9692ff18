import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { dummyStats } from './app.js';
import type { ReplyEndEvent } from './options.js';
import { type DummyServer, startDummyServer, workerEnvironment } from './server.js';
import { sseChunks } from './test-utils/sse.js';

const servers: DummyServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Parameters<typeof startDummyServer>[0] = {}): Promise<DummyServer> {
  const server = await startDummyServer({ logLevel: 'silent', ...options });
  servers.push(server);
  return server;
}

/** Resolves with the next reply-end event the server reports. */
function nextReplyEnd(): { hook: (event: ReplyEndEvent) => void; ended: Promise<ReplyEndEvent> } {
  let hook: (event: ReplyEndEvent) => void = () => {};
  const ended = new Promise<ReplyEndEvent>((resolve) => {
    hook = resolve;
  });
  return { hook: (event) => hook(event), ended };
}

const longStream = JSON.stringify({
  model: 'markov',
  messages: [{ role: 'user', content: 'hi' }],
  stream: true,
  max_tokens: 1_000_000,
  ignore_eos: true,
});

/** Opens a streaming request and resolves once `minBytes` of the stream have arrived. */
async function openStream(url: string, minBytes: number) {
  const req = request(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
  req.end(longStream);
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  let body = '';
  res.setEncoding('utf8');
  await new Promise<void>((resolve) => {
    res.on('data', (chunk: string) => {
      body += chunk;
      if (body.length >= minBytes) resolve();
    });
  });
  return { req, res, received: () => body };
}

describe('startDummyServer', () => {
  it('listens on loopback on an ephemeral port and serves OpenAI clients at url', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
    expect(server.port).toBeGreaterThan(0);
    const response = await fetch(`${server.url}/models`);
    expect(response.status).toBe(200);
  });

  it.each([0, 500])(
    'stops generating as soon as a streaming client leaves (%i tokens/s)',
    async (pace) => {
      const { hook, ended } = nextReplyEnd();
      const server = await start({ onReplyEnd: hook, tokensPerSecond: pace });
      const stream = await openStream(server.url, 2_000);
      stream.req.destroy();
      const event = await ended;
      expect(event.end).toBe('aborted');
      expect(event.streamed).toBe(true);
      expect(event.tokens).toBeLessThan(1_000_000);
      const stats = dummyStats(server.app ?? expect.unreachable());
      expect(stats.aborted).toBe(1);
      expect(stats.active).toBe(0);
      // Nothing keeps running: the count does not move on.
      await new Promise((resolve) => setImmediate(resolve));
      expect(dummyStats(server.app ?? expect.unreachable()).tokens).toBe(event.tokens);
    },
  );

  it('stops a paced non-streamed reply when its client leaves', async () => {
    const { hook, ended } = nextReplyEnd();
    const server = await start({ onReplyEnd: hook, firstTokenMs: 60_000 });
    const controller = new AbortController();
    const pending = fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
      signal: controller.signal,
    }).catch((error: Error) => error);
    // The request is in (generated, waiting out its first-token delay) once active is 1.
    while (dummyStats(server.app ?? expect.unreachable()).active === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    expect((await ended).end).toBe('aborted');
  });

  it('close() ends open streams properly and resolves', async () => {
    const { hook, ended } = nextReplyEnd();
    const server = await start({ onReplyEnd: hook, tokensPerSecond: 200 });
    const stream = await openStream(server.url, 500);
    const finished = once(stream.res, 'end');
    await server.close();
    await finished;
    const chunks = sseChunks(stream.received());
    expect(chunks[0]?.choices[0]?.delta?.role).toBe('assistant');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
    expect((await ended).end).toBe('shutdown');
  });

  it('close() answers a reply still waiting out its latency instead of waiting', async () => {
    const server = await start({ firstTokenMs: 600_000 });
    const pending = fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    while (dummyStats(server.app ?? expect.unreachable()).active === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await server.close();
    const response = await pending;
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(reply.choices[0]?.message.content).not.toBe('');
  });

  it('rejects a port in use with the reason', async () => {
    const server = await start();
    await expect(startDummyServer({ port: server.port, logLevel: 'silent' })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});

// Starting worker processes takes seconds on a loaded two-core machine.
describe('startDummyServer with workers', { timeout: 60_000 }, () => {
  it('serves from several processes on one port, logs through the primary, and closes them all', async () => {
    const lines: string[] = [];
    const server = await start({
      workers: 2,
      seed: 3,
      logLevel: 'info',
      logStream: { write: (line: string) => lines.push(line) },
    });
    expect(server.app).toBeUndefined();
    expect(server.workerPids).toHaveLength(2);
    // Each worker starts with malloc held to two arenas (what the user set is kept).
    for (const pid of server.workerPids)
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain(
        `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`,
      );
    const body = JSON.stringify({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 1,
    });
    const texts = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body });
        expect(response.status).toBe(200);
        return ((await response.json()) as { choices: { message: { content: string } }[] })
          .choices[0]?.message.content;
      }),
    );
    // Same seed in every worker: the same request gets the same reply whichever serves it.
    expect(new Set(texts).size).toBe(1);
    await server.close();
    for (const pid of server.workerPids) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    const logged = lines.join('').split('\n');
    expect(logged.filter((line) => line.includes('POST /v1/chat/completions 200'))).toHaveLength(6);
  });

  it("holds a worker's malloc to two arenas unless the user chose a number", () => {
    expect(workerEnvironment({})).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(workerEnvironment({ MALLOC_ARENA_MAX: '8' })).toEqual({ MALLOC_ARENA_MAX: '8' });
  });

  it('reports a worker that cannot listen', async () => {
    const server = await start();
    await expect(
      startDummyServer({ port: server.port, workers: 2, logLevel: 'silent' }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
