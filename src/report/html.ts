// `roundtable report --html`: one self-contained page (the transcript's stylesheet, SVG charts,
// no script, nothing fetched), one section a discussion, and a comparison table for several.
import { turnCountLabel } from '../render/labels.js';
import { buildPage } from '../transcript/html/document.js';
import { escapeHtml as h } from '../transcript/html/escape.js';
import { readableTime } from '../transcript/html/sections.js';
import { folderName } from '../transcript/table-name.js';
import type { DiscussionFigures } from './figures.js';
import { formatCost, formatDuration, formatNumber, percent } from './format.js';
import { barChart, CHART_CSS, mentionMatrix, timelineChart } from './svg.js';
import type { ReportRun } from './terminal.js';

const figure = (value: string, label: string) =>
  `<li><b>${h(value)}</b><span>${h(label)}</span></li>`;

function runSection(run: ReportRun, index: number, several: boolean): string {
  const f = run.figures;
  const colorOf = new Map(f.seats.map((s) => [s.seat, s.color]));
  const nameOf = new Map(f.seats.map((s) => [s.seat, s.name]));
  const est = f.totals.tokensEstimated ? '~' : '';
  const facts = [
    f.startedAt === undefined ? undefined : readableTime(f.startedAt),
    f.seed === undefined ? undefined : `seed ${f.seed}`,
    f.endReason ?? 'not finished',
  ].filter((x): x is string => x !== undefined);
  const seatRows = f.seats
    .map(
      (s) =>
        `<tr><td><span class="who seat-${s.seat}">${h(s.name)}</span> <span class="muted">${h(s.model ?? (s.human ? 'a person' : ''))}</span></td><td class="n">${formatNumber(s.turns)}</td><td class="n">${formatNumber(s.words)}</td><td class="n">${s.tokensEstimated ? '~' : ''}${formatNumber(s.promptTokens)}</td><td class="n">${s.tokensEstimated ? '~' : ''}${formatNumber(s.completionTokens)}</td><td class="n">${h(formatCost(s.cost))}</td><td class="n">${percent(s.shareOfWords)}</td></tr>`,
    )
    .join('');
  const topics = f.topics
    .map(
      (t) =>
        `<tr><td>${t.index < 0 ? '<span class="muted">moderator:</span> ' : `${t.index + 1}. `}${h(t.text)}</td><td class="n">${formatNumber(t.turns)}</td><td class="n">${formatNumber(t.words)}</td><td class="n">${t.durationMs === undefined ? '' : formatDuration(t.durationMs)}</td></tr>`,
    )
    .join('');
  const unreached =
    f.unreached.length === 0
      ? ''
      : `<p class="muted">Never reached: ${f.unreached.map((q) => `${q.index + 1}. ${h(q.text)}`).join(' · ')}</p>`;
  const who = (turn: number, speaker: string) => `turn ${turn} (${h(speaker)})`;
  const list = (items: readonly string[]) =>
    items.length === 0
      ? '<p class="muted">None.</p>'
      : `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
  const count = (from: string, to: string) =>
    f.mentions.find((m) => m.from === from && m.to === to)?.turns ?? 0;
  return [
    `<section class="run-report" id="run-${index + 1}">`,
    several
      ? `<h2>[${index + 1}] ${h(f.title)}</h2>`
      : `<header class="run"><h1>${h(f.title)}</h1></header>`,
    `<ul class="meta"><li>${h(folderName(run.dir))}</li>${facts.map((x) => `<li>${h(x)}</li>`).join('')}</ul>`,
    '<ul class="figures">',
    figure(
      `${formatNumber(f.totals.turns)}${f.plannedTurns === undefined ? '' : ` / ${f.plannedTurns}`}`,
      'turns',
    ),
    figure(formatNumber(f.totals.words), 'words'),
    figure(`${est}${formatNumber(f.totals.tokens)}`, 'tokens'),
    figure(formatCost(f.totals.cost), 'cost'),
    figure(f.durationMs === undefined ? '—' : formatDuration(f.durationMs), 'time'),
    figure(f.balance.words.toFixed(2), 'balance of words (Gini, 0 is even)'),
    '</ul>',
    '<h3>Seats</h3>',
    `<div class="table-wrap"><table><thead><tr><th>Seat</th><th class="n">Turns</th><th class="n">Words</th><th class="n">Tokens in</th><th class="n">Tokens out</th><th class="n">Cost</th><th class="n">Share of words</th></tr></thead><tbody>${seatRows}</tbody></table></div>`,
    barChart(
      'Words per seat',
      f.seats.map((s) => ({
        label: s.name,
        value: s.words,
        color: s.color,
        note: `${formatNumber(s.words)} words · ${turnCountLabel(s.turns)}`,
      })),
    ),
    `<p class="muted">Balance (Gini, 0 is even): turns ${f.balance.turns.toFixed(2)} · words ${f.balance.words.toFixed(2)}</p>`,
    '<h3>Turn by turn</h3>',
    timelineChart(
      'Words per turn, coloured by speaker',
      f.timeline.map((t) => ({
        turn: t.turn,
        words: t.words,
        color: colorOf.get(t.seat) ?? '#888888',
        speaker: nameOf.get(t.seat) ?? '',
      })),
    ),
    '<h3>Who addressed whom</h3>',
    '<p class="muted">Turns of the row’s speaker that name the column’s, by name or @name.</p>',
    mentionMatrix('Mention graph', f.seats, count),
    '<h3>Topics</h3>',
    `<div class="table-wrap"><table><thead><tr><th>Topic</th><th class="n">Turns</th><th class="n">Words</th><th class="n">Time</th></tr></thead><tbody>${topics}</tbody></table></div>`,
    unreached,
    '<h3>Repetition</h3>',
    '<p class="muted">Turns that repeat an earlier one almost word for word (half or more of their word triples in common).</p>',
    list(
      f.repetitions.map(
        (r) =>
          `${who(r.turn, r.speaker)} repeats ${who(r.of, r.ofSpeaker)}: ${percent(r.similarity)} alike`,
      ),
    ),
    '<h3>Echo</h3>',
    '<p class="muted">Turns that mostly restate the turn before (half or more of their word pairs are in it).</p>',
    list(
      f.echoes.map(
        (e) =>
          `${who(e.turn, e.speaker)} restates ${who(e.of, e.ofSpeaker)}: ${percent(e.overlap)}`,
      ),
    ),
    positionsSection(f),
    '</section>\n',
  ].join('\n');
}

/** Each question's outcome and every seat's position, opening to closing (decision record). */
function positionsSection(f: DiscussionFigures): string {
  if (f.positions === undefined) return '';
  const questions = f.positions.map((q) => {
    const outcome = q.outcome === null ? 'no single outcome' : q.outcome;
    const support = q.support === null ? '' : `, ${percent(q.support)} support`;
    const rows = q.seats
      .map(
        (p) =>
          `<tr><td><span class="who seat-${Math.trunc(p.seat)}">${h(p.speaker)}</span></td><td>${p.opening === undefined ? '' : h(p.opening)}</td><td>${p.closing === undefined ? '<span class="muted">(none)</span>' : h(p.closing)}</td><td class="n">${p.confidence === undefined ? '' : percent(p.confidence)}</td><td>${p.changedMind ? 'yes' : ''}</td></tr>`,
      )
      .join('');
    return `<h4>${q.index + 1}. ${h(q.question)} → ${h(outcome)}${h(support)}</h4><div class="table-wrap"><table><thead><tr><th>Seat</th><th>Opening</th><th>Closing</th><th class="n">Confidence</th><th>Changed mind</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  });
  return ['<h3>Positions</h3>', ...questions].join('\n');
}

