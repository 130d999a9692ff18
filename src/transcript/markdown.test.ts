import { describe, expect, it } from 'vitest';
import type { DiscussionEvent, EventOf } from '../engine/events.js';
import { PARTICIPANTS, startedEvent, usageFor } from '../render/test-utils/events.js';
import type { RunRecord, TranscriptRecord } from './events-file.js';
import { createMarkdownFormatter, renderMarkdown } from './markdown.js';

const run: RunRecord = {
  type: 'run',
  version: '0.1.0',
  tableDir: 'tables/demo',
  model: 'gpt-test',
  endpoint: 'vllm',
  baseUrl: 'http://127.0.0.1:8000/v1',
  settings: {},
  title: 'Cars | bikes?',
  startedAt: '2026-01-01T10:00:00.000Z',
  ts: '2026-01-01T10:00:00.000Z',
};
const usage = usageFor(1);
const ts = '2026-01-01T10:00:01.000Z';
const stamp = (events: DiscussionEvent[]): TranscriptRecord[] => [
  run,
  ...events.map((e) => ({ ...e, ts })),
];
const topic = { index: 0, text: 'Should cities ban cars?' };

function turn(
  n: number,
  seat: number,
  text: string,
  extra: Partial<EventOf<'turn-ended'>> = {},
): DiscussionEvent[] {
  const p = PARTICIPANTS[seat - 1] ?? { name: '?', seat, model: undefined };
  return [
    {
      type: 'turn-started',
      turn: n,
      kind: 'turn',
      seat,
      speaker: p.name,
      model: p.model,
      topic,
      directives: [],
      turnsLeft: 5,
      reason: 'random',
    },
    {
      type: 'turn-ended',
      turn: n,
      seat,
      speaker: p.name,
      text,
      status: 'complete',
      usage,
      ...extra,
    },
  ];
}

