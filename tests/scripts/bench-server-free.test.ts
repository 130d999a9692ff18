import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The benchmark's "without its model" server must pay for what our worker pays outside the
// model (the body read and parsed through the body memo), or its ceiling means nothing.
let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-server-free.ts'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\d+)/.exec(output);
      if (match !== null) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}): ${output}`)));
  });
  url = `http://127.0.0.1:${port}/v1/chat/completions`;
}, 60_000);

afterAll(async () => {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGKILL');
  await exited;
});

const post = (body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('scripts/bench-server-free.ts', () => {
  it('answers a chat request with a completion', async () => {
    const messages = [{ role: 'user', content: 'x'.repeat(2000) }];
    const response = await post(JSON.stringify({ model: 'markov', messages }));
    expect(response.status).toBe(200);
    const completion = (await response.json()) as {
      object: string;
      choices: { message: { content: string } }[];
    };
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toMatch(/\w/);
  });

  it('reads and parses the body as the worker does (a body that is not JSON is refused)', async () => {
    const response = await post(`{"model":"markov","messages":[${'{"role":"user",'.repeat(100)}`);
    expect(response.status).toBe(400);
    const refusal = (await response.json()) as { error: { message: string } };
    expect(refusal.error.message).toMatch(/JSON/i);
  });
});