function comparison(runs: readonly ReportRun[]): string {
  const head = runs
    .map((_, i) => `<th class="n"><a href="#run-${i + 1}">[${i + 1}]</a></th>`)
    .join('');
  const row = (label: string, pick: (f: DiscussionFigures) => string) =>
    `<tr><th>${h(label)}</th>${runs.map((r) => `<td class="n">${h(pick(r.figures))}</td>`).join('')}</tr>`;
  return [
    '<header class="run"><h1>Discussions side by side</h1></header>',
    `<ol>${runs.map((r) => `<li>${h(r.figures.title)} <span class="muted">${h(folderName(r.dir))}</span></li>`).join('')}</ol>`,
    `<div class="table-wrap"><table><thead><tr><th></th>${head}</tr></thead><tbody>`,
    row('turns', (f) => formatNumber(f.totals.turns)),
    row('words', (f) => formatNumber(f.totals.words)),
    row('tokens', (f) => `${f.totals.tokensEstimated ? '~' : ''}${formatNumber(f.totals.tokens)}`),
    row('cost', (f) => formatCost(f.totals.cost)),
    row('time', (f) => (f.durationMs === undefined ? '' : formatDuration(f.durationMs))),
    row('balance of turns (Gini)', (f) => f.balance.turns.toFixed(2)),
    row('balance of words (Gini)', (f) => f.balance.words.toFixed(2)),
    row('questions never reached', (f) => formatNumber(f.unreached.length)),
    row('near-duplicate turns', (f) => formatNumber(f.repetitions.length)),
    row('echo turns', (f) => formatNumber(f.echoes.length)),
    row('ended', (f) => f.endReason ?? 'not finished'),
    ...(runs.some((r) => r.figures.positions !== undefined)
      ? [
          row('changes of mind', (f) =>
            f.positions === undefined
              ? '—'
              : formatNumber(f.positions.reduce((n, q) => n + q.changes.length, 0)),
          ),
        ]
      : []),
    '</tbody></table></div>\n',
  ].join('');
}

export function reportHtml(runs: readonly ReportRun[]): string {
  const several = runs.length > 1;
  const body =
    (several ? comparison(runs) : '') + runs.map((run, i) => runSection(run, i, several)).join('');
  // Each run's seats in their colours: seat numbers mean different people in different runs.
  const colors = runs
    .flatMap((run, i) =>
      run.figures.seats.map(
        (s) =>
          `#run-${i + 1} .seat-${Math.trunc(s.seat)}{--seat:${/^#[0-9a-f]{6}$/i.test(s.color) ? s.color : '#888888'}}`,
      ),
    )
    .join('\n');
  return buildPage({
    title: several
      ? 'Roundtable report: discussions side by side'
      : `Roundtable report: ${runs[0]?.figures.title ?? ''}`,
    body,
    participants: [],
    extraCss: `${CHART_CSS}${colors}\n`,
  }).html;
}
