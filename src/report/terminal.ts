// `roundtable report` in a terminal: tables and sparklines, the seats in their colours. Every
// name and title comes from a table file or a model, so each goes through terminalSafe.
import type { Style } from '../render/ansi.js';
import { terminalSafe } from '../render/terminal-safe.js';
import { readableTime } from '../transcript/html/sections.js';
import type { DiscussionFigures, SeatFigures } from './figures.js';
import { clip, formatCost, formatDuration, formatNumber, percent } from './format.js';
import { bar, type Cell, sparkline, textTable } from './text-table.js';

export interface ReportRun {
  /** The transcript folder, as given. */
  readonly dir: string;
  readonly figures: DiscussionFigures;
}

const safe = (text: string) => terminalSafe(text).replace(/\s+/g, ' ').trim();
const cell = (text: string, right = false): Cell => ({ text, right });
const num = (n: number) => cell(formatNumber(n), true);

/** One discussion, in full; several, side by side. */
export function reportText(runs: readonly ReportRun[], style: Style): string {
  if (runs.length === 1 && runs[0] !== undefined) return `${oneRun(runs[0], style).join('\n')}\n`;
  return `${compare(runs, style).join('\n')}\n`;
}

function headline(run: ReportRun, style: Style): string[] {
  const f = run.figures;
  const facts = [
    f.startedAt === undefined ? undefined : readableTime(f.startedAt),
    f.seed === undefined ? undefined : `seed ${f.seed}`,
    `${f.totals.turns}${f.plannedTurns === undefined ? '' : ` of ${f.plannedTurns}`} turns`,
    f.endReason ?? 'not finished',
    f.durationMs === undefined ? undefined : formatDuration(f.durationMs),
  ].filter((x): x is string => x !== undefined);
  return [style.bold(safe(f.title)), style.dim(`${safe(run.dir)} · ${facts.join(' · ')}`)];
}

function seatName(seat: SeatFigures, style: Style): string {
  return style.fg(seat.color, style.bold(safe(seat.name)));
}

function oneRun(run: ReportRun, style: Style): string[] {
  const f = run.figures;
  const priced = f.seats.some((s) => s.cost !== undefined);
  const est = (estimated: boolean) => (estimated ? '~' : '');
  const rows: Cell[][] = [
    [
      cell('seat'),
      cell('turns', true),
      cell('words', true),
      cell('tokens in', true),
      cell('tokens out', true),
      ...(priced ? [cell('cost', true)] : []),
      cell('share of words'),
    ].map((c) => ({ ...c, text: style.dim(c.text) })),
    ...f.seats.map((s) => [
      cell(seatName(s, style)),
      num(s.turns),
      num(s.words),
      cell(est(s.tokensEstimated) + formatNumber(s.promptTokens), true),
      cell(est(s.tokensEstimated) + formatNumber(s.completionTokens), true),
      ...(priced ? [cell(formatCost(s.cost), true)] : []),
      cell(`${style.fg(s.color, bar(s.shareOfWords, 12))} ${percent(s.shareOfWords)}`),
    ]),
    [
      cell(style.bold('total')),
      num(f.totals.turns),
      num(f.totals.words),
      cell(est(f.totals.tokensEstimated) + formatNumber(f.totals.promptTokens), true),
      cell(est(f.totals.tokensEstimated) + formatNumber(f.totals.completionTokens), true),
      ...(priced ? [cell(formatCost(f.totals.cost), true)] : []),
    ],
  ];
  const lines = [...headline(run, style), '', ...textTable(rows), ''];
  lines.push(
    `Balance (Gini, 0 is even): turns ${f.balance.turns.toFixed(2)} · words ${f.balance.words.toFixed(2)}`,
    '',
  );

  // Words of each turn, one row a seat: who spoke when, and how much.
  const top = Math.max(0, ...f.timeline.map((t) => t.words));
  lines.push(style.dim('Words per turn'));
  lines.push(
    ...textTable(
      f.seats.map((s) => [
        cell(seatName(s, style)),
        cell(
          style.fg(
            s.color,
            sparkline(
              f.timeline.map((t) => (t.seat === s.seat ? t.words : undefined)),
              top,
            ),
          ),
        ),
      ]),
    ),
    '',
  );

  lines.push(style.dim('Who addressed whom (turns naming them)'));
  if (f.mentions.length === 0) lines.push('  nobody named anybody');
  else {
    const names = f.seats.map((s) => s.name);
    const count = (from: string, to: string) =>
      f.mentions.find((m) => m.from === from && m.to === to)?.turns ?? 0;
    const header = [
      cell(style.dim('from \\ to')),
      ...f.seats.map((s) => cell(seatName(s, style), true)),
    ];
    const body = f.seats.map((from) => [
      cell(seatName(from, style)),
      ...names.map((to) =>
        cell(to === from.name ? style.dim('·') : formatNumber(count(from.name, to)), true),
      ),
    ]);
    lines.push(...textTable([header, ...body]).map((line) => `  ${line}`));
  }
  lines.push('');

  lines.push(style.dim('Topics'));
  const topicRows = f.topics.map((t) => [
    cell(t.index < 0 ? '*' : `${t.index + 1}.`, true),
    cell(clip(safe(t.text), 64)),
    cell(`${formatNumber(t.turns)} ${t.turns === 1 ? 'turn' : 'turns'}`, true),
    cell(`${formatNumber(t.words)} words`, true),
    cell(t.durationMs === undefined ? '' : formatDuration(t.durationMs), true),
  ]);
  lines.push(...textTable(topicRows).map((line) => `  ${line}`));
  if (f.unreached.length > 0) {
    lines.push(
      `  ${style.dim('never reached:')} ${f.unreached.map((q) => `${q.index + 1}. ${safe(q.text)}`).join(' · ')}`,
    );
  }
  lines.push('');

  const who = (turn: number, speaker: string) => `turn ${turn} (${safe(speaker)})`;
  lines.push(style.dim('Repetition (near-duplicate turns)'));
  lines.push(
    ...(f.repetitions.length === 0
      ? ['  none']
      : f.repetitions.map(
          (r) =>
            `  ${who(r.turn, r.speaker)} repeats ${who(r.of, r.ofSpeaker)}: ${percent(r.similarity)} alike`,
        )),
    '',
  );
  lines.push(style.dim('Echo (turns that mostly restate the one before)'));
  lines.push(
    ...(f.echoes.length === 0
      ? ['  none']
      : f.echoes.map(
          (e) =>
            `  ${who(e.turn, e.speaker)} restates ${who(e.of, e.ofSpeaker)}: ${percent(e.overlap)} of its word pairs`,
        )),
  );
  if (f.positions !== undefined) lines.push('', ...positionLines(f, style));
  return lines;
}

