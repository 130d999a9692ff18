// The dummy server's memory after clients that stop reading have left: it returns to what it
// held before they came (issue 11: three such clients once grew it to 1.19 GB, kept after they
// left). The server runs in a process of its own with --expose-gc (test-utils/memory-probe.ts),
// so every figure is taken after a full collection and no other test's garbage counts.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProbeMeasure } from './test-utils/memory-probe.js';
import { type MemoryProbe, startMemoryProbe } from './test-utils/probe-client.js';

const MB = 1024 * 1024;
let probe: MemoryProbe;

beforeAll(async () => {
  probe = await startMemoryProbe();
}, 60_000);

afterAll(async () => {
  await probe.close();
});

const measure = () => probe.measure();

function body(maxTokens: number): string {
  return JSON.stringify({
    model: 'markov',
    messages: [
      { role: 'system', content: 'You are Ines, a landscape ecologist.' },
      { role: 'user', content: 'Tell me everything about the viaduct and the old railway line.' },
    ],
    max_tokens: maxTokens,
    ignore_eos: true,
    stream: true,
  });
}

function request(text: string): string {
  return (
    'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
  );
}

/** A client that sends its request, takes the first bytes of the reply, then reads no more. */
async function stalledClient(): Promise<Socket> {
  const socket = connect(probe.port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(request(body(1_000_000)));
  await once(socket, 'data');
  socket.pause();
  return socket;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Tokens (~200 bytes of SSE each) far beyond what the kernel's buffers take for three sockets
 * that are not read (a few MB each): a server that has written this many does not wait.
 */
const BEYOND_BUFFERS = 150_000;

it('waits for clients that stopped reading, and returns to its baseline after they left', async () => {
  // The same request read to its end first, so the baseline holds what serving it leaves behind
  // on purpose (the model's caches, compiled code) and only what the stalled clients held differs.
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`http://127.0.0.1:${probe.port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(10_000),
    });
    expect(await response.text()).toContain('[DONE]');
  }
  const baseline = await measure();

  const clients = await Promise.all([stalledClient(), stalledClient(), stalledClient()]);
  // Until the server stops writing to them (their buffers are full and it waits), or has written
  // more than any buffers hold (it does not wait): whichever comes first, however slow the machine.
  let during = await measure();
  for (let unchanged = 0; unchanged < 4 && during.streamed - baseline.streamed < BEYOND_BUFFERS; ) {
    await pause(250);
    const next = await measure();
    unchanged = next.streamed === during.streamed ? unchanged + 1 : 0;
    during = next;
  }

  for (const client of clients) client.destroy();
  let after = await measure();
  for (
    let look = 0;
    look < 200 && (after.aborted < baseline.aborted + 3 || after.active > 0);
    look++
  ) {
    await pause(50);
    after = await measure();
  }
  const report = (m: ProbeMeasure) =>
    `rss ${(m.rss / MB).toFixed(1)} MB, heap ${(m.heapUsed / MB).toFixed(1)} MB, external ${(m.external / MB).toFixed(1)} MB`;
  const figures = `before: ${report(baseline)}; stalled: ${report(during)}; after: ${report(after)}; ${during.streamed - baseline.streamed} tokens written to the stalled clients`;
  expect(during.active, figures).toBe(3);
  expect(during.streamed - baseline.streamed, figures).toBeLessThan(BEYOND_BUFFERS);
  // Tolerances far below what a server without backpressure holds (tens to hundreds of MB), and
  // well above the noise of a collection (a few MB).
  const held = (m: ProbeMeasure) => m.heapUsed + m.external;
  expect(held(during) - held(baseline), figures).toBeLessThan(16 * MB);
  expect(after.aborted - baseline.aborted, figures).toBe(3);
  expect(after.active, figures).toBe(0);
  expect(held(after) - held(baseline), figures).toBeLessThan(8 * MB);
  expect(after.rss - baseline.rss, figures).toBeLessThan(40 * MB);
}, 120_000);
