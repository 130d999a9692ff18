import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Ink reads CI when it is imported and then refuses live output, even on a terminal; the TUI
// must override that for a real TTY.
vi.hoisted(() => {
  process.env.CI = 'true';
});

import { ModelError } from '../engine/model.js';
import { startTui, type Tui } from './run-tui.js';
import { delta, HEADER, spokenTurn, started, turnEnded, turnStarted } from './test-utils/events.js';
import { FakeStdin, FakeStdout, stripAnsi, tick } from './test-utils/render.js';

const started_: Tui[] = [];
afterEach(() => {
  for (const tui of started_.splice(0)) tui.unmount();
});

function start(options: { tty: boolean }) {
  const stdout = new FakeStdout(80, 30);
  const stdin = new FakeStdin();
  stdin.isTTY = options.tty;
  Object.assign(stdout, { isTTY: options.tty });
  const tui = startTui({
    header: HEADER,
    send: () => {},
    onAbort: () => {},
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
  });
  started_.push(tui);
  const output = () => stripAnsi(stdout.frames.join(''));
  return { tui, stdout, output };
}

describe('startTui', () => {
  it('draws live on a terminal even when CI is set', async () => {
    const { tui, output } = start({ tty: true });
    tui.handle(started());
    tui.handle(turnStarted(1, 1));
    tui.handle(delta(1, 'Streaming already'));
    // Deltas are drawn by the store's next flush, at most ~33 ms later.
    await vi.waitFor(() => expect(output()).toContain('Streaming already'), { timeout: 5000 });
  });

  it('writes each finished turn once to a pipe, then the final frame on unmount', () => {
    const { tui, output } = start({ tty: false });
    for (const event of [
      started(2),
      ...spokenTurn(1, 1, 'The first turn.'),
      ...spokenTurn(2, 2, 'The second turn.'),
    ]) {
      tui.handle(event);
    }
    tui.handle({
      type: 'discussion-ended',
      reason: 'completed',
      turns: 2,
      usage: { promptTokens: 200, completionTokens: 40, estimated: false },
    });
    tui.unmount();
    const text = output();
    expect(text.split('The first turn.')).toHaveLength(2);
    expect(text.split('The second turn.')).toHaveLength(2);
    expect(text).toContain('── Discussion completed after 2 turns · tokens 200 in / 40 out');
    expect(text).toContain('done: completed');
  });

  it('writes its frame and update counts to the stats file when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roundtable-run-tui-'));
    try {
      const statsFile = join(dir, 'stats.json');
      const stdout = Object.assign(new FakeStdout(80, 30), { isTTY: true });
      const tui = startTui({
        header: HEADER,
        send: () => {},
        onAbort: () => {},
        stdout: stdout as unknown as NodeJS.WriteStream,
        stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
        statsFile,
      });
      for (const event of [started(1), ...spokenTurn(1, 1, 'One turn.')]) tui.handle(event);
      tui.unmount();
      const stats = JSON.parse(await readFile(statsFile, 'utf8')) as Record<string, number>;
      expect(stats.renders).toBeGreaterThan(0);
      expect(stats.storeUpdates).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('resolves waitUntilExit after unmount', async () => {
    const { tui } = start({ tty: false });
    const exited = tui.waitUntilExit();
    tui.unmount();
    await expect(exited).resolves.toBeUndefined();
  });

  it("opens a human seat's input box in the same frame as the turn's heading", async () => {
    const { tui, stdout } = start({ tty: true });
    // Each update is written between the terminal's synchronized-output markers, whole.
    const updates = () => stdout.frames.join('').split('\u001b[?2026h').map(stripAnsi);
    tui.handle(started());
    tui.handle(turnStarted(1, 1));
    tui.handle(delta(1, 'Alice is still talking'));
    await vi.waitFor(() => expect(updates().at(-1)).toContain('still talking'), { timeout: 5000 });
    // As the engine does: the turn ends and the next starts (queued), then the model is asked.
    tui.handle(turnEnded(1, 1, 'Alice is still talking.'));
    tui.handle(turnStarted(2, 2));
    const stop = new AbortController();
    const reply = tui.humanModel(
      { seat: 2, speaker: 'Bob', purpose: 'turn', messages: [], temperature: 1, maxTokens: 10 },
      stop.signal,
    );
    const next = reply[Symbol.asyncIterator]().next();
    await vi.waitFor(() => expect(updates().at(-1)).toContain('Your turn, Bob'), {
      timeout: 5000,
    });
    const withBox = updates().filter((update) => update.includes('Your turn, Bob'));
    expect(withBox.length).toBeGreaterThan(0);
    for (const update of withBox) {
      expect(update).toContain('✎ Bob · turn 2/10');
      expect(update).not.toContain('still talking\n\n');
    }
    stop.abort();
    await expect(next).resolves.toMatchObject({ done: true });
  });

  it('fails a human seat at once when there is no keyboard', async () => {
    const { tui } = start({ tty: false });
    const reply = tui.humanModel(
      { seat: 2, speaker: 'Bob', purpose: 'turn', messages: [], temperature: 1, maxTokens: 10 },
      new AbortController().signal,
    );
    const failure = await reply[Symbol.asyncIterator]()
      .next()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ModelError);
    await tick();
  });
});
