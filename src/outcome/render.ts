// The decision record as a person reads it: lines for the plain output's box and the live view,
// and a Markdown section for transcript.md. One wording for all three.

import { formatCost, isFree } from '../cost/totals.js';
import { formatCount } from '../format-count.js';
import type { OutcomeRecord, QuestionOutcome } from './record-schema.js';

const percent = (share: number): string => `${Math.round(share * 100)}%`;

const DECIDED: Readonly<Record<string, string>> = {
  condorcet: 'Condorcet winner',
  borda: 'Borda count',
  approval: 'most approvals',
  score: 'highest mean score',
  'head-to-head': 'tie broken head to head',
  'first-choices': 'tie broken by first choices',
};

/** What the method counted: "Borda", "approvals" or "mean score". */
function countLabel(vote: NonNullable<QuestionOutcome['vote']>): string {
  return vote.borda ? 'Borda' : vote.approvals ? 'approvals' : 'mean score';
}

/** A tie on the method's count that first choices broke or narrowed: they are shown too. */
const firstChoicesCount = (vote: NonNullable<QuestionOutcome['vote']>): boolean =>
  vote.decidedBy === 'first-choices' || vote.decidedBy === 'tie';

function counted(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([option, n]) => `${option} ${Number.isInteger(n) ? n : n.toFixed(1)}`)
    .join(', ');
}

/**
 * "Borda: trail 5, trains 3, housing 1"; with first choices after it when they decided among
 * options level on the count, so the headline's tie reads against the numbers that made it.
 */
export function tallyText(q: QuestionOutcome): string | undefined {
  const vote = q.vote;
  if (vote === undefined || vote.decidedBy === 'no-votes') return undefined;
  const counts = vote.borda ?? vote.approvals ?? vote.meanScores;
  if (counts === undefined) return undefined;
  const first = firstChoicesCount(vote) ? ` · first choices: ${counted(vote.firstChoices)}` : '';
  return `${countLabel(vote)}: ${counted(counts)}${first}`;
}

/** "trail: 67% support (Condorcet winner), W 0.44" or why there is no single outcome. */
export function headline(q: QuestionOutcome): string {
  const vote = q.vote;
  if (vote === undefined) return 'free-text positions';
  if (vote.decidedBy === 'no-votes') return 'no valid votes';
  const w = q.consensus.kendallW === null ? '' : `, Kendall's W ${q.consensus.kendallW.toFixed(2)}`;
  const reached = q.consensus.reached === true ? ', consensus' : '';
  const support = q.consensus.support === null ? '' : `${percent(q.consensus.support)} support`;
  if (vote.winner === null) {
    // Level on the count and on first choices (the tally line shows both): options level on the
    // count alone, with fewer first choices, are not in the tie ("Borda 4/4/4" beside "tie
    // between trains, housing" read as a contradiction).
    const cycle =
      vote.condorcet !== undefined && vote.condorcet.smithSet.length >= 3
        ? 'a Condorcet cycle, '
        : '';
    const level = `${cycle}level on ${countLabel(vote)} and first choices`;
    return `tie between ${vote.tied.join(', ')} (${level})${w}`;
  }
  return `${vote.winner}: ${support} (${DECIDED[vote.decidedBy] ?? vote.decidedBy})${w}${reached}`;
}

/**
 * A group's stance as a quotation: it is a sentence of its own ("I want to see the sums."), so it
 * follows the seats that hold it rather than ending in a colon.
 */
export function quotedStance(stance: string): string {
  return `“${stance.trim().replace(/^["'“”‘’]+|["'“”‘’]+$/gu, '')}”`;
}

function questionLines(q: QuestionOutcome): string[] {
  const lines = [`${q.question} → ${headline(q)}`];
  const tally = tallyText(q);
  if (tally !== undefined) lines.push(`  ${tally}`);
  for (const group of q.groups ?? []) {
    lines.push(`  ${group.seats.join(', ')} — ${quotedStance(group.stance)}`);
  }
  if (q.vote === undefined && (q.groups ?? []).length === 0) {
    for (const p of q.positions) {
      if (p.position !== undefined) lines.push(`  ${p.speaker}: ${p.position}`);
    }
  }
  for (const m of q.minorityReport)
    lines.push(`  Dissent, ${m.speaker} (${m.position}): ${m.because}`);
  if (q.changes.length > 0) {
    lines.push(
      `  Changed their minds: ${q.changes.map((c) => `${c.speaker} (${c.from} → ${c.to})`).join('; ')}`,
    );
  }
  const unread = q.positions.filter((p) => p.status === 'unparsed' || p.status === 'failed');
  if (unread.length > 0) {
    lines.push(
      `  No readable position: ${unread.map((p) => `${p.speaker} (${p.status === 'failed' ? 'request failed' : 'unparsed'})`).join(', ')}`,
    );
  }
  return lines;
}

