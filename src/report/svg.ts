// Small SVG charts, written out as markup: no library, no script, nothing fetched. Text in them
// is escaped like everywhere else; colours are the seats' hex colours. Each chart has its own
// size and shrinks with its container (viewBox, max-width 100%), so it reads at 390 px too.
import { escapeHtml as h } from '../transcript/html/escape.js';
import { formatNumber } from './format.js';

export interface BarItem {
  readonly label: string;
  readonly value: number;
  readonly color: string;
  /** Shown after the bar: `24 words · 3 turns`. */
  readonly note: string;
}

const HEX = /^#[0-9a-f]{6}$/i;
const color = (c: string) => (HEX.test(c) ? c : '#888888');
const svg = (label: string, width: number, height: number, body: string) =>
  `<svg class="chart" role="img" aria-label="${h(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${h(label)}</title>${body}</svg>`;

/** Horizontal bars, one a row, labelled on the left and noted on the right. */
export function barChart(label: string, items: readonly BarItem[]): string {
  const width = 520;
  const row = 28;
  const left = 120;
  const right = 170;
  const top = Math.max(1, ...items.map((i) => i.value));
  const body = items
    .map((item, i) => {
      const y = i * row;
      const w = ((width - left - right) * item.value) / top;
      return [
        `<text x="${left - 8}" y="${y + 18}" text-anchor="end" class="label">${h(item.label)}</text>`,
        `<rect x="${left}" y="${y + 5}" width="${w.toFixed(1)}" height="${row - 10}" rx="3" fill="${color(item.color)}"/>`,
        `<text x="${(left + w + 8).toFixed(1)}" y="${y + 18}" class="note">${h(item.note)}</text>`,
      ].join('');
    })
    .join('');
  return svg(label, width, Math.max(row, items.length * row), body);
}

/** One bar a turn, its height the turn's words, its colour the speaker's. */
export function timelineChart(
  label: string,
  turns: readonly {
    readonly turn: number;
    readonly words: number;
    readonly color: string;
    readonly speaker: string;
  }[],
): string {
  const width = 640;
  const height = 140;
  const bottom = 20;
  const top = Math.max(1, ...turns.map((t) => t.words));
  const step = turns.length === 0 ? width : width / turns.length;
  const gap = Math.min(2, step * 0.2);
  const bars = turns
    .map((t, i) => {
      const h0 = ((height - bottom - 6) * t.words) / top;
      const x = i * step + gap / 2;
      return `<rect x="${x.toFixed(2)}" y="${(height - bottom - h0).toFixed(2)}" width="${Math.max(0.5, step - gap).toFixed(2)}" height="${h0.toFixed(2)}" fill="${color(t.color)}"><title>${h(`turn ${t.turn}: ${t.speaker}, ${formatNumber(t.words)} words`)}</title></rect>`;
    })
    .join('');
  const ticks = turns
    .filter((_, i) => turns.length <= 20 || i % Math.ceil(turns.length / 20) === 0)
    .map((t) => {
      const i = turns.indexOf(t);
      return `<text x="${(i * step + step / 2).toFixed(2)}" y="${height - 5}" text-anchor="middle" class="tick">${t.turn}</text>`;
    })
    .join('');
  return svg(
    label,
    width,
    height,
    `<line x1="0" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" class="axis"/>${bars}${ticks}`,
  );
}

/** Who addressed whom: a grid, rows the speakers, columns the ones named, darker for more. */
export function mentionMatrix(
  label: string,
  seats: readonly { readonly name: string; readonly color: string }[],
  count: (from: string, to: string) => number,
): string {
  const cell = 44;
  const left = 120;
  // Column names slant up and to the right, so long ones do not run into each other.
  const longest = Math.max(4, ...seats.map((s) => Array.from(s.name).length));
  const top = 16 + Math.min(160, longest * 5.5);
  const most = Math.max(1, ...seats.flatMap((a) => seats.map((b) => count(a.name, b.name))));
  const header = seats
    .map((s, j) => {
      const x = left + j * cell + cell / 2;
      const y = top - 8;
      return `<text x="${x}" y="${y}" transform="rotate(-40 ${x} ${y})" class="label" fill="${color(s.color)}">${h(s.name)}</text>`;
    })
    .join('');
  const rows = seats
    .map((from, i) => {
      const y = top + i * cell;
      const cells = seats
        .map((to, j) => {
          const x = left + j * cell;
          if (from.name === to.name)
            return `<rect x="${x + 2}" y="${y + 2}" width="${cell - 4}" height="${cell - 4}" class="self"/>`;
          const n = count(from.name, to.name);
          const opacity = n === 0 ? 0.06 : 0.2 + (0.8 * n) / most;
          return `<rect x="${x + 2}" y="${y + 2}" width="${cell - 4}" height="${cell - 4}" rx="4" fill="${color(from.color)}" fill-opacity="${opacity.toFixed(2)}"><title>${h(`${from.name} named ${to.name} in ${n} ${n === 1 ? 'turn' : 'turns'}`)}</title></rect><text x="${x + cell / 2}" y="${y + cell / 2 + 5}" text-anchor="middle" class="count">${n}</text>`;
        })
        .join('');
      return `<text x="${left - 8}" y="${y + cell / 2 + 5}" text-anchor="end" class="label" fill="${color(from.color)}">${h(from.name)}</text>${cells}`;
    })
    .join('');
  return svg(
    label,
    left + seats.length * cell + 10 + longest * 4,
    top + seats.length * cell + 6,
    header + rows,
  );
}

export const CHART_CSS = `
.chart { display: block; max-width: 100%; height: auto; margin: 0.5rem 0 1rem; overflow: visible; }
.chart text { font: 13px system-ui, sans-serif; fill: var(--fg); }
.chart .note, .chart .tick { fill: var(--muted); font-size: 12px; }
.chart .count { font-size: 12px; }
.chart .axis { stroke: var(--line); }
.chart .self { fill: var(--note); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.5rem;
  margin: 0.75rem 0; padding: 0; list-style: none; }
.figures li { border: 1px solid var(--line); border-radius: 0.4rem; padding: 0.45rem 0.65rem;
  background: var(--card); }
.figures b { display: block; font-size: 1.25rem; font-variant-numeric: tabular-nums; }
.figures span { color: var(--muted); font-size: 0.8rem; }
.run-report + .run-report { border-top: 2px solid var(--line); margin-top: 2.5rem; }
`;
