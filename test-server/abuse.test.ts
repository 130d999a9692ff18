// The dummy server under abuse, over real sockets: requests Node's HTTP parser refuses get
// OpenAI's error object (not a reset or Fastify's shape), a stream honours `Connection: close`,
// and a client that stops reading holds generation back instead of filling memory.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDummyApp } from './app.js';
import type { ReplyEndEvent } from './options.js';

const ends: ReplyEndEvent[] = [];
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  app = buildDummyApp({
    seed: 3,
    logLevel: 'silent',
    tokensPerSecond: 0,
    onReplyEnd: (event) => ends.push(event),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(async () => {
  await app.close();
});

async function open(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** Sends raw bytes and reads until the server closes the connection. */
async function exchange(raw: string | Buffer): Promise<{ text: string; closedMs: number }> {
  const socket = await open();
  const started = performance.now();
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    text += chunk;
  });
  socket.on('error', () => {});
  socket.write(raw);
  await once(socket, 'close');
  return { text, closedMs: performance.now() - started };
}

function statusAndBody(text: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as unknown;
  return { status, body };
}

const openAiError = (code: string) => ({
  error: {
    message: expect.any(String),
    type: 'invalid_request_error',
    param: null,
    code,
  },
});

const chat = JSON.stringify({
  model: 'markov',
  messages: [{ role: 'user', content: 'What should the town do with the old railway line?' }],
  max_tokens: 40,
  stream: true,
});

describe('requests the HTTP parser refuses', () => {
  it('answers a garbage request line with a 400 in OpenAI shape, and closes', async () => {
    const { text } = await exchange('HELLO THERE\r\n\r\n');
    const { status, body } = statusAndBody(text);
    expect(status).toBe(400);
    expect(body).toEqual(openAiError('invalid_http'));
    expect(text).toMatch(/connection: close/i);
  });

  it('answers Content-Length together with chunked encoding with a 400 naming both', async () => {
    const { text } = await exchange(
      'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    );
    const { status, body } = statusAndBody(text);
    expect(status).toBe(400);
    expect(body).toEqual(openAiError('invalid_http'));
    expect((body as { error: { message: string } }).error.message).toMatch(
      /Content-Length|Transfer-Encoding/,
    );
  });

  it('answers a 100 KB header with a 431, not a reset', async () => {
    const { text } = await exchange(
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(100 * 1024)}\r\n\r\n`,
    );
    const { status, body } = statusAndBody(text);
    expect(status).toBe(431);
    expect(body).toEqual(openAiError('headers_too_large'));
  });
});

describe('streams', () => {
  it('closes the connection after [DONE] when the client sent Connection: close', async () => {
    const { text, closedMs } = await exchange(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Connection: close\r\nContent-Length: ${Buffer.byteLength(chat)}\r\n\r\n${chat}`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text).toContain('data: [DONE]');
    expect(text).not.toMatch(/connection: keep-alive/i);
    // Closed by the server, not by a keep-alive timeout (Node's is 5 s, the original's 73 s).
    expect(closedMs).toBeLessThan(3000);
  });

  it('keeps the connection for the next request when the client did not ask to close', async () => {
    const socket = await open();
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    const request = `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(chat)}\r\n\r\n${chat}`;
    socket.write(request);
    while (!text.includes('[DONE]')) await once(socket, 'data');
    socket.write(request);
    while (text.split('[DONE]').length < 3) await once(socket, 'data');
    expect(text.match(/^HTTP\/1\.1 200/gm)?.length).toBe(2);
    socket.destroy();
  });

  it('waits while a client does not read, and stops when it leaves', async () => {
    const before = ends.length;
    const body = JSON.stringify({
      model: 'markov',
      messages: [{ role: 'user', content: 'Tell me everything about the viaduct.' }],
      max_tokens: 1_000_000,
      ignore_eos: true,
      stream: true,
    });
    const socket = await open();
    socket.pause();
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // A second of a reader that never reads. On a loaded machine the server may not make more
    // than the buffers hold in that time anyway: memory.test.ts waits until writing stops and
    // is the test that fails when the stream does not wait.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    socket.destroy();
    while (ends.length === before) await new Promise((resolve) => setTimeout(resolve, 20));
    const end = ends.at(-1) as ReplyEndEvent;
    expect(end.end).toBe('aborted');
    // What fits in the socket buffers (~4 MB here, ~200 bytes of SSE a token) and 256 KB queued.
    expect(end.tokens).toBeGreaterThan(0);
    expect(end.tokens).toBeLessThan(60_000);
  });
});
