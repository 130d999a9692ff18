import { describe, expect, it } from 'vitest';
import type { SeatAnswer } from './consensus.js';
import { buildOutcome } from './record.js';
import { outcomeLines, outcomeMarkdown } from './render.js';

const position = (question: number, pos: string, because: string, ranking?: string[]) => ({
  question,
  position: pos,
  confidence: 0.8,
  changedMind: false,
  because,
  ...(ranking === undefined ? {} : { ranking }),
});

const closing: SeatAnswer[] = [
  {
    seat: 1,
    speaker: 'Ann',
    status: 'parsed',
    positions: [
      position(0, 'trail', 'Cheap.', ['trail', 'trains', 'housing']),
      position(1, 'The region.', 'It gains.'),
    ],
  },
  {
    seat: 2,
    speaker: 'Bob',
    status: 'parsed',
    positions: [position(0, 'trail', 'Safe.', ['trail', 'housing', 'trains'])],
  },
  {
    seat: 3,
    speaker: 'Cy',
    status: 'parsed',
    positions: [
      position(0, 'trains', 'Millford | needs *trains*.', ['trains', 'trail', 'housing']),
    ],
  },
  { seat: 4, speaker: 'Dee', status: 'unparsed', positions: [], raw: 'I think ``` trains' },
];

const record = buildOutcome({
  questions: [
    { index: 0, text: 'Reopen the line?', options: ['trains', 'trail', 'housing'] },
    { index: 1, text: 'Who pays?', options: [] },
  ],
  vote: 'ranked',
  threshold: 0.75,
  closing,
  participants: closing.map((c) => ({ seat: c.seat, name: c.speaker })),
  endReason: 'completed',
  summaryRecord: {
    status: 'parsed',
    actionItems: [{ action: 'Cost the repairs', owner: 'Ann' }],
    openQuestions: ['Who runs it?'],
    groups: [],
  },
  cost: {
    total: {
      tokens: { prompt: 1000, completion: 200, estimated: false },
      cost: { usd: 0.0123, complete: false, pricedTokens: 900, unpricedTokens: 300 },
    },
    perSeat: [],
    perPhase: [],
  },
});

describe('the record as text', () => {
  it('says the outcome, its support, the tally, the dissent and what is left', () => {
    expect(outcomeLines(record)).toEqual([
      "Reopen the line? → trail: 67% support (Condorcet winner), Kendall's W 0.44",
      '  Borda: trail 5, trains 3, housing 1',
      '  Dissent, Cy (trains): Millford | needs *trains*.',
      '  No readable position: Dee (unparsed)',
      'Who pays? → free-text positions',
      '  Ann: The region.',
      '  No readable position: Dee (unparsed)',
      'Action items:',
      '  - Cost the repairs (Ann)',
      'Open questions:',
      '  - Who runs it?',
      'Cost: $0.012 + unknown for 1,200 tokens',
    ]);
  });

  it('writes a Markdown section whose table cells survive the seats’ words', () => {
    const text = outcomeMarkdown(record);
    expect(text).toContain('## Outcome\n\n### Reopen the line?');
    expect(text).toContain('| Cy | trains | 80% |  | Millford \\| needs \\*trains\\*. |');
    expect(text).toContain('> **Cy** (trains): Millford \\| needs \\*trains\\*.');
    expect(text).toContain("Unparsed answer of Dee:\n\n```\nI think ''' trains\n```");
    expect(text).toContain('### Action items\n\n- Cost the repairs — Ann');
  });

  it('quotes each group’s stance after the seats that hold it, never ending a sentence in a colon', () => {
    const grouped = buildOutcome({
      questions: [{ index: 1, text: 'Who pays?', options: [] }],
      vote: 'ranked',
      threshold: 0.75,
      closing: [],
      participants: closing.map((c) => ({ seat: c.seat, name: c.speaker })),
      endReason: 'completed',
      summaryRecord: {
        status: 'parsed',
        actionItems: [],
        openQuestions: [],
        groups: [
          { question: 1, stance: 'I want to see the sums.', seats: ['Dee'] },
          { question: 1, stance: '"The region pays."', seats: ['Ann', 'Bob'] },
        ],
      },
      cost: record.cost,
    });
    const lines = outcomeLines(grouped);
    expect(lines).toContain('  Dee — “I want to see the sums.”');
    expect(lines).toContain('  Ann, Bob — “The region pays.”');
    expect(lines.join('\n')).not.toMatch(/[.!?]:/u);
    expect(outcomeMarkdown(grouped)).toContain('- Ann, Bob — “The region pays.”');
  });

  it('says what a tie is level on, and shows the first choices that narrowed it', () => {
    // The init table at seed 4: every option level on Borda, two of them on first choices.
    const ballot = (seat: number, ranking: string[]): SeatAnswer => ({
      seat,
      speaker: `S${seat}`,
      status: 'parsed',
      positions: [position(0, ranking[0] as string, 'Because.', ranking)],
    });
    const tied = buildOutcome({
      ...{ vote: 'ranked', threshold: 0.75, endReason: 'completed', cost: record.cost },
      questions: [{ index: 0, text: 'Reopen the line?', options: ['trains', 'trail', 'housing'] }],
      closing: [
        ballot(1, ['housing', 'trail', 'trains']),
        ballot(2, ['trains', 'trail', 'housing']),
        ballot(3, ['trains', 'trail', 'housing']),
        ballot(4, ['housing', 'trail', 'trains']),
      ],
      participants: [1, 2, 3, 4].map((seat) => ({ seat, name: `S${seat}` })),
    });
    const [headline, tally] = outcomeLines(tied);
    expect(headline).toMatch(
      /^Reopen the line\? → tie between trains, housing \(a Condorcet cycle, level on Borda and first choices\)/,
    );
    expect(tally).toBe(
      '  Borda: trains 4, trail 4, housing 4 · first choices: trains 2, housing 2, trail 0',
    );
  });
});
