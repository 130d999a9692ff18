// The live view's keys: the moderator's controls, help, Ctrl-C, the input box and a person's
// own turn.
import { describe, expect, it } from 'vitest';
import type { ModelChunk } from '../../engine/model.js';
import { setupApp as setup, statusBlock } from '../test-utils/app.js';
import { delta, PEOPLE, started, turnEnded, turnStarted } from '../test-utils/events.js';
import { keys, stripAnsi, tick } from '../test-utils/render.js';

describe('App keys', () => {
  it('sends pause and resume on space, skip on Ctrl-S, and asks once before next topic and wrap-up', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    await ui.press(' ');
    expect(statusBlock(ui.frame())[3]).toContain('pausing…');
    await ui.emit({ type: 'command', command: { type: 'pause' } });
    expect(statusBlock(ui.frame())[3]).toContain(
      '⏸ paused · type to talk · space resume · ^S skip · ^N topic · ^W wrap · ^C quit · ? help',
    );
    await ui.press(' ', keys.ctrlS, keys.ctrlN);
    expect(statusBlock(ui.frame())[3]).toContain('Move on to the next topic? ^N again: yes');
    await ui.press(keys.ctrlN, keys.ctrlW, keys.ctrlW);
    expect(ui.sent).toEqual([
      { type: 'pause' },
      { type: 'resume' },
      { type: 'skip' },
      { type: 'next-topic' },
      { type: 'wrap-up' },
    ]);
  });

  it('opens the input box with whatever is typed; no letter acts', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    await ui.type('hello what');
    expect(ui.sent).toEqual([]);
    expect(ui.frame()).toContain('› hello what');
  });

  it('stops on the first Ctrl-C (the session aborts the run) and passes the second on', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    await ui.press(keys.ctrlC);
    expect(ui.aborts()).toBe(1);
    expect(ui.sent).toEqual([]);
    expect(statusBlock(ui.frame())[3]).toBe('stopping… Ctrl-C again leaves at once');
    await ui.press(keys.ctrlC);
    expect(ui.aborts()).toBe(2);
  });

  it('pages the help overlay with ? and closes it', async () => {
    const ui = setup({ columns: 80, rows: 40 });
    await ui.emit(started());
    await ui.press('?');
    expect(ui.frame()).toContain('Ctrl-C');
    expect(ui.frame()).toContain('/topic <N|text>');
    await ui.press('?');
    expect(ui.frame()).not.toContain('/topic <N|text>');
  });

  it('prints a pause made during a turn after the turn, where the transcript puts it', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1), delta(1, 'Half a thought'));
    await ui.emit({ type: 'command', command: { type: 'pause' } });
    expect(ui.frame()).not.toContain('paused by the moderator');
    await ui.emit(
      { type: 'command', command: { type: 'resume' } },
      turnEnded(1, 1, 'Half a thought, whole.'),
    );
    const frame = ui.frame();
    expect(frame.indexOf('Half a thought, whole.')).toBeLessThan(
      frame.indexOf('paused by the moderator'),
    );
    expect(frame.indexOf('paused by the moderator')).toBeLessThan(frame.indexOf('· resumed'));
  });

  it('drops the "wrapping up" notice in the same frame as the summary starts, never after', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    await ui.press(keys.ctrlW, keys.ctrlW);
    expect(ui.frame()).toContain('→ wrapping up: summary next');
    const before = ui.stdout.frames.length;
    await ui.emit(turnEnded(1, 1, 'Done.'), turnStarted(2, 2, { kind: 'summary' }));
    await tick(50);
    // Every frame drawn since: the summary's heading never shares one with the stale notice.
    const frames = ui.stdout.frames.slice(before).map(stripAnsi);
    const withSummary = frames.filter((frame) => frame.includes('Summary by Bob'));
    expect(withSummary.length).toBeGreaterThan(0);
    for (const frame of withSummary) expect(frame).not.toContain('wrapping up');
    expect(statusBlock(ui.frame())[2]).toMatch(/^Summary by Bob/);
  });

  it("draws what the engine said before a key press before the key's answer", async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    // The summary has started (queued, not yet drawn) when the key comes: the notice answers the
    // key, so it stays, under the summary's heading.
    ui.store.push(turnEnded(1, 1, 'Done.'));
    ui.store.push(turnStarted(2, 2, { kind: 'summary' }));
    await ui.press(keys.ctrlS);
    await tick(50);
    expect(ui.frame()).toContain('Summary by Bob');
    expect(ui.frame()).toContain('→ skipping the rest of this turn');
  });

  describe('input box', () => {
    it('sends typed text as an interjection on Enter, edited with the line editor', async () => {
      const ui = setup();
      await ui.emit(started(), turnStarted(1, 1));
      await ui.press(keys.enter);
      expect(ui.frame()).toContain('Moderator: Enter sends');
      await ui.type('stop, @bob speaks nxt');
      await ui.press(keys.backspace, keys.backspace);
      await ui.type('ext');
      await ui.press(keys.left, keys.left, keys.left, keys.left, keys.ctrlW);
      expect(ui.frame()).toContain('› stop, @bob next');
      await ui.press(keys.end);
      await ui.type(' now');
      await ui.press(keys.enter);
      expect(ui.sent).toEqual([{ type: 'interject', text: 'stop, @bob next now' }]);
      expect(ui.frame()).not.toContain('Moderator: Enter sends');
      expect(ui.frame()).toContain('→ the table will hear you after this turn');
    });

    it('turns /topic 2 into set-topic and /ask Bob into ask', async () => {
      const ui = setup();
      await ui.emit(started());
      await ui.press('/');
      await ui.type('topic 2');
      await ui.press(keys.enter);
      await ui.type('/ask Bob');
      await ui.press(keys.enter);
      expect(ui.sent).toEqual([
        { type: 'set-topic', topic: 2 },
        { type: 'ask', name: 'Bob' },
      ]);
    });

    it('shows an unknown name as an inline error and sends nothing', async () => {
      const ui = setup();
      await ui.emit(started());
      await ui.type('/ask Zed');
      await ui.press(keys.enter);
      expect(ui.sent).toEqual([]);
      expect(ui.frame()).toContain('No one called Zed at the table (at the table: Alice, Bob,');
      await ui.press(keys.escape);
      expect(ui.frame()).not.toContain('No one called Zed');
      await ui.press(keys.ctrlS);
      expect(ui.sent).toEqual([{ type: 'skip' }]);
    });
  });

  describe('human seat', () => {
    const bob = PEOPLE[1];

    async function humanTurn(ui: ReturnType<typeof setup>) {
      const chunks: ModelChunk[] = [];
      const done = (async () => {
        for await (const chunk of ui.humanSeat.model(
          {
            seat: 2,
            speaker: bob?.name ?? 'Bob',
            purpose: 'turn',
            messages: [],
            temperature: 0.9,
            maxTokens: 100,
          },
          new AbortController().signal,
        )) {
          chunks.push(chunk);
        }
      })();
      await tick();
      return { chunks, done };
    }

    it('opens a box for the seat, says it is your turn, and sends the typed line', async () => {
      const ui = setup();
      await ui.emit(started(), turnStarted(1, 2));
      const { chunks, done } = await humanTurn(ui);
      expect(ui.frame()).toContain('Your turn, Bob · Enter sends');
      expect(ui.frame()).toContain('Bob · turn 1/10 · your turn: type your reply below');
      expect(ui.frame()).not.toContain('waiting for their reply');
      await ui.type('Trams, obviously. s');
      await ui.press(keys.enter);
      await done;
      expect(chunks[0]).toEqual({ type: 'text', text: 'Trams, obviously. s' });
      expect(ui.sent).toEqual([]);
      await tick();
      expect(ui.frame()).not.toContain('Your turn, Bob');
    });

    it('passes on an empty line', async () => {
      const ui = setup();
      await ui.emit(started(), turnStarted(1, 2));
      const { chunks, done } = await humanTurn(ui);
      await ui.press(keys.enter);
      await done;
      expect(chunks).toEqual([]);
    });
  });
});
