// Ctrl-C during the summary, then resume: the summary is written again, in full, and the
// transcript shows both the cut-off attempt and the finished one.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../../src/engine/discussion.js';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { FakeModel } from '../../src/engine/test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../../src/engine/test-utils/fixture.js';
import type { RunRecord, TranscriptRecord } from '../../src/transcript/events-file.js';
import { renderMarkdown } from '../../src/transcript/markdown.js';

const run = (resumed: boolean): RunRecord => ({
  type: 'run',
  version: '0.0.0-test',
  tableDir: 'table',
  settings: {},
  title: 'Test',
  startedAt: '2026-01-01T00:00:00.000Z',
  ts: '2026-01-01T00:00:00.000Z',
  ...(resumed ? { resumed: true } : {}),
});

const stamp = (events: readonly DiscussionEvent[]): TranscriptRecord[] =>
  events
    .filter((e) => e.type !== 'text-delta')
    .map((e) => ({ ...e, ts: '2026-01-01T00:00:00.000Z' }));

describe('resuming an interrupted summary', () => {
  it('writes the summary again and keeps the cut-off attempt on record', async () => {
    const settings = fixtureSettings({ turns: 3 });
    const controller = new AbortController();
    const first = new FakeModel((r) =>
      r.purpose === 'summary'
        ? { chunks: ['We agreed on', ' nothing yet'], stall: 'silent' }
        : `${r.speaker} has spoken.`,
    );
    const before: DiscussionEvent[] = [];
    for await (const event of runDiscussion({
      table: fixtureTable,
      settings,
      model: first.model,
      signal: controller.signal,
    })) {
      before.push(event);
      if (event.type === 'text-delta' && event.text.includes('agreed')) controller.abort();
    }
    expect(before.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'interrupted' });
    expect(before.find((e) => e.type === 'summary')).toMatchObject({ status: 'interrupted' });

    const second = new FakeModel(() => 'Full summary: the park wins.');
    const after: DiscussionEvent[] = [];
    for await (const event of runDiscussion({
      table: fixtureTable,
      settings,
      model: second.model,
      resume: { events: before.filter((e) => e.type !== 'text-delta') },
    })) {
      after.push(event);
    }
    expect(second.requests.map((r) => r.purpose)).toEqual(['summary']);
    expect(after[0]).toEqual({ type: 'discussion-resumed', fromTurn: 4 });
    expect(after.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed', turns: 3 });

    const markdown = renderMarkdown([run(false), ...stamp(before), run(true), ...stamp(after)]);
    expect(markdown.match(/^## Summary$/gm)).toHaveLength(2);
    expect(markdown).toContain('We agreed on');
    expect(markdown).toContain('Full summary: the park wins.');
    expect(markdown.indexOf('We agreed on')).toBeLessThan(markdown.indexOf('*(resumed '));
    expect(markdown.indexOf('*(resumed ')).toBeLessThan(markdown.indexOf('the park wins'));
    expect(markdown.trimEnd()).toMatch(/## Totals\n\n- Turns: 3\n- Tokens: .*$/);
  });
});
