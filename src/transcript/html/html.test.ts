import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../engine/events.js';
import { PARTICIPANTS, syntheticRun } from '../../render/test-utils/events.js';
import { firstControl, HOSTILE_TEXT } from '../../render/test-utils/hostile.js';
import {
  fixtureOutcome,
  fixtureRecordsWithOutcome,
} from '../../report/test-utils/fixture-outcome.js';
import type { RunRecord } from '../events-file.js';
import { renderHtml } from './document.js';
import { escapeHtml } from './escape.js';
import { createHtmlFormatter } from './formatter.js';

const RUN: RunRecord = {
  type: 'run',
  version: '9.9.9',
  tableDir: 'tables/debate',
  model: 'llama3',
  endpoint: 'ollama',
  settings: {},
  title: 'Should cities ban cars?',
  startedAt: '2026-01-02T10:00:00.000Z',
  ts: '2026-01-02T10:00:00.000Z',
};

const withHostile = (text: string): DiscussionEvent[] =>
  syntheticRun({ turns: 2 }).map((event) =>
    event.type === 'turn-ended' && event.turn === 2 ? { ...event, text } : event,
  );

describe('escapeHtml', () => {
  it('escapes markup and shows control characters instead of keeping them', () => {
    expect(escapeHtml(`<b a="1" b='2'>&amp;</b>`)).toBe(
      '&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;amp;&lt;/b&gt;',
    );
    expect(escapeHtml('\u001b]0;title\u0007 \u202eabc')).toBe('␛]0;title␇ ⟨U+202E⟩abc');
  });
});