/** `Cost: $0.012 for 9,651 tokens`; undefined when the run was free (the end says so once). */
export function costLine(record: OutcomeRecord): string | undefined {
  const total = record.cost.total;
  if (isFree(total.cost)) return undefined;
  const shown = formatCost(total.cost);
  const tokens = total.tokens.prompt + total.tokens.completion;
  return `Cost: ${shown} for ${formatCount(tokens)} tokens${total.tokens.estimated ? ' (some estimated)' : ''}`;
}

/** The record as plain lines, for a box in the plain output and the live view. */
export function outcomeLines(record: OutcomeRecord): string[] {
  const lines: string[] = [];
  if (record.stoppedBy !== undefined) lines.push(`Ended early: ${record.stoppedBy}`);
  for (const q of record.questions) lines.push(...questionLines(q));
  if (record.actionItems.length > 0) {
    lines.push('Action items:');
    for (const item of record.actionItems) lines.push(`  - ${item.action} (${item.owner})`);
  }
  if (record.openQuestions.length > 0) {
    lines.push('Open questions:');
    for (const open of record.openQuestions) lines.push(`  - ${open}`);
  }
  const cost = costLine(record);
  if (cost !== undefined) lines.push(cost);
  return lines;
}

const md = (text: string): string => text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\n+/g, ' ');

/** The `## Outcome` section of transcript.md. */
export function outcomeMarkdown(record: OutcomeRecord): string {
  const out: string[] = ['## Outcome', ''];
  if (record.stoppedBy !== undefined) out.push(`Ended early: ${md(record.stoppedBy)}.`, '');
  for (const q of record.questions) {
    out.push(`### ${md(q.question)}`, '', `**${md(headline(q))}**`, '');
    const tally = tallyText(q);
    if (tally !== undefined) out.push(`${md(tally)}`, '');
    const rows = q.positions.map((p) => {
      const position =
        p.position ??
        (p.status === 'failed'
          ? '*(request failed)*'
          : p.status === 'absent'
            ? '*(no answer)*'
            : '*(unparsed)*');
      const sure = p.confidence === undefined ? '' : percent(p.confidence);
      const changed = p.changedMind === true ? 'yes' : '';
      return `| ${md(p.speaker)} | ${p.position === undefined ? position : md(position)} | ${sure} | ${changed} | ${md(p.because ?? '')} |`;
    });
    out.push(
      '| seat | position | confidence | changed mind | because |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    );
    for (const group of q.groups ?? [])
      out.push(`- ${group.seats.map(md).join(', ')} — ${md(quotedStance(group.stance))}`);
    if ((q.groups ?? []).length > 0) out.push('');
    if (q.minorityReport.length > 0) {
      out.push('Minority report:', '');
      for (const m of q.minorityReport)
        out.push(`> **${md(m.speaker)}** (${md(m.position)}): ${md(m.because)}`, '>');
      out.pop();
      out.push('');
    }
    if (q.changes.length > 0) {
      out.push(
        `Changed their minds: ${q.changes.map((c) => `${md(c.speaker)} (${md(c.from)} → ${md(c.to)})`).join('; ')}.`,
        '',
      );
    }
    const raw = q.positions.filter((p) => p.raw !== undefined);
    for (const p of raw)
      out.push(
        `Unparsed answer of ${md(p.speaker)}:`,
        '',
        '```',
        (p.raw ?? '').replaceAll('```', "'''"),
        '```',
        '',
      );
  }
  if (record.actionItems.length > 0) {
    out.push(
      '### Action items',
      '',
      ...record.actionItems.map((a) => `- ${md(a.action)} — ${md(a.owner)}`),
      '',
    );
  }
  if (record.openQuestions.length > 0) {
    out.push('### Open questions', '', ...record.openQuestions.map((q) => `- ${md(q)}`), '');
  }
  const cost = costLine(record);
  if (cost !== undefined) out.push(`${cost}.`, '');
  return out.join('\n');
}
