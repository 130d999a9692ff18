import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

/** Starts `roundtable dummy-server` on a free port and resolves with its base URL. */
function startServer(args: string[] = []) {
  let announced: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    announced = resolve;
  });
  let seen = '';
  const server = spawnCli(['dummy-server', '--port', '0', '--workers', '1', ...args], {
    onStdout: (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(seen);
      if (match?.[1] !== undefined) announced(match[1]);
    },
  });
  return { ...server, url };
}

describe('roundtable dummy-server', () => {
  it('serves chat completions on loopback, logs a line per request and stops on SIGTERM', async () => {
    const server = startServer(['--seed', '3']);
    try {
      const base = await server.url;
      const health = await fetch(`${base.replace(/\/v1$/, '')}/health`);
      expect(health.status).toBe(200);
      const response = await fetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'anything',
          max_tokens: 20,
          messages: [
            { role: 'user', content: 'Shall we reopen the railway line or build a trail?' },
          ],
        }),
      });
      const body = (await response.json()) as {
        model: string;
        choices: { message: { role: string; content: string } }[];
      };
      expect(body.model).toBe('anything');
      expect(body.choices[0]?.message.role).toBe('assistant');
      expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
    } finally {
      server.child.kill('SIGTERM');
    }
    const result = await server.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/POST \/v1\/chat\/completions.*200/);
  });

  it('logs every request of several workers on its stderr, one whole line each', async () => {
    // The workers write their lines to the shared stderr themselves (test-server/worker.ts).
    const server = startServer(['--workers', '2', '--seed', '3']);
    const requests = 40;
    try {
      const base = await server.url;
      const statuses = await Promise.all(
        Array.from({ length: requests }, async (_, i) => {
          const response = await fetch(`${base}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              model: 'markov',
              max_tokens: 10,
              messages: [{ role: 'user', content: `Request ${i}: what of the railway?` }],
            }),
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
    }
    const { code, stderr } = await server.done;
    expect(code).toBe(0);
    const logged = stderr.split('\n').filter((line) => line.includes('/v1/chat/completions'));
    expect(logged).toHaveLength(requests);
    for (const line of logged) {
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\dT\S+Z info POST \/v1\/chat\/completions 200 [\d.]+ ms \d+ tokens$/,
      );
    }
  }, 60_000);

  it('ends an open stream cleanly when stopped mid-reply', async () => {
    const server = startServer(['--tokens-per-second', '20', '--log-level', 'silent']);
    const base = await server.url;
    const response = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'markov',
        stream: true,
        max_tokens: 2000,
        messages: [{ role: 'user', content: 'Talk for a long while about railways, please.' }],
      }),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    server.child.kill('SIGINT');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect((await server.done).code).toBe(0);
  });

  it('rejects a bad port naming the flag', async () => {
    const result = await spawnCli(['dummy-server', '--port', '99999']).done;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port');
    expect(result.stderr).toContain('65535');
  });
});