describe('renderHtml', () => {
  const html = renderHtml([RUN, ...syntheticRun({ turns: 6 })]);

  it('is one self-contained page: inline style, no script, no URL to fetch', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain('default-src &#39;none&#39;');
    expect(csp).toContain(`style-src &#39;sha256-${hash}&#39;`);
    expect(csp).toContain('script-src &#39;none&#39;');
  });

  it('shows the run, the table in its colours, topics as sections, each turn and why it had the floor', () => {
    expect(html).toContain('<h1>Should cities ban cars?</h1>');
    expect(html).toContain('Model: llama3 (ollama)');
    for (const p of PARTICIPANTS) expect(html).toContain(`<span class="name">${p.name}</span>`);
    // Bob's own colour, the others' from the palette.
    expect(html).toContain('.seat-2{--seat:#ff8800}');
    expect(html).toMatch(/\.seat-1\{--seat:#[0-9a-f]{6}\}/);
    expect(html.match(/<h2 class="topic">/g)).toHaveLength(2);
    expect(html.match(/<article class="turn seat-\d[^"]*" id="turn-\d+">/g)).toHaveLength(7);
    expect(html).toContain('<span class="why">opens</span>');
    expect(html).toContain('<span class="why">random pick</span>');
    expect(html).toContain('<span class="num">turn 3 of 6</span>');
    expect(html).toContain('<li>invites opinions</li>');
    expect(html).toContain('<li class="warn">cut: started speaking as Ada</li>');
    expect(html).toContain('<section class="summary"><h2>Summary</h2>');
  });

  it('ends with the totals per seat', () => {
    const totals = html.slice(html.indexOf('<section class="totals">'));
    expect(totals).toContain('<h2>Totals</h2>');
    expect(totals).toContain('Finished after 6 turns.');
    // Ada: turns 1 and 4, and the summary (turn 7): prompt 110 + 140 + 170.
    expect(totals).toMatch(
      /Ada<\/span><\/td><td class="n">2<\/td><td class="n">\d+<\/td><td class="n">420<\/td>/,
    );
  });

  it('shows failed and retried turns, and errors, where they happened', () => {
    const events: DiscussionEvent[] = syntheticRun({ turns: 2 }).flatMap((event) => {
      if (event.type === 'turn-ended' && event.turn === 2) {
        return [
          { type: 'retry', turn: 2, attempt: 1, delayMs: 1500, reason: '503 busy' },
          { type: 'error', turn: 2, kind: 'server', message: '503 busy', fatal: false },
          { ...event, text: '', status: 'failed' },
        ];
      }
      return [event];
    });
    const page = renderHtml([RUN, ...events]);
    expect(page).toContain('<article class="turn seat-2 failed" id="turn-2">');
    expect(page).toContain('<div class="text empty">no reply</div>');
    expect(page).toContain('<li class="warn">retry 1 after 1.5 s: 503 busy</li>');
    expect(page).toContain('<li class="bad">error (server): 503 busy</li>');
  });

  it('marks a cut-off turn with its reason and counts it at the end', () => {
    const events: DiscussionEvent[] = syntheticRun({ turns: 2 }).map((event) =>
      event.type === 'turn-ended' && event.turn === 2
        ? { ...event, status: 'cut-off', cutOff: 'the stream broke off' }
        : event,
    );
    const page = renderHtml([RUN, ...events]);
    expect(page).toContain('<li class="warn">cut off: the stream broke off</li>');
    expect(page).toMatch(/Finished after 2 turns \(1 cut off\)\./);
  });

  it('writes a review with its ranking, named, and one left unranked when its phase ends', () => {
    const run = syntheticRun({ turns: 3 });
    const first = run.findIndex((e) => e.type === 'turn-started');
    const last = run.findIndex((e) => e.type === 'turn-ended' && e.turn === 3);
    const labels = [{ label: 'A', seat: 2 }];
    const events: DiscussionEvent[] = [
      ...run.slice(0, first),
      {
        type: 'phase-started',
        phase: 1,
        kind: 'review',
        title: 'Peer review',
        parallel: true,
        seats: [1, 2, 3],
      },
      ...run.slice(first, last + 1),
      { type: 'review', turn: 1, seat: 1, speaker: 'Ada', labels, ranking: [3, 2] },
      { type: 'review', turn: 2, seat: 2, speaker: 'Bob', labels },
      { type: 'phase-ended', phase: 1, kind: 'review', reason: 'done' },
      ...run.slice(last + 1),
    ];
    const page = renderHtml([RUN, ...events]);
    const ranked = page.indexOf('ranks: Cy, Bob');
    const unread = page.indexOf('no ranking could be read');
    expect(ranked).toBeGreaterThan(0);
    expect(unread).toBeGreaterThan(ranked);
    // The third review, never ranked, is written when its phase ends, after the other two.
    const third = run.find((e) => e.type === 'turn-ended' && e.turn === 3);
    expect(third?.type === 'turn-ended' && page.indexOf(escapeHtml(third.text))).toBeGreaterThan(
      unread,
    );
    expect(page.match(/<article/g)).toHaveLength(4);
  });

  it('shows the decision record: outcome, positions, changes of mind, all escaped', () => {
    const record = fixtureOutcome();
    const hostile = {
      ...record,
      openQuestions: ['<script>alert(1)</script> who runs it?'],
    };
    const records = fixtureRecordsWithOutcome().map((r) =>
      r.type === 'outcome' ? { ...r, record: hostile } : r,
    );
    const page = renderHtml(records);
    const section = page.slice(page.indexOf('<section class="decision">'));
    expect(section).toContain('<h2>Outcome</h2><h3>Park or housing?</h3>');
    expect(section).toContain('<strong>housing: 67% support (Condorcet winner)');
    expect(section).toContain(
      '<tr class="seat-2"><td><span class="who">Bob</span></td><td>housing</td><td class="n">80%</td><td>yes</td><td>Bob says so.</td></tr>',
    );
    expect(section).toContain('Changed their minds: Bob (park → housing).');
    expect(section).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt; who runs it?</li>');
    expect(section).not.toContain('<script>');
    // Before the totals, which close the page.
    expect(page.indexOf('<section class="decision">')).toBeLessThan(
      page.indexOf('<section class="totals">'),
    );
  });

  it('renders hostile text inert: markup escaped, control characters shown', () => {
    const page = renderHtml([
      RUN,
      ...withHostile(`<script>alert(1)</script><img src=x onerror="alert(2)"> ${HOSTILE_TEXT}`),
    ]);
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;',
    );
    expect(firstControl(page)).toBeUndefined();
    expect(page).toContain('␛]0;pwned title␇');
  });

  it('folds a long turn behind a control that works without script and prints in full', () => {
    const huge = `${'word '.repeat(200_000)}end`;
    const page = renderHtml([RUN, ...withHostile(huge)]);
    expect(page).toContain('<article class="turn seat-2 long" id="turn-2">');
    expect(page).toContain('<input type="checkbox" class="more" id="more-2"');
    expect(page).toContain('Show all · 200,001 words');
    // The head shows; the rest is in the page, hidden until asked for, and printed.
    expect(page).toMatch(/<div class="text" dir="auto">(word ){119}word<span class="rest"> word/);
    expect(page).toMatch(/@media print \{[^@]*\.long \.rest \{ display: inline !important; \}/);
  });

  it('writes every record as balanced markup, so the live page can insert each on its own', () => {
    const formatter = createHtmlFormatter();
    const tags = ['article', 'section', 'ul', 'ol', 'header', 'div', 'p', 'h2', 'table', 'label'];
    for (const record of [RUN, ...withHostile('a <div> b')]) {
      const fragment = formatter.record(record);
      for (const tag of tags) {
        const opened = fragment.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0;
        const closed = fragment.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0;
        expect(closed, `${record.type}: <${tag}>`).toBe(opened);
      }
    }
  });
});
