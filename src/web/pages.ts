import type { Participant } from '../engine/table.js';
import { buildPage, type Page } from '../transcript/html/document.js';
import { escapeHtml as h } from '../transcript/html/escape.js';
import { LIVE_SCRIPT } from './client-script.js';

export const LIVE_CSS = `
.dock { position: sticky; bottom: 0; background: var(--bg); border-top: 1px solid var(--line);
  padding: 0.5rem 1rem calc(0.5rem + env(safe-area-inset-bottom)); }
.dock-inner { max-width: 52rem; margin: 0 auto; display: flex; flex-direction: column; gap: 0.4rem; }
.status { margin: 0; font-size: 0.875rem; color: var(--muted); }
.status::before { content: "●"; margin-right: 0.4rem; color: var(--muted); }
.status[data-state="live"]::before { color: #16a34a; }
.status[data-state="offline"]::before { color: var(--warn); }
.controls { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.controls button, .controls input { font: inherit; font-size: 0.875rem; padding: 0.3rem 0.7rem;
  border: 1px solid var(--line); border-radius: 0.35rem; background: var(--card); color: var(--fg); }
.controls button { cursor: pointer; }
.controls button:disabled, .controls input:disabled { opacity: 0.5; cursor: default; }
.controls form { display: flex; gap: 0.4rem; flex: 1 1 16rem; min-width: 0; }
.controls input { flex: 1; min-width: 0; }
#notice { margin: 0; font-size: 0.8rem; color: var(--muted); min-height: 1em; }
#notice[data-ok="false"] { color: var(--bad); }
.live-turn .cursor { color: var(--seat); animation: blink 1s steps(2) infinite; }
@keyframes blink { 50% { opacity: 0; } }
`;

export interface LivePageOptions {
  readonly title: string;
  readonly participants: readonly Participant[];
  /** Where the event stream is (the page adds `?token=` when it was opened with one). */
  readonly events: string;
  /** Where controls are posted; no controls without it. */
  readonly control?: string | undefined;
  readonly turns?: number | undefined;
  /** A link back (serve's list of runs). */
  readonly back?: string | undefined;
}

const BUTTONS: readonly (readonly [string, string, string])[] = [
  ['pause', 'Pause', 'pause or resume the discussion'],
  ['skip', 'Skip', 'end the current turn now'],
  ['next-topic', 'Next topic', 'move to the next question after this turn'],
  ['wrap-up', 'Wrap up', 'go to the summary, then end'],
  ['stop', 'Stop', 'finish after this turn, without a summary'],
];

/** The live page: an empty transcript that the event stream fills in, and the controls. */
export function livePage(options: LivePageOptions): Page {
  const controls =
    options.control === undefined
      ? ''
      : [
          '<div class="controls" id="controls">',
          ...BUTTONS.map(
            ([command, label, title]) =>
              `<button type="button" data-command="${command}"${command === 'pause' ? ' id="pause"' : ''} title="${h(title)}">${label}</button>`,
          ),
          '<form id="say"><input type="text" name="text" autocomplete="off" maxlength="4000" placeholder="Say to the table (@Name gives the floor)" aria-label="Say to the table"><button type="submit">Say</button></form>',
          '</div>',
        ].join('');
  const back =
    options.back === undefined
      ? ''
      : `<nav class="back"><a href="${h(options.back)}">← All runs</a></nav>\n`;
  return buildPage({
    title: options.title,
    participants: options.participants,
    body: `${back}<div id="log"></div><div id="live" aria-live="polite"></div>\n`,
    mainAttributes: [
      `data-events="${h(options.events)}"`,
      options.control === undefined ? '' : `data-control="${h(options.control)}"`,
      options.turns === undefined ? '' : `data-turns="${options.turns}"`,
    ]
      .filter(Boolean)
      .join(' '),
    after: `<div class="dock live-only"><div class="dock-inner">${controls}<p id="notice" role="status"></p><p class="status" id="status" role="status" data-state="offline">connecting…</p></div></div>`,
    extraCss: LIVE_CSS,
    script: LIVE_SCRIPT,
    connect: 'self',
  });
}
