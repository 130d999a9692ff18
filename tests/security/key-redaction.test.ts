// The API key must never leave the process except in the Authorization header: not in the
// terminal, not in events.jsonl, not in transcript.md, even when the server quotes it back in
// every error it sends.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, withTempDir, writeTable } from '../helpers/cli.js';
import {
  type Fault,
  type FaultServer,
  type RecordedRequest,
  startFaultServer,
} from '../helpers/fault-server.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An error body that quotes the request's credentials back, as some proxies and servers do. */
const echo = (status: number, headers?: Record<string, string>): Fault =>
  ({
    kind: 'json',
    status,
    headers,
    body: (request: RecordedRequest) => {
      const auth = String(request.headers.authorization ?? '');
      const key = auth.replace(/^Bearer /u, '');
      return {
        error: {
          message: `Request with header "Authorization: ${auth}" failed; key ${key} (url-encoded ${encodeURIComponent(key)}), masked ${key.slice(0, 7)}****${key.slice(-4)}`,
          type: status === 401 ? 'invalid_request_error' : 'server_error',
          code: key,
        },
      };
    },
  }) as const;

const ok: Fault = { kind: 'ok' };

describe('the API key', () => {
  it('appears in no output, log or transcript, though the server echoes it in every error', async () => {
    const key = `sk-test-${randomBytes(16).toString('hex')}`;
    // Run 1: turn 1 fails after a retry (500s quoting the key), turn 2 is retried after a 429
    // quoting it, turn 3 is refused with a 401 quoting it, which ends the run (a fatal error).
    // The resume: a 500 quoting it, then the discussion finishes.
    const schedule: Fault[] = [
      echo(500),
      echo(502),
      echo(429, { 'retry-after-ms': '10' }),
      ok,
      echo(401),
      echo(500),
    ];
    const fault = await startFaultServer({ schedule: (index) => schedule[index] ?? ok });
    server = fault;
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 3);
      const out = join(tmp, 'out');
      const env = { OPENAI_API_KEY: key };
      const first = await runCli(
        [
          'run',
          table,
          '--plain',
          '--base-url',
          fault.baseUrl,
          '--model',
          'fault-model',
          '--turns',
          '5',
          '--retries',
          '1',
          '--out',
          out,
        ],
        { env },
      );
      expect(first.code).toBe(1);
      const [name] = readdirSync(out);
      const dir = join(out, name ?? '');
      // The key goes only to an endpoint the user names, not to the one the transcript records.
      const second = await runCli(['resume', dir, '--json'], {
        env: { ...env, OPENAI_BASE_URL: fault.baseUrl },
      });
      expect(second.stderr).toContain(
        `sending OPENAI_API_KEY to ${fault.baseUrl} (named by OPENAI_BASE_URL)`,
      );
      expect(second.code).toBe(0);

      // The server was sent the key, and quoted it back each time it failed.
      const chats = fault.chatRequests();
      expect(chats.length).toBeGreaterThan(schedule.length);
      for (const request of chats) expect(request.headers.authorization).toBe(`Bearer ${key}`);
      // The failures did reach the user, just without the key.
      const events = readFileSync(join(dir, 'events.jsonl'), 'utf8');
      const markdown = readFileSync(join(dir, 'transcript.md'), 'utf8');
      expect(events).toContain('"kind":"auth"');
      expect(events).toContain('HTTP 500');
      // …with the server's words kept and the key cut out of them.
      expect(events).toContain('[redacted]');
      expect(markdown).toContain('\\[redacted\\]');
      expect(markdown).toContain('error (auth)');
      expect(second.stdout).toContain('"type":"retry"');

      const places = {
        'run stdout': first.stdout,
        'run stderr': first.stderr,
        'resume stdout': second.stdout,
        'resume stderr': second.stderr,
        'events.jsonl': events,
        'transcript.md': markdown,
      };
      const secret = key.slice('sk-test-'.length);
      for (const [place, text] of Object.entries(places)) {
        expect(text.includes(secret), `${place} holds the key`).toBe(false);
        expect(text.includes(encodeURIComponent(key)), `${place} holds the key`).toBe(false);
        expect(text.includes(key.slice(-12)), `${place} holds part of the key`).toBe(false);
      }
    });
  }, 60_000);

  it('is not printed on --plain or --json stdout when the endpoint echoes it in a reply', async () => {
    const key = `sk-test-${randomBytes(16).toString('hex')}`;
    const whole: Fault = { kind: 'ok', text: `Your key is ${key}, and mine is ${key}.` };
    // The same reply with the key streamed in pieces that do not hold it alone.
    const pieces: Fault = {
      kind: 'ok',
      pieces: ['Your key is sk-', `${key.slice(3, 12)}`, key.slice(12), ', and mine is ', key, '.'],
    };
    const fault = await startFaultServer({ schedule: (i) => (i % 2 === 0 ? whole : pieces) });
    server = fault;
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      const common = ['--base-url', fault.baseUrl, '--model', 'fault-model', '--turns', '2'];
      for (const mode of ['--plain', '--json']) {
        const result = await runCli(['run', table, mode, ...common, '--out', join(tmp, 'out')], {
          env: { OPENAI_API_KEY: key },
        });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout, `${mode} stdout`).toContain('Your key is [redacted]');
        expect(result.stdout.includes(key.slice(3, 12)), `${mode}: a piece of the key`).toBe(false);
        expect(result.stdout.includes(key.slice(8)), `${mode} stdout holds the key`).toBe(false);
        expect(result.stderr.includes(key.slice(8)), `${mode} stderr holds the key`).toBe(false);
      }
    });
  });
});
