import { describe, expect, it } from 'vitest';
import type { DiscussionEvent, EventOf } from '../engine/events.js';
import type { Participant } from '../engine/table.js';
import { stripAnsi } from './ansi.js';
import { createPlainRenderer } from './plain.js';
import { settings, syntheticRun, TASK } from './test-utils/events.js';

const ada: Participant = {
  seat: 1,
  name: 'Ada',
  fullName: 'Ada Lovelace',
  creativity: 0.3,
  prompt: '',
};
const bob: Participant = {
  seat: 2,
  name: 'Bob',
  fullName: 'Robert Boyle',
  creativity: 0.9,
  prompt: '',
  model: 'llama3',
};
const usage = { promptTokens: 100, completionTokens: 10, estimated: false };
const cars = { index: 0, text: 'Should cities ban cars?' };
const trees = { index: 1, text: 'Are trees people?' };

function turn(
  n: number,
  who: Participant,
  extra: Partial<EventOf<'turn-started'>> = {},
): EventOf<'turn-started'> {
  return {
    type: 'turn-started',
    turn: n,
    kind: 'turn',
    seat: who.seat,
    speaker: who.name,
    topic: cars,
    directives: [],
    turnsLeft: 4 - n,
    reason: 'random',
    ...extra,
  };
}

/** A small run touching every kind of line the renderer writes. */
const run: DiscussionEvent[] = [
  {
    type: 'discussion-started',
    seed: 7,
    settings: settings({ turns: 4 }),
    participants: [ada, bob],
    task: TASK,
    topic: cars,
  },
  turn(1, ada, { reason: 'first' }),
  { type: 'text-delta', turn: 1, text: 'Cars are ' },
  { type: 'text-delta', turn: 1, text: 'loud.' },
  { type: 'command', command: { type: 'stop' } },
  {
    type: 'turn-ended',
    turn: 1,
    seat: 1,
    speaker: 'Ada',
    text: 'Cars are loud.',
    status: 'complete',
    usage,
  },
  turn(2, bob, { directives: ['invite-opinions'] }),
  { type: 'retry', turn: 2, attempt: 1, delayMs: 1500, reason: 'HTTP 429' },
  { type: 'text-delta', turn: 2, text: 'Bikes!\nAda: No.' },
  {
    type: 'turn-ended',
    turn: 2,
    seat: 2,
    speaker: 'Bob',
    text: 'Bikes!',
    status: 'complete',
    usage,
    cut: { as: 'Ada', removed: 'Ada: No.' },
  },
  { type: 'interjection', beforeTurn: 3, text: 'Talk about trees, @Ada.', mention: 'Ada' },
  { type: 'topic-changed', turn: 3, topic: trees, reason: 'schedule' },
  turn(3, ada, { topic: trees, directives: ['wrap-up'], reason: 'moderator' }),
  { type: 'error', turn: 3, speaker: 'Ada', kind: 'server', message: 'HTTP 500', fatal: false },
  { type: 'turn-ended', turn: 3, seat: 1, speaker: 'Ada', text: '', status: 'failed', usage },
  turn(4, bob, { topic: trees, directives: ['wrap-up'] }),
  { type: 'turn-ended', turn: 4, seat: 2, speaker: 'Bob', text: '', status: 'passed', usage },
  { ...turn(5, ada, { topic: trees }), kind: 'summary', turnsLeft: 0 },
  { type: 'text-delta', turn: 5, text: 'We agreed on little.' },
  {
    type: 'turn-ended',
    turn: 5,
    seat: 1,
    speaker: 'Ada',
    text: 'We agreed on little.',
    status: 'complete',
    usage,
  },
  {
    type: 'summary',
    seat: 1,
    speaker: 'Ada',
    text: 'We agreed on little.',
    status: 'complete',
    usage,
  },
  {
    type: 'discussion-ended',
    reason: 'completed',
    turns: 4,
    usage: { promptTokens: 500, completionTokens: 50, estimated: true },
  },
];

function render(events: readonly DiscussionEvent[], color: boolean | 0 | 1 | 2 | 3 = false) {
  let output = '';
  const renderer = createPlainRenderer(
    { write: (chunk: string) => (output += chunk) },
    { color, width: 20 },
  );
  for (const event of events) renderer(event);
  return output;
}

