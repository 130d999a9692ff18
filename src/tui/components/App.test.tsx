import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../engine/commands.js';
import type { DiscussionEvent } from '../../engine/events.js';
import type { ModelChunk } from '../../engine/model.js';
import { createHumanSeat } from '../human-seat.js';
import { createTuiStore } from '../store.js';
import {
  delta,
  HEADER,
  PEOPLE,
  QUESTIONS,
  spokenTurn,
  started,
  turnEnded,
  turnStarted,
} from '../test-utils/events.js';
import { keys, renderAt, stripAnsi, tick } from '../test-utils/render.js';
import { App } from './App.js';

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

function setup(size: { columns?: number; rows?: number } = {}, reprintOnResize = false) {
  const store = createTuiStore();
  const humanSeat = createHumanSeat();
  const sent: Command[] = [];
  let aborts = 0;
  const screen = renderAt(
    <App
      store={store}
      header={HEADER}
      humanSeat={humanSeat}
      send={(command) => sent.push(command)}
      onAbort={() => {
        aborts += 1;
      }}
      reprintOnResize={reprintOnResize}
    />,
    size,
  );
  mounted.push(screen);
  return {
    store,
    humanSeat,
    sent,
    aborts: () => aborts,
    stdout: screen.stdout,
    frame: () => stripAnsi(screen.lastFrame()),
    async emit(...events: DiscussionEvent[]) {
      for (const event of events) store.push(event);
      store.flush();
      await tick();
    },
    async press(...inputs: string[]) {
      for (const input of inputs) {
        screen.stdin.write(input);
        // A lone Esc is held briefly by Ink in case an escape sequence follows.
        await tick(input === keys.escape ? 40 : 0);
      }
    },
    async type(text: string) {
      for (const char of text) {
        screen.stdin.write(char);
        await tick();
      }
    },
  };
}

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

/** The lines of the live area and status block: everything after the last finished item. */
const statusBlock = (frame: string): string[] => {
  const lines = frame.split('\n');
  const rule = lines.findLastIndex((line) => line.startsWith('───'));
  return lines.slice(rule);
};

