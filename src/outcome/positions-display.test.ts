// A block of positions shows each question once, numbered at its head, and each seat's answers by
// number, in every renderer that shows it: plain, transcript.md, the HTML page (the live and
// library pages use its fragments) and the live view, which wraps at the screen's width with a
// hanging indent. The events keep the text the table heard: each answer after its question.
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { createPlainRenderer } from '../render/plain.js';
import { PARTICIPANTS, startedEvent, usageFor } from '../render/test-utils/events.js';
import { renderHtml } from '../transcript/html/document.js';
import { renderMarkdown } from '../transcript/markdown.js';
import { phaseLines } from '../tui/components/PhaseMarkers.js';
import { turnLines } from '../tui/components/Turn.js';
import { reduce } from '../tui/reduce.js';
import { initialTuiState } from '../tui/state.js';
import { positionsText } from './position-prompts.js';
import type { QuestionRef } from './positions.js';
import { numberedPositions, questionsHead } from './positions-display.js';

const RAIL = 'Should the old railway carry trains again, become a trail, or make room for housing?';
const GRANT = 'Which grant do we apply for, the active-travel one or the rural-connectivity one?';
// The first and third of the table's questions: numbered 1 and 3, as everywhere else.
const QUESTIONS: QuestionRef[] = [
  { index: 0, text: RAIL, options: ['trains', 'trail', 'housing'] },
  { index: 2, text: GRANT, options: [] },
];
const asked = QUESTIONS.map(({ index, text }) => ({ index, text }));

const answer = (speaker: string) =>
  positionsText(
    [
      {
        question: 0,
        position: 'trail',
        confidence: 0.56,
        changedMind: speaker === 'Bob',
        because: 'Because it is cheap to start and easy to undo, and nobody loses a home.',
      },
      {
        question: 2,
        position: 'The rural-connectivity grant, if Millford gets its bus.',
        confidence: 0.7,
        changedMind: false,
        because: 'Because the villages need it most.',
      },
    ],
    QUESTIONS,
  );

function closingEvents(): DiscussionEvent[] {
  const seats = PARTICIPANTS.slice(0, 2);
  const topic = { index: 0, text: 'Should cities ban cars?' };
  return [
    startedEvent(),
    {
      type: 'phase-started',
      phase: 1,
      kind: 'closing',
      title: 'Closing positions',
      parallel: true,
      seats: seats.map((p) => p.seat),
      questions: asked,
    },
    ...seats.map(
      (p, k): DiscussionEvent => ({
        type: 'turn-started',
        turn: 7 + k,
        kind: 'turn',
        seat: p.seat,
        speaker: p.name,
        topic,
        directives: [],
        turnsLeft: 0,
        reason: 'phase',
        phase: 1,
      }),
    ),
    ...seats.map(
      (p, k): DiscussionEvent => ({
        type: 'turn-ended',
        turn: 7 + k,
        seat: p.seat,
        speaker: p.name,
        text: answer(p.name),
        status: 'complete',
        usage: usageFor(7 + k),
      }),
    ),
    { type: 'phase-ended', phase: 1, kind: 'closing', reason: 'done' },
  ];
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('a block of positions', () => {
  it('reads positionsText back as answers by question number', () => {
    expect(questionsHead(asked)).toEqual([`1. ${RAIL}`, `3. ${GRANT}`]);
    expect(numberedPositions(answer('Bob'), asked)).toEqual([
      '1 → trail (56% sure; I changed my mind). Because it is cheap to start and easy to undo, and nobody loses a home.',
      '3 → The rural-connectivity grant, if Millford gets its bus. (70% sure.) Because the villages need it most.',
    ]);
    // An answer that could not be read is kept as said.
    expect(numberedPositions('I would rather not say.', asked)).toBeUndefined();
  });

  it('in the plain output: the questions once, each seat by number, later lines under the first', () => {
    let out = '';
    const render = createPlainRenderer({ write: (s: string) => (out += s) }, { color: false });
    for (const event of closingEvents()) render(event);
    const block = out.slice(out.indexOf('── Closing positions ──'));
    expect(block.split('\n').slice(0, 7)).toEqual([
      '── Closing positions ── (everyone at once)',
      `1. ${RAIL}`,
      `3. ${GRANT}`,
      '',
      'Ada: 1 → trail (56% sure). Because it is cheap to start and easy to undo, and nobody loses a home.',
      '     3 → The rural-connectivity grant, if Millford gets its bus. (70% sure.) Because the villages need it most.',
      '',
    ]);
    expect(count(out, RAIL)).toBe(1);
    expect(count(out, GRANT)).toBe(1);
  });

  it('in transcript.md and the HTML page: the questions once, by their numbers', () => {
    const ts = '2026-12-03T14:00:00.000Z';
    const records = closingEvents().map((e) => ({ ...e, ts }));
    const md = renderMarkdown(records);
    expect(md).toContain(`1\\. ${RAIL}\\\n3\\. ${GRANT}\n\n**Ada:** 1 → trail (56% sure).`);
    expect(md).toContain('\\\n3 → The rural-connectivity grant');
    const html = renderHtml(records);
    expect(html).toContain(`<li value="1">${RAIL}</li><li value="3">${GRANT}</li>`);
    expect(html).toContain('>1 → trail (56% sure). Because');
    // Once in the block; the table section at the top lists the table's own questions.
    for (const text of [md, html.slice(html.indexOf('Closing positions'))]) {
      expect(count(text, RAIL)).toBe(1);
      expect(count(text, GRANT)).toBe(1);
    }
  });

  it('in the live view at 60 columns: wrapped, each row hanging under its text', () => {
    const state = closingEvents().reduce(reduce, initialTuiState());
    const phase = state.history.find((item) => item.kind === 'phase');
    const turn = state.history.find((item) => item.kind === 'turn');
    if (phase?.kind !== 'phase' || turn?.kind !== 'turn') throw new Error('no block');
    const rows = [...phaseLines(phase, 60), ...turnLines(turn, 'cyan', 60)].map((line) =>
      line.map((span) => span.text).join(''),
    );
    expect(rows).toEqual([
      '',
      '══ Closing positions ══ everyone at once',
      '1. Should the old railway carry trains again, become a',
      '   trail, or make room for housing?',
      '3. Which grant do we apply for, the active-travel one or the',
      '   rural-connectivity one?',
      '',
      'Ada · closing positions',
      '  1 → trail (56% sure). Because it is cheap to start and',
      '      easy to undo, and nobody loses a home.',
      '  3 → The rural-connectivity grant, if Millford gets its',
      '      bus. (70% sure.) Because the villages need it most.',
    ]);
  });
});