/** Each question's outcome, and every seat's position from opening to closing. */
function positionLines(f: DiscussionFigures, style: Style): string[] {
  const lines = [style.dim('Positions (decision record)')];
  const colorOf = (seat: number) => f.seats.find((s) => s.seat === seat)?.color ?? '';
  for (const q of f.positions ?? []) {
    const support = q.support === null ? '' : `, ${percent(q.support)} support`;
    const outcome = q.outcome === null ? 'no single outcome' : safe(q.outcome);
    lines.push(
      `  ${q.index + 1}. ${clip(safe(q.question), 64)} → ${style.bold(outcome)}${support}`,
    );
    const rows = q.seats.map((p) => [
      cell(style.fg(colorOf(p.seat), style.bold(safe(p.speaker)))),
      cell(
        [p.opening, p.closing ?? style.dim('(none)')]
          .filter((x) => x !== undefined)
          .map((x) => clip(safe(x), 32))
          .join(' → '),
      ),
      cell(p.confidence === undefined ? '' : percent(p.confidence), true),
      cell(p.changedMind ? 'changed mind' : ''),
    ]);
    lines.push(...textTable(rows).map((line) => `     ${line}`));
  }
  return lines;
}

/** Several runs: one column each, the same rows, then each seat's words run by run. */
function compare(runs: readonly ReportRun[], style: Style): string[] {
  const lines: string[] = [];
  runs.forEach((run, i) => {
    lines.push(`${style.bold(`[${i + 1}]`)} ${headline(run, style).join('\n    ')}`);
  });
  lines.push('');
  const column = (pick: (f: DiscussionFigures) => string) =>
    runs.map((r) => cell(pick(r.figures), true));
  const rows: Cell[][] = [
    [cell(''), ...runs.map((_, i) => cell(style.bold(`[${i + 1}]`), true))],
    [cell('turns'), ...column((f) => formatNumber(f.totals.turns))],
    [cell('words'), ...column((f) => formatNumber(f.totals.words))],
    [
      cell('tokens'),
      ...column((f) => `${f.totals.tokensEstimated ? '~' : ''}${formatNumber(f.totals.tokens)}`),
    ],
    [cell('cost'), ...column((f) => formatCost(f.totals.cost))],
    [
      cell('duration'),
      ...column((f) => (f.durationMs === undefined ? '' : formatDuration(f.durationMs))),
    ],
    [cell('balance of turns (Gini)'), ...column((f) => f.balance.turns.toFixed(2))],
    [cell('balance of words (Gini)'), ...column((f) => f.balance.words.toFixed(2))],
    [
      cell('turns naming someone'),
      ...column((f) => formatNumber(f.mentions.reduce((n, m) => n + m.turns, 0))),
    ],
    [
      cell('topics reached'),
      ...column(
        (f) =>
          `${f.topics.filter((t) => t.index >= 0).length} of ${f.topics.filter((t) => t.index >= 0).length + f.unreached.length}`,
      ),
    ],
    [cell('near-duplicate turns'), ...column((f) => formatNumber(f.repetitions.length))],
    [cell('echo turns'), ...column((f) => formatNumber(f.echoes.length))],
    [cell('ended'), ...column((f) => f.endReason ?? 'not finished')],
    ...(runs.some((r) => r.figures.positions !== undefined)
      ? [
          [
            cell('changes of mind'),
            ...column((f) =>
              f.positions === undefined
                ? '—'
                : formatNumber(f.positions.reduce((n, q) => n + q.changes.length, 0)),
            ),
          ],
        ]
      : []),
  ];
  lines.push(...textTable(rows), '');
  const names = [...new Set(runs.flatMap((r) => r.figures.seats.map((s) => s.name)))];
  lines.push(style.dim('Words (turns) per seat'));
  lines.push(
    ...textTable(
      names.map((name) => [
        cell(safe(name)),
        ...runs.map((r) => {
          const seat = r.figures.seats.find((s) => s.name === name);
          return cell(
            seat === undefined ? '—' : `${formatNumber(seat.words)} (${seat.turns})`,
            true,
          );
        }),
      ]),
    ),
  );
  return lines;
}
