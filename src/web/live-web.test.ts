import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../engine/commands.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { type LiveWeb, startLiveWeb } from './start.js';
import { openSse, recordsOf, until } from './test-utils/sse-client.js';

let web: LiveWeb | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

async function start(options: { control?: boolean; host?: string } = {}) {
  const sent: Command[] = [];
  web = await startLiveWeb({
    host: options.host ?? '127.0.0.1',
    port: 0,
    control: options.control ?? false,
    send: (command) => sent.push(command),
    turns: 6,
  });
  const base = `http://127.0.0.1:${web.port}`;
  return { web, sent, base };
}

const errorOf = async (response: Response): Promise<string> =>
  ((await response.json()) as { error: string }).error;

/** fetch() will not send another Host header; node:http will. */
const statusWithHost = (url: string, host: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { headers: { host } }, (response) => {
      if (response.statusCode === 200) {
        // An event stream does not end: the status is all this needs.
        req.destroy();
        resolve({ status: 200, body: '' });
        return;
      }
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('run --web', () => {
  it('serves the page and the event stream read-only, and refuses controls', async () => {
    const { web, base, sent } = await start();
    expect(web.token).toBeUndefined();
    expect(web.url).toBe(`${base}/`);
    for (const event of syntheticRun({ turns: 2 })) web.publish(event);
    const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-events="/events"');
    expect(html).not.toContain('id="controls"');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[^']+'/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");

    const control = await post(`${base}/control`, '{"type":"pause"}');
    expect(control.status).toBe(403);
    expect(await errorOf(control)).toContain('--web-control');
    expect(sent).toEqual([]);

    const stream = openSse(`${base}/events`);
    await until(() => recordsOf(stream).some((r) => r.type === 'discussion-ended'), 'the end');
    stream.close();
  });

  it('takes the moderator’s commands with the token, and says what is wrong otherwise', async () => {
    const { web, base, sent } = await start({ control: true });
    const token = web.token ?? '';
    expect(web.url).toBe(`${base}/?token=${token}`);
    for (const event of syntheticRun({ turns: 6, end: false }).slice(0, 5)) web.publish(event);
    const auth = { authorization: `Bearer ${token}` };

    const withToken = await (await fetch(web.url)).text();
    expect(withToken).toContain('id="controls"');
    expect(withToken).toContain('data-control="/control"');
    // The page without the token is read-only.
    expect(await (await fetch(`${base}/`)).text()).not.toContain('id="controls"');

    const cases: [string, Record<string, string>, number, string][] = [
      ['{"type":"pause"}', {}, 401, 'token printed in the terminal'],
      ['{"type":"pause"}', { authorization: 'Bearer nope' }, 403, 'wrong token'],
      ['{"type":', auth, 400, 'not valid JSON'],
      ['[1]', auth, 400, 'must be a JSON object'],
      ['{"type":"dance"}', auth, 400, '"type" must be one of'],
      ['{"type":"interject","text":"  "}', auth, 400, 'must not be empty'],
      ['{"type":"pause","extra":1}', auth, 400, 'extra'],
      ['{"type":"ask","name":"Zed"}', auth, 400, 'Nobody called "Zed"'],
      ['{"type":"set-topic","topic":9}', auth, 400, 'There is no question 9'],
      [`{"type":"interject","text":"${'a'.repeat(70_000)}"}`, auth, 413, 'over 64 KB'],
    ];
    for (const [body, headers, status, message] of cases) {
      const response = await post(`${base}/control`, body, headers);
      expect(response.status, body.slice(0, 40)).toBe(status);
      expect(await errorOf(response), body.slice(0, 40)).toContain(message);
    }
    const notJson = await fetch(`${base}/control`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'pause',
    });
    expect(notJson.status).toBe(415);
    expect(sent).toEqual([]);

    for (const body of [
      '{"type":"pause"}',
      '{"type":"interject","text":"@ada, your view?"}',
      '{"type":"ask","name":"@bob"}',
    ]) {
      const response = await post(`${base}/control`, body, auth);
      expect(response.status).toBe(202);
    }
    expect(sent).toEqual([
      { type: 'pause' },
      { type: 'interject', text: '@ada, your view?' },
      { type: 'ask', name: 'Bob' },
    ]);

    web.publish({
      type: 'discussion-ended',
      reason: 'stopped',
      turns: 2,
      usage: { promptTokens: 0, completionTokens: 0, estimated: false },
    });
    await web.close();
    const late = await post(`${base}/control`, '{"type":"pause"}', auth).catch(() => undefined);
    expect(late === undefined || late.status === 409).toBe(true);
  });

  it('beyond loopback needs the token to view at all', async () => {
    const { web } = await start({ host: '0.0.0.0' });
    const base = `http://127.0.0.1:${web.port}`;
    expect(web.token).toBeDefined();
    const bare = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain('?token=');
    expect((await fetch(`${base}/events?token=wrong`)).status).toBe(403);
    expect((await fetch(`${base}/?token=${web.token}`)).status).toBe(200);
  });

  it('refuses other host names on loopback, bad stream positions and unknown pages', async () => {
    const { base } = await start();
    const rebound = await statusWithHost(`${base}/events`, 'evil.example');
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('is not this server');
    expect((await statusWithHost(`${base}/events?after=999`, `localhost:${1}`)).status).toBe(200);
    const badId = await fetch(`${base}/events`, { headers: { 'last-event-id': 'abc' } });
    expect(badId.status).toBe(400);
    expect(await errorOf(badId)).toContain('whole number');
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toBe('nothing at GET /nope');
  });

  it('names a port in use', async () => {
    const { web } = await start();
    await expect(
      startLiveWeb({ host: '127.0.0.1', port: web.port, control: false, send: () => {} }),
    ).rejects.toThrow(`port ${web.port} is in use`);
  });
});
