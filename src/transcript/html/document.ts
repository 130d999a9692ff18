import { createHash } from 'node:crypto';
import type { Participant } from '../../engine/table.js';
import { VERSION } from '../../package-info.js';
import { seatColors } from '../../render/colors.js';
import type { FoldInput } from '../fold.js';
import { escapeHtml as h } from './escape.js';
import { createHtmlFormatter } from './formatter.js';
import { TRANSCRIPT_CSS } from './styles.js';
import type { TotalsOptions } from './totals.js';

/** `'sha256-…'`: a CSP source that allows exactly this inline style or script. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

/** Each seat's colour as a CSS variable on its class (hex colours only, so nothing to escape). */
export function seatStyles(participants: readonly Participant[]): string {
  return [...seatColors(participants)]
    .map(([seat, color]) => `.seat-${Math.trunc(seat)}{--seat:${color}}`)
    .join('\n');
}

export interface PageParts {
  readonly title: string;
  readonly body: string;
  readonly participants: readonly Participant[];
  /** Attributes of `<main>` (the live page's data attributes), already escaped. */
  readonly mainAttributes?: string | undefined;
  /** Markup after `<main>` (the live page's dock). */
  readonly after?: string | undefined;
  readonly extraCss?: string | undefined;
  /** An inline script (the live page's); none in transcript.html. */
  readonly script?: string | undefined;
  /** Where the page may connect (the live page's event stream); nowhere by default. */
  readonly connect?: 'self' | undefined;
}

/** The Content-Security-Policy of a page: its own inline style and script, and nothing else. */
export function contentSecurityPolicy(style: string, script?: string, connect?: 'self'): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(style)}`,
    `script-src ${script === undefined ? "'none'" : cspHash(script)}`,
    `connect-src ${connect === 'self' ? "'self'" : "'none'"}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface Page {
  readonly html: string;
  /** Its Content-Security-Policy, also in a meta tag; a server sends it as a header too. */
  readonly csp: string;
}

/** A whole self-contained page: one inline stylesheet, at most one inline script, no network. */
export function buildPage(parts: PageParts): Page {
  const style = `${TRANSCRIPT_CSS}${parts.extraCss ?? ''}${seatStyles(parts.participants)}\n`;
  const csp = contentSecurityPolicy(style, parts.script, parts.connect);
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="roundtable ${h(VERSION)}">`,
    `<title>${h(parts.title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    `<main${parts.mainAttributes ? ` ${parts.mainAttributes}` : ''}>\n${parts.body}</main>`,
    parts.after ?? '',
    parts.script === undefined ? '' : `<script>${parts.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, csp };
}

export function htmlPage(parts: PageParts): string {
  return buildPage(parts).html;
}

export interface RenderOptions extends TotalsOptions {
  /** Markup before the transcript (serve's link back to the list). */
  readonly before?: string | undefined;
}

/** transcript.html from events.jsonl's records. */
export function renderHtmlPage(records: readonly FoldInput[], options: RenderOptions = {}): Page {
  const formatter = createHtmlFormatter(options);
  const body = records.map((record) => formatter.record(record)).join('');
  return buildPage({
    title: `Roundtable: ${formatter.title ?? 'discussion'}`,
    body: `${options.before ?? ''}${body}`,
    participants: formatter.participants,
  });
}

export function renderHtml(records: readonly FoldInput[], options: RenderOptions = {}): string {
  return renderHtmlPage(records, options).html;
}