describe('createPlainRenderer', () => {
  it('announces the phases, not a turn count, when turns number on across them', () => {
    const [first] = run;
    if (first?.type !== 'discussion-started') throw new Error('the run starts with its start');
    const header = (settings: Partial<typeof first.settings>) =>
      render([{ ...first, settings: { ...first.settings, ...settings } }]).split('\n')[0];
    expect(header({ format: 'council' })).toBe(
      'Roundtable · 2 participants · council: opening, review, summary · seed 7',
    );
    expect(header({ phases: [{ kind: 'opening' }, { kind: 'discussion' }] })).toBe(
      'Roundtable · 2 participants · opening, discussion · seed 7',
    );
    expect(header({ closing: true })).toBe('Roundtable · 2 participants · 4 turns · seed 7');
  });

  it('writes header, topics, turns, notes, summary and totals without colour', () => {
    expect(render(run).split('\n')).toEqual([
      'Roundtable · 2 participants · 4 turns · seed 7',
      '  Ada  Ada Lovelace · creativity 0.3',
      '  Bob  Robert Boyle · creativity 0.9 · llama3',
      '',
      'Topic: Should cities ban cars?',
      '',
      'Ada: Cars are loud.',
      '[moderator: stop after this turn]',
      '',
      '(invites opinions · 2 turns left)',
      '  retry 1 in 1.5s: HTTP 429',
      'Bob: Bikes!',
      'Ada: No.',
      '[cut: started speaking as Ada]',
      '',
      'Moderator: Talk about trees, @Ada. (floor to Ada)',
      '',
      'Topic: Are trees people?',
      '',
      "(the moderator's choice · wrap-up · 1 turn left)",
      'Error for Ada (server): HTTP 500',
      'Ada: [failed]',
      '',
      '(wrap-up · last turn)',
      'Bob: (passes)',
      '',
      '── Summary by Ada ──',
      'We agreed on little.',
      '',
      '────────────────────',
      'Finished: 4 turns · 500 prompt + 50 completion tokens (estimated)',
      '',
    ]);
  });

  it('colours name tags when colour is on, and the text is the same underneath', () => {
    const coloured = render(run, 3);
    expect(coloured).toContain('\u001b[');
    // Ada sits in seat 1: the palette's blue, as 24-bit colour, around her tag.
    expect(coloured).toContain('\u001b[38;2;59;130;246mAda:\u001b[39m');
    expect(coloured).toContain('\u001b[31mError for Ada (server): HTTP 500\u001b[39m');
    expect(stripAnsi(coloured)).toBe(render(run));
    expect(render(run, true)).toContain('\u001b[38;5;');
  });

  it('puts a mid-turn retry on its own line and resumes under a fresh tag', () => {
    const output = render([
      run[0] as DiscussionEvent,
      turn(1, ada),
      { type: 'text-delta', turn: 1, text: 'Half a' },
      { type: 'retry', turn: 1, attempt: 2, delayMs: 250, reason: 'connection reset' },
      { type: 'text-delta', turn: 1, text: 'Whole reply.' },
      {
        type: 'turn-ended',
        turn: 1,
        seat: 1,
        speaker: 'Ada',
        text: 'Whole reply.',
        status: 'complete',
        usage,
      },
    ]);
    expect(output).toContain(
      'Ada: Half a\n  retry 2 in 0.3s: connection reset\nAda: Whole reply.\n',
    );
  });

  it('prints whole turns when the stream carries no text deltas (a replayed events.jsonl)', () => {
    const full = syntheticRun({ turns: 4 });
    const withoutDeltas = full.filter((event) => event.type !== 'text-delta');
    const streamed = render(full);
    expect(render(withoutDeltas)).toContain(
      'Ada: Ada on turn 1: I think "Should cities ban cars?" deserves a closer look.\n',
    );
    // Without deltas the cut text is never shown; everything else reads the same.
    expect(render(withoutDeltas)).toBe(streamed.replace('\nAda: I disagree entirely.', ''));
  });

  it('marks skipped and interrupted turns after their partial text', () => {
    const output = render([
      run[0] as DiscussionEvent,
      turn(1, ada),
      { type: 'text-delta', turn: 1, text: 'I was say' },
      { type: 'command', command: { type: 'skip' } },
      {
        type: 'turn-ended',
        turn: 1,
        seat: 1,
        speaker: 'Ada',
        text: 'I was say',
        status: 'skipped',
        usage,
      },
      turn(2, bob),
      { type: 'text-delta', turn: 2, text: 'And I' },
      {
        type: 'turn-ended',
        turn: 2,
        seat: 2,
        speaker: 'Bob',
        text: 'And I',
        status: 'interrupted',
        usage,
      },
      {
        type: 'discussion-ended',
        reason: 'interrupted',
        turns: 2,
        usage: { promptTokens: 10, completionTokens: 2, estimated: false },
      },
    ]);
    expect(output).toContain(
      'Ada: I was say\n[skipped]\n[moderator: skip this turn]\n\nBob: And I\n[interrupted]\n',
    );
    expect(output).toMatch(/Interrupted: 2 turns · 10 prompt \+ 2 completion tokens\n$/);
  });

  it('marks a cut-off turn with its reason and counts it in the final line', () => {
    const output = render([
      run[0] as DiscussionEvent,
      turn(1, ada),
      { type: 'text-delta', turn: 1, text: 'Cars are' },
      {
        type: 'turn-ended',
        turn: 1,
        seat: 1,
        speaker: 'Ada',
        text: 'Cars are',
        status: 'cut-off',
        cutOff: 'the connection to local broke (ECONNRESET)',
        usage,
      },
      {
        type: 'discussion-ended',
        reason: 'completed',
        turns: 1,
        usage: { promptTokens: 10, completionTokens: 2, estimated: false },
      },
    ]);
    expect(output).toContain(
      'Ada: Cars are\n[cut off: the connection to local broke (ECONNRESET)]\n',
    );
    expect(output).toMatch(/Finished: 1 turn \(1 cut off\) · 10 prompt \+ 2 completion tokens\n$/);
  });
});