describe('App', () => {
  it('shows the context and every participant with full name, creativity, model and endpoint', async () => {
    const ui = setup({ columns: 120 });
    await ui.emit(started());
    const frame = ui.frame();
    expect(frame).toContain('A town hall about the future of the city centre.');
    expect(frame).toContain(
      '● Alice Alice Archer · creativity 0.2 · m-a @ http://127.0.0.1:8000/v1',
    );
    expect(frame).toContain('● Bob Bob Baker · creativity 0.9 · offline: Markov');
    expect(frame).toContain('● Carol Carol Chen · creativity 0.5 · m-c @ http://127.0.0.1:9000/v1');
  });

  it('shows a spinner until the first token, then the text as deltas arrive', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 2));
    expect(ui.frame()).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Bob · turn 1\/10 · thinking…/);

    await ui.emit(delta(1, 'Cars are '));
    expect(ui.frame()).toContain('Cars are');
    expect(ui.frame()).not.toContain('thinking…');
    await ui.emit(delta(1, 'loud.'));
    expect(ui.frame()).toContain('Cars are loud.');
  });

  it('prints each finished turn once, however many turns follow', async () => {
    const ui = setup();
    await ui.emit(started(), ...spokenTurn(1, 1, 'First thought about cars.'));
    expect(count(ui.frame(), 'First thought about cars.')).toBe(1);
    for (let turn = 2; turn <= 6; turn++) {
      await ui.emit(...spokenTurn(turn, (turn % 3) + 1, `Reply number ${turn}.`));
    }
    const frame = ui.frame();
    expect(count(frame, 'First thought about cars.')).toBe(1);
    expect(count(frame, 'Reply number 6.')).toBe(1);
    expect(frame.indexOf('Reply number 2.')).toBeLessThan(frame.indexOf('Reply number 6.'));
  });

  it('marks topic changes, directives and interjections as their own lines', async () => {
    const ui = setup();
    await ui.emit(
      started(),
      {
        type: 'topic-changed',
        turn: 1,
        topic: { index: 1, text: QUESTIONS[1] ?? '' },
        reason: 'schedule',
      },
      turnStarted(1, 3, { directives: ['invite-opinions', 'wrap-up'], turnsLeft: 1 }),
      turnEnded(1, 3, 'Short.'),
      { type: 'interjection', beforeTurn: 2, text: 'What about buses, @Bob?', mention: 'Bob' },
    );
    const frame = ui.frame();
    expect(frame).toContain('── Topic 1/2: Should cities ban cars?');
    expect(frame).toContain('── Topic 2/2: What makes a good teacher?');
    expect(frame).toContain("· Carol was asked to invite others' opinions");
    expect(frame).toContain('· wrap-up: 2 turns left');
    expect(frame).toContain('Moderator → Bob');
    expect(frame).toContain('What about buses, @Bob?');
  });

  it('sets the summary apart in a box', async () => {
    const ui = setup();
    await ui.emit(started(2), {
      type: 'summary',
      seat: 1,
      speaker: 'Alice',
      text: 'We agreed on trams.',
      usage: { promptTokens: 1, completionTokens: 1, estimated: false },
      status: 'complete',
    });
    const lines = ui.frame().split('\n');
    const title = lines.findIndex((line) => line.includes('Summary by Alice'));
    expect(lines[title - 1]).toMatch(/^╭─+╮$/);
    expect(lines[title + 1]).toContain('We agreed on trams.');
  });

  it('shows topic, turn k of N, tokens (estimated marked) and the keys in the status line', async () => {
    const ui = setup();
    await ui.emit(
      started(20),
      turnStarted(1, 1),
      turnEnded(1, 1, 'a', {
        usage: { promptTokens: 1200, completionTokens: 80, estimated: true },
      }),
      turnStarted(2, 2),
    );
    const block = statusBlock(ui.frame());
    expect(block[1]).toBe('Topic 1/2: Should cities ban cars?');
    expect(block[2]).toMatch(/^Turn 2\/20 · \d+:\d\d · 1\.2k in \/ 80 out \(est\.\)$/);
    expect(block[3]).toContain('space pause  s skip  n topic  w wrap  i say  q quit  ? help');
  });

  it('fits a 60-column terminal, long topic and all, and re-fits after a resize', async () => {
    const ui = setup({ columns: 60, rows: 24 });
    const longTopic = `Whether ${'very '.repeat(30)}long topics fit`;
    await ui.emit(
      started(200),
      turnStarted(150, 1),
      {
        type: 'topic-changed',
        turn: 150,
        topic: { index: -1, text: longTopic },
        reason: 'moderator',
      },
      delta(150, 'word '.repeat(400)),
    );
    const widths = (frame: string) => frame.split('\n').map((line) => [...line].length);
    expect(Math.max(...widths(ui.frame()))).toBeLessThanOrEqual(60);
    expect(statusBlock(ui.frame())[1]).toMatch(/^Topic: Whether very very .*…$/);

    ui.stdout.resize(40);
    await tick();
    const block = statusBlock(ui.frame());
    expect(block[0]).toBe('─'.repeat(40));
    expect(Math.max(...block.map((line) => [...line].length))).toBeLessThanOrEqual(40);
  });

  it('on a terminal, clears and reprints the history at the new width after a resize', async () => {
    const ui = setup({ columns: 80, rows: 30 }, true);
    await ui.emit(started(), ...spokenTurn(1, 1, 'Printed before the resize.'));
    expect(count(ui.frame(), 'Printed before the resize.')).toBe(1);
    const wide = '· m-a @ http://127.0.0.1:8000/v1';
    expect(ui.frame()).toContain(wide);
    ui.stdout.resize(50);
    const clear = '\u001b[2J\u001b[3J\u001b[H';
    await vi.waitFor(() => expect(ui.stdout.frames).toContain(clear), { timeout: 5000 });
    await tick();
    const after = stripAnsi(ui.stdout.frames.slice(ui.stdout.frames.indexOf(clear)).join(''));
    expect(after).toContain('· m-a @\nhttp://127.0.0.1:8000/v1');
    expect(after).toContain('Printed before the resize.');
    expect(after).not.toContain(wide);
  });

  it('keeps the live turn within the terminal height, showing its latest lines', async () => {
    const ui = setup({ columns: 60, rows: 20 });
    await ui.emit(started(), turnStarted(1, 1));
    const lines = Array.from({ length: 80 }, (_, i) => `Line ${i} of a long answer.`);
    await ui.emit(delta(1, lines.join('\n')));
    const frame = ui.frame();
    expect(frame).toContain('Line 79 of a long answer.');
    expect(frame).not.toContain('Line 10 of a long answer.');
    expect(frame).toContain('⋯');
    const live = frame.slice(frame.lastIndexOf('Alice · turn 1/10'));
    expect(live.split('\n').length).toBeLessThan(20);

    await ui.emit(turnEnded(1, 1, lines.join('\n')));
    expect(ui.frame()).toContain('Line 10 of a long answer.');
  });

  it('sends pause and resume, skip, next topic and wrap-up from single keys', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    await ui.press(' ');
    expect(statusBlock(ui.frame())[3]).toContain('pausing…');
    await ui.emit({ type: 'command', command: { type: 'pause' } });
    expect(statusBlock(ui.frame())[3]).toContain('⏸ paused');
    await ui.press('p', 's', 'n', 'w');
    expect(ui.sent).toEqual([
      { type: 'pause' },
      { type: 'resume' },
      { type: 'skip' },
      { type: 'next-topic' },
      { type: 'wrap-up' },
    ]);
  });

  it('finishes cleanly on the first q and aborts on the second', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    await ui.press('q');
    expect(ui.sent).toEqual([{ type: 'stop' }]);
    expect(ui.frame()).toContain('finishing the current turn… q again aborts now');
    expect(ui.aborts()).toBe(0);
    await ui.press('q');
    expect(ui.aborts()).toBe(1);
    expect(ui.sent).toHaveLength(1);
  });

  it('ends the turn being spoken at once on Ctrl-C, then stops; aborts on the second', async () => {
    const ui = setup();
    await ui.emit(started());
    await ui.press(keys.ctrlC);
    expect(ui.sent).toEqual([{ type: 'skip' }, { type: 'stop' }]);
    await ui.press(keys.ctrlC);
    expect(ui.aborts()).toBe(1);
  });

  it('toggles the help overlay with ?', async () => {
    const ui = setup();
    await ui.emit(started());
    await ui.press('?');
    expect(ui.frame()).toContain('q, Ctrl-C');
    expect(ui.frame()).toContain('/topic <N|text>');
    await ui.press('?');
    expect(ui.frame()).not.toContain('q, Ctrl-C');
  });

  describe('input box', () => {
    it('sends typed text as an interjection on Enter, without the keys acting on it', async () => {
      const ui = setup();
      await ui.emit(started(), turnStarted(1, 1));
      await ui.press('i');
      expect(ui.frame()).toContain('Moderator — Enter sends');
      await ui.type('stop, @bob speaks nxt');
      await ui.press(keys.backspace, keys.backspace);
      await ui.type('ext');
      expect(ui.frame()).toContain('› stop, @bob speaks next');
      await ui.press(keys.enter);
      expect(ui.sent).toEqual([{ type: 'interject', text: 'stop, @bob speaks next' }]);
      expect(ui.frame()).not.toContain('Moderator — Enter sends');
      expect(ui.frame()).toContain('→ the table will hear you after this turn');
    });

    it('turns /topic 2 into set-topic and /ask Bob into ask', async () => {
      const ui = setup();
      await ui.emit(started());
      await ui.press('/');
      await ui.type('topic 2');
      await ui.press(keys.enter, keys.enter);
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
      await ui.press('i');
      await ui.type('/ask Zed');
      await ui.press(keys.enter);
      expect(ui.sent).toEqual([]);
      expect(ui.frame()).toContain('No one called Zed at the table (at the table: Alice, Bob,');
      await ui.press(keys.escape);
      expect(ui.frame()).not.toContain('No one called Zed');
      await ui.press('s');
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

    it('opens a box for the seat and sends the typed line as the reply', async () => {
      const ui = setup();
      await ui.emit(started(), turnStarted(1, 2));
      const { chunks, done } = await humanTurn(ui);
      expect(ui.frame()).toContain('Your turn, Bob — Enter sends, empty line passes');
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

    it('passes the turn when the person quits while it is theirs', async () => {
      const ui = setup();
      await ui.emit(started(), turnStarted(1, 2));
      const { chunks, done } = await humanTurn(ui);
      await ui.type('half a');
      await ui.press(keys.ctrlC);
      await done;
      expect(chunks).toEqual([]);
      expect(ui.sent).toEqual([{ type: 'stop' }]);
    });
  });
});
