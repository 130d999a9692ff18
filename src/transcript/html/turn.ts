import type { TurnStatus } from '../../engine/events.js';
import { formatCount } from '../../format-count.js';
import { escapeHtml as h } from './escape.js';

/** Past this many characters or lines a turn is shown folded, with a control to show it all. */
const LONG_CHARS = 1200;
const LONG_LINES = 14;
/** What a folded turn shows: about this much, cut at a space. */
const HEAD_CHARS = 600;
const HEAD_LINES = 8;

export interface Tag {
  readonly text: string;
  readonly tone?: 'warn' | 'bad' | undefined;
}

export interface TurnView {
  /** Its anchor: `turn-<n>`. */
  readonly turn: number;
  readonly seat: number;
  readonly speaker: string;
  readonly fullName: string | undefined;
  readonly text: string;
  readonly status: TurnStatus;
  /** Why the speaker had the floor, the model when seats differ, `turn n of N`. */
  readonly why: string | undefined;
  readonly model: string | undefined;
  readonly number: string | undefined;
  readonly tags: readonly Tag[];
}

const emptyText = (status: TurnStatus) =>
  status === 'passed' ? 'passes' : status === 'failed' ? 'no reply' : 'said nothing';

/**
 * Where a long text is folded: after the first few lines or ~600 characters, at a space when
 * there is one near; undefined when the text is short enough to show whole.
 */
export function foldPoint(text: string): number | undefined {
  const lines = text.split('\n');
  if (text.length <= LONG_CHARS && lines.length <= LONG_LINES) return undefined;
  const byLines = lines.slice(0, HEAD_LINES).join('\n').length;
  const limit = Math.min(HEAD_CHARS, byLines);
  const space = text.lastIndexOf(' ', limit);
  return space > limit / 2 ? space : limit;
}

/**
 * One turn as an `<article>`. A long one shows its head and hides the rest with `display: none`
 * behind a checkbox and its label ("Show all"): no script, cheap for a browser however long the
 * rest is (hidden text is not laid out), and printed in full.
 */
export function turnArticle(view: TurnView): string {
  const text = view.text.trim();
  const fold = foldPoint(text);
  const classes = ['turn', `seat-${Math.trunc(view.seat)}`];
  if (view.status === 'failed') classes.push('failed');
  if (fold !== undefined) classes.push('long');
  const head = [
    `<span class="who" title="${h(view.fullName ?? view.speaker)}">${h(view.speaker)}</span>`,
  ];
  if (view.why !== undefined) head.push(`<span class="why">${h(view.why)}</span>`);
  if (view.model !== undefined) head.push(`<span class="model">${h(view.model)}</span>`);
  if (view.number !== undefined) head.push(`<span class="num">${h(view.number)}</span>`);
  let body: string;
  if (text === '') body = `<div class="text empty">${emptyText(view.status)}</div>`;
  else if (fold === undefined) body = `<div class="text" dir="auto">${h(text)}</div>`;
  else {
    const words = formatCount(text.split(/\s+/).length);
    const id = `more-${view.turn}`;
    body = [
      `<input type="checkbox" class="more" id="${id}" aria-label="Show the whole turn">`,
      `<div class="text" dir="auto">${h(text.slice(0, fold))}<span class="rest">${h(text.slice(fold))}</span></div>`,
      `<label class="more-label" for="${id}"><span class="all">Show all · ${words} words</span><span class="less">Show less</span></label>`,
    ].join('');
  }
  const tags =
    view.tags.length === 0
      ? ''
      : `<ul class="tags">${view.tags.map((t) => `<li${t.tone ? ` class="${t.tone}"` : ''}>${h(t.text)}</li>`).join('')}</ul>`;
  return `<article class="${classes.join(' ')}" id="turn-${view.turn}"><header>${head.join('')}</header>${body}${tags}</article>\n`;
}
