// The live view: what it shows of the table, the turns, topics, the summary and the status line.
import { describe, expect, it } from 'vitest';
import { count, setupApp as setup, statusBlock } from '../test-utils/app.js';
import {
  delta,
  HEADER,
  QUESTIONS,
  spokenTurn,
  started,
  turnEnded,
  turnStarted,
} from '../test-utils/events.js';
import { headerLines, type SeatInfo } from './Header.js';

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
    // The status line says the same once it is over, not the last phase's name.
    expect(statusBlock(ui.frame())[2]).toMatch(/^6 turns \+ 4 closing answers · /);
  });
});
