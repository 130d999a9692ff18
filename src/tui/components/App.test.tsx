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
import { headerLines, type SeatInfo } from './Header.js';

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

  it('shows creativity as plain output does, to two decimals', () => {
    const seat = HEADER.seats[0] as SeatInfo;
    const info = {
      ...HEADER,
      seats: [{ ...seat, participant: { ...seat.participant, creativity: 1 / 3 } }],
    };
    const text = headerLines(info, new Map(), 120)
      .map((line) => line.map((span) => span.text).join(''))
      .join('\n');
    expect(text).toContain('● Alice Alice Archer · creativity 0.33 · m-a');
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

  it('shows topic, turn k of N, tokens (estimated marked ~) and the keys in the status line', async () => {
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
    expect(block[2]).toMatch(/^Turn 2\/20 · \d+:\d\d · ~1\.2k in \/ ~80 out$/);
    expect(block[3]).toBe(
      'type to talk · space pause · ^S skip · ^N topic · ^W wrap · ^C quit · ? help',
    );
  });

  it('counts the tokens of the turn being spoken as they stream, marked estimated', async () => {
    const ui = setup();
    await ui.emit(started(), turnStarted(1, 1));
    expect(statusBlock(ui.frame())[2]).toMatch(/· 0 in \/ 0 out$/);
    await ui.emit(delta(1, 'x'.repeat(400)));
    expect(statusBlock(ui.frame())[2]).toMatch(/· 0 in \/ ~100 out$/);
    await ui.emit(turnEnded(1, 1, 'x'.repeat(400)));
    expect(statusBlock(ui.frame())[2]).toMatch(/· 100 in \/ 20 out$/);
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
    expect(after).toContain('· m-a @\n  http://127.0.0.1:8000/v1');
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

  it('wraps without a space at the start of a row, and indents the header under its text', async () => {
    const ui = setup({ columns: 40, rows: 30 });
    await ui.emit(
      started(),
      ...spokenTurn(
        1,
        1,
        'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron',
      ),
    );
    const lines = ui.frame().split('\n');
    const body = lines.slice(lines.findIndex((l) => l.startsWith('Alice · turn 1/10')) + 1);
    for (const line of body.slice(0, 3)) expect(line).toMatch(/^ {2}\S/);
    const seat = lines.findIndex((l) => l.startsWith('● Carol'));
    expect(lines[seat + 1]).toMatch(/^ {2}\S/);
  });

  it('fits 80×24, 60×20 and 40×15 with the help, the input box and a long turn all at once', async () => {
    for (const [columns, rows] of [
      [80, 24],
      [60, 20],
      [40, 15],
    ] as const) {
      const ui = setup({ columns, rows });
      await ui.emit(started(), turnStarted(1, 1), delta(1, 'word '.repeat(500)));
      const live = () => ui.stdout.lastFrame().split('\n');
      // Ink's debug frames hold the printed history too: measure from the live turn down.
      const height = () =>
        live().length - live().findLastIndex((l) => stripAnsi(l).startsWith('Alice · turn'));
      expect(height()).toBeLessThanOrEqual(rows - 2);
      await ui.press('?');
      expect(height()).toBeLessThanOrEqual(rows - 2);
      expect(ui.frame()).toMatch(/Keys|page/);
      // Closes the help and opens the box: one write, handled key by key.
      await ui.press(`tell us more about ${'the viaduct '.repeat(20)}`);
      expect(ui.frame()).toContain('Moderator: Enter sends');
      expect(height()).toBeLessThanOrEqual(rows - 2);
    }
  });

  it('says so when the terminal is too small, instead of cutting the keys off', async () => {
    const ui = setup({ columns: 30, rows: 10 });
    await ui.emit(started(), turnStarted(1, 1));
    expect(ui.frame()).toContain('Terminal too small (30×10)');
    ui.stdout.resize(60, 20);
    await tick();
    expect(ui.frame()).not.toContain('Terminal too small');
    expect(ui.frame()).toContain('? help');
  });

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

  it('ends with the turns each phase spoke: "6 turns + 4 closing answers"', async () => {
    const ui = setup();
    await ui.emit(started(), {
      type: 'discussion-ended',
      reason: 'completed',
      turns: 10,
      turnsByPhase: [
        { kind: 'discussion', title: 'Discussion', turns: 6 },
        { kind: 'closing', title: 'Closing positions', turns: 4 },
      ],
      usage: { promptTokens: 200, completionTokens: 40, estimated: false },
    });
    expect(ui.frame()).toContain('── Discussion completed after 6 turns + 4 closing answers · ');
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