/** Lines that start Markdown structure in the file: what a renderer would see as blocks. */
const structuralLines = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => /^ {0,3}(#|```|~~~|>|<|=+\s*$|-+\s*$|\[[^\]]*\]:)/.test(line));

describe('createMarkdownFormatter', () => {
  it('writes title, participants and topic, and escapes odd turn text', () => {
    const markdown = renderMarkdown(
      stamp([startedEvent(), ...turn(1, 1, '# Heading-like start\n```\nunclosed fence\n<!--')]),
    );
    expect(markdown).toContain('# Roundtable: Cars \\| bikes?\n');
    expect(markdown).toContain('- Model: gpt-test at vllm, http://127.0.0.1:8000/v1\n');
    expect(markdown).toContain('| 3 | Cy | Cyrus Field | 0.65 | llama3 |\n');
    expect(markdown).toContain('| 1 | Ada | Ada Lovelace | 0.3 | gpt-test |\n');
    expect(markdown).toContain('## Topic: Should cities ban cars?\n');
    expect(markdown).toContain('**Ada:** \\# Heading-like start\n\\```\nunclosed fence\n&lt;!--\n');
    // Only our own headings open structure.
    expect(structuralLines(markdown)).toEqual([
      '# Roundtable: Cars \\| bikes?',
      '## Participants',
      '| ---: | --- | --- | ---: | --- |'.startsWith('-')
        ? ''
        : '## Topic: Should cities ban cars?',
    ]);
  });

  it('notes directives, cuts, retries, errors, skipped, passed and failed turns', () => {
    const events: DiscussionEvent[] = [
      startedEvent(),
      {
        type: 'turn-started',
        turn: 1,
        kind: 'turn',
        seat: 1,
        speaker: 'Ada',
        topic,
        directives: ['invite-opinions', 'wrap-up'],
        turnsLeft: 1,
        reason: 'first',
      },
      { type: 'retry', turn: 1, attempt: 1, delayMs: 2000, reason: 'HTTP 429 *slow down*' },
      {
        type: 'turn-ended',
        turn: 1,
        seat: 1,
        speaker: 'Ada',
        text: 'Fine.',
        status: 'complete',
        usage,
        cut: { as: 'Bob', removed: 'Bob: no' },
      },
      {
        type: 'turn-started',
        turn: 2,
        kind: 'turn',
        seat: 2,
        speaker: 'Bob',
        topic,
        directives: [],
        turnsLeft: 0,
        reason: 'random',
      },
      { type: 'error', turn: 2, speaker: 'Bob', kind: 'server', message: 'HTTP 500', fatal: false },
      { type: 'turn-ended', turn: 2, seat: 2, speaker: 'Bob', text: '', status: 'failed', usage },
      ...turn(3, 3, '', { status: 'passed' }),
      {
        type: 'turn-started',
        turn: 4,
        kind: 'turn',
        seat: 1,
        speaker: 'Ada',
        topic,
        directives: [],
        turnsLeft: 0,
        reason: 'random',
      },
      { type: 'command', command: { type: 'skip' } },
      {
        type: 'turn-ended',
        turn: 4,
        seat: 1,
        speaker: 'Ada',
        text: 'I was abou',
        status: 'skipped',
        usage,
      },
    ];
    const markdown = renderMarkdown(stamp(events));
    expect(markdown).toContain(
      '**Ada:** Fine.\n\n*(invites opinions · wrap-up · 1 turn left · cut: started speaking as Bob · retry 1 after 2.0 s: HTTP 429 \\*slow down\\*)*\n\n',
    );
    expect(markdown).toContain('**Bob:** *(no reply)*\n\n*(error (server): HTTP 500)*\n\n');
    expect(markdown).toContain('**Cy:** *(passes)*\n\n*(model: llama3)*\n\n');
    expect(markdown).toContain(
      '**Ada:** I was abou\n\n*(cut short by the moderator · moderator: skip this turn)*\n\n',
    );
  });

  it('records interjections, moderator topics, the summary once, and the end', () => {
    const events: DiscussionEvent[] = [
      startedEvent(),
      { type: 'interjection', beforeTurn: 1, text: 'Talk about trees,\n@Bob.', mention: 'Bob' },
      { type: 'topic-changed', turn: 1, topic: { index: -1, text: 'Trees' }, reason: 'moderator' },
      {
        type: 'turn-started',
        turn: 2,
        kind: 'summary',
        seat: 2,
        speaker: 'Bob',
        topic,
        directives: [],
        turnsLeft: 0,
        reason: 'random',
      },
      {
        type: 'turn-ended',
        turn: 2,
        seat: 2,
        speaker: 'Bob',
        text: 'We talked.',
        status: 'complete',
        usage,
      },
      { type: 'summary', seat: 2, speaker: 'Bob', text: 'We talked.', status: 'complete', usage },
      {
        type: 'discussion-ended',
        reason: 'stopped',
        turns: 1,
        usage: { promptTokens: 9, completionTokens: 3, estimated: true },
      },
    ];
    const markdown = renderMarkdown(stamp(events));
    expect(markdown).toContain(
      '> **Moderator:** Talk about trees,\n> @Bob. *(gives the floor to Bob)*\n\n',
    );
    expect(markdown).toContain('## Topic: Trees *(set by the moderator)*\n\n');
    expect(markdown.match(/## Summary/g)).toHaveLength(1);
    expect(markdown).toContain('## Summary\n\n*By Bob (Robert Boyle).*\n\nWe talked.\n\n');
    expect(markdown).toMatch(
      /## Stopped by the moderator\n\n\*The moderator stopped the discussion after 1 turn\.\*\n\n- Turns: 1\n- Tokens: 9 prompt \+ 3 completion tokens \(estimated\)\n\n$/,
    );
  });

  it('closes a run that has no end event with totals counted from its turns, once', () => {
    const formatter = createMarkdownFormatter();
    const records = stamp([startedEvent(), ...turn(1, 1, 'One.'), ...turn(2, 2, 'Two.')]);
    for (const record of records) formatter.record(record);
    const closed = formatter.record({ type: 'closed', reason: 'interrupted', ts });
    expect(closed).toBe(
      '## Interrupted\n\n*The run was interrupted after 2 turns; every complete turn is above.*\n\n' +
        `- Turns: 2\n- Tokens: ${usage.promptTokens * 2} prompt + ${usage.completionTokens * 2} completion tokens, counted from the turns above\n\n`,
    );
    expect(formatter.ended).toBe(true);
    expect(formatter.record({ type: 'closed', reason: 'interrupted', ts })).toBe('');
  });

  it('marks a resumed run and repeats the current topic', () => {
    const records = stamp([startedEvent(), ...turn(1, 1, 'One.')]);
    const markdown = renderMarkdown([
      ...records,
      { type: 'closed', reason: 'interrupted', ts },
      { ...run, ts: '2026-01-02T08:00:00.000Z', resumed: true },
      { ...startedEvent(), ts },
      ...turn(2, 2, 'Two.').map((e) => ({ ...e, ts })),
    ]);
    expect(markdown).toContain(
      '## Interrupted\n\n*The run was interrupted after 1 turn; every complete turn is above.*',
    );
    expect(markdown).toContain(
      '---\n\n*(resumed 2026-01-02T08:00:00.000Z)*\n\n## Topic: Should cities ban cars? (continued)\n\n**Bob:** Two.',
    );
    expect(markdown.match(/## Participants/g)).toHaveLength(1);
  });

  it('marks a cut-off turn with its reason and counts it in the totals', () => {
    const markdown = renderMarkdown([
      ...stamp([
        startedEvent(),
        ...turn(1, 1, 'One.'),
        ...turn(2, 2, 'Two and', {
          status: 'cut-off',
          cutOff: 'no token for 30 s (stall timeout)',
        }),
      ]),
      { type: 'closed', reason: 'interrupted', ts },
    ]);
    expect(markdown).toContain(
      '**Bob:** Two and\n\n*(**cut off**: no token for 30 s (stall timeout))*',
    );
    expect(markdown).toContain('- Turns: 2 (1 cut off)');
  });

  it('writes a review with its ranking, named, and one left unranked when its phase ends', () => {
    const review: EventOf<'phase-started'> = {
      type: 'phase-started',
      phase: 1,
      kind: 'review',
      title: 'Peer review',
      parallel: true,
      seats: [1, 2, 3],
    };
    const labels = [
      { label: 'A', seat: 2 },
      { label: 'B', seat: 3 },
    ];
    const markdown = renderMarkdown([
      ...stamp([
        startedEvent(),
        review,
        ...turn(1, 1, 'A is best.'),
        ...turn(2, 2, 'Cannot choose.'),
        ...turn(3, 3, 'Never ranked.'),
        { type: 'review', turn: 1, seat: 1, speaker: 'Ada', labels, ranking: [3, 2] },
        { type: 'review', turn: 2, seat: 2, speaker: 'Bob', labels },
        { type: 'phase-ended', phase: 1, kind: 'review', reason: 'done' },
      ]),
      { type: 'closed', reason: 'completed', ts },
    ]);
    expect(markdown).toContain('## Peer review *(everyone at once)*');
    expect(markdown).toContain('**Ada:** A is best.\n\n*(ranks: Cy, Bob)*');
    expect(markdown).toContain('**Bob:** Cannot choose.\n\n*(no ranking could be read)*');
    // Held until the phase ended, then written with the rest of the phase.
    expect(markdown.indexOf('**Cy:** Never ranked.')).toBeGreaterThan(markdown.indexOf('**Bob:**'));
    expect(markdown).toContain('- Turns: 3');
  });
});
