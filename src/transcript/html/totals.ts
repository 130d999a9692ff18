import type { EndReason } from '../../engine/events.js';
import { formatCount } from '../../format-count.js';
import { cutOffLabel, turnCountLabel, turnsLabel } from '../../render/labels.js';
import type { CostOf } from '../../report/figures.js';
import { formatCost } from '../../report/format.js';
import { seatTotals } from '../../report/seat-totals.js';
import type { FoldInput } from '../fold.js';
import { escapeHtml as h } from './escape.js';

export interface TotalsOptions {
  /** Prices the seats' usage; without it (or for an unknown model) no cost is shown. */
  readonly costOf?: CostOf | undefined;
}

const n = formatCount;

const END_TEXT: Record<EndReason, (turns: string) => string> = {
  completed: (turns) => `Finished after ${turns}.`,
  stopped: (turns) => `The moderator stopped the discussion after ${turns}.`,
  interrupted: (turns) => `The run was interrupted after ${turns}; every complete turn is above.`,
  failed: (turns) => `The run failed after ${turns}; the error is above.`,
};

/** The end of the transcript: how it ended, and turns, words, tokens and cost per seat. */
export function totalsSection(
  heading: string,
  reason: EndReason,
  records: readonly FoldInput[],
  options: TotalsOptions,
): string {
  const figures = seatTotals(records, { costOf: options.costOf });
  const figured = figures.seats.some((s) => s.cost !== undefined);
  // A run that cost nothing (the offline model, a local server) is called free once, not given a
  // column of $0.
  const free = figured && figures.totals.cost === 0 && figures.totals.turns > 0;
  const priced = figured && !free;
  const est = figures.totals.tokensEstimated ? '~' : '';
  const cell = (value: number | undefined) =>
    value === undefined ? '<td class="n">—</td>' : `<td class="n">${formatCost(value)}</td>`;
  const rows = figures.seats.map(
    (s) =>
      `<tr class="seat-${s.seat}"><td><span class="who">${h(s.name)}</span></td><td class="n">${n(s.turns)}</td><td class="n">${n(s.words)}</td><td class="n">${s.tokensEstimated ? '~' : ''}${n(s.promptTokens)}</td><td class="n">${s.tokensEstimated ? '~' : ''}${n(s.completionTokens)}</td>${priced ? cell(s.cost) : ''}</tr>`,
  );
  const t = figures.totals;
  // The run's own count by phase ("6 turns + 4 closing answers") when it recorded one.
  const end = records.findLast((r) => r.type === 'discussion-ended');
  const said =
    end?.type === 'discussion-ended' && end.turns === t.turns
      ? turnsLabel(end.turns, end.turnsByPhase)
      : turnCountLabel(t.turns);
  const cutOffs = records.filter(
    (r) => (r.type === 'turn-ended' || r.type === 'summary') && r.status === 'cut-off',
  ).length;
  const total = `<tr><th>Total</th><td class="n">${n(t.turns)}</td><td class="n">${n(t.words)}</td><td class="n">${est}${n(t.promptTokens)}</td><td class="n">${est}${n(t.completionTokens)}</td>${priced ? cell(t.cost) : ''}</tr>`;
  const head = `<tr><th>Seat</th><th class="n">Turns</th><th class="n">Words</th><th class="n">Tokens in</th><th class="n">Tokens out</th>${priced ? '<th class="n">Cost</th>' : ''}</tr>`;
  const freeNote = free ? '<p class="muted">Cost: free (every request was priced at $0).</p>' : '';
  const estimated = figures.totals.tokensEstimated
    ? '<p class="muted">~ marks token counts estimated locally where the server reported none.</p>'
    : '';
  return [
    `<section class="totals"><h2>${h(heading)}</h2>`,
    `<p class="end ${reason}">${h(END_TEXT[reason](`${said}${cutOffLabel(cutOffs)}`))}</p>`,
    `<div class="table-wrap"><table><thead>${head}</thead><tbody>${rows.join('')}</tbody><tfoot>${total}</tfoot></table></div>`,
    freeNote,
    estimated,
    '</section>\n',
  ].join('');
}
