// The decision record (outcome.json) on the page: per question the outcome and its support, each
// seat's position, confidence and reason, the minority report and changes of mind; then action
// items and open questions. The wording is the plain output's and transcript.md's
// (src/outcome/render.ts); every text is the models' and escaped.

import type { OutcomeRecord, QuestionOutcome, SeatPosition } from '../../outcome/record-schema.js';
import { costLine, headline, quotedStance, tallyText } from '../../outcome/render.js';
import { escapeHtml as h } from './escape.js';

const percent = (share: number): string => `${Math.round(share * 100)}%`;

function positionCell(p: SeatPosition): string {
  if (p.position !== undefined) return h(p.position);
  const why =
    p.status === 'failed'
      ? 'request failed'
      : p.status === 'absent'
        ? 'no answer'
        : 'could not be read';
  return `<span class="muted">(${why})</span>`;
}

function questionSection(q: QuestionOutcome, seatOf: (name: string) => number | undefined) {
  const seatClass = (name: string) => {
    const seat = seatOf(name);
    return seat === undefined ? '' : ` class="seat-${Math.trunc(seat)}"`;
  };
  const rows = q.positions.map(
    (p) =>
      `<tr${seatClass(p.speaker)}><td><span class="who">${h(p.speaker)}</span></td><td>${positionCell(p)}</td><td class="n">${p.confidence === undefined ? '' : percent(p.confidence)}</td><td>${p.changedMind === true || q.changes.some((c) => c.seat === p.seat) ? 'yes' : ''}</td><td>${h(p.because ?? '')}</td></tr>`,
  );
  const parts = [
    `<h3>${h(q.question)}</h3>`,
    `<p class="verdict"><strong>${h(headline(q))}</strong></p>`,
  ];
  const tally = tallyText(q);
  if (tally !== undefined) parts.push(`<p class="muted">${h(tally)}</p>`);
  parts.push(
    '<div class="table-wrap"><table><thead><tr><th>Seat</th><th>Position</th><th class="n">Confidence</th><th>Changed mind</th><th>Because</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></div>`,
  );
  const groups = q.groups ?? [];
  if (groups.length > 0) {
    parts.push(
      `<ul>${groups.map((g) => `<li>${h(g.seats.join(', '))} — ${h(quotedStance(g.stance))}</li>`).join('')}</ul>`,
    );
  }
  if (q.minorityReport.length > 0) {
    parts.push(
      '<p>Minority report:</p>',
      ...q.minorityReport.map(
        (m) =>
          `<blockquote${seatClass(m.speaker)}><span class="who">${h(m.speaker)}</span> (${h(m.position)}): ${h(m.because)}</blockquote>`,
      ),
    );
  }
  if (q.changes.length > 0) {
    const changes = q.changes.map((c) => `${h(c.speaker)} (${h(c.from)} → ${h(c.to)})`);
    parts.push(`<p>Changed their minds: ${changes.join('; ')}.</p>`);
  }
  for (const p of q.positions) {
    if (p.raw === undefined) continue;
    parts.push(`<p class="muted">Unreadable answer of ${h(p.speaker)}:</p><pre>${h(p.raw)}</pre>`);
  }
  return parts.join('');
}

/** The `Outcome` section; `seatOf` gives a name's seat, for its colour. */
export function outcomeSection(
  record: OutcomeRecord,
  seatOf: (name: string) => number | undefined,
): string {
  const parts = ['<section class="decision"><h2>Outcome</h2>'];
  if (record.stoppedBy !== undefined) parts.push(`<p>Ended early: ${h(record.stoppedBy)}.</p>`);
  for (const q of record.questions) parts.push(questionSection(q, seatOf));
  if (record.actionItems.length > 0) {
    parts.push(
      '<h3>Action items</h3><ul>',
      ...record.actionItems.map((a) => `<li>${h(a.action)} — ${h(a.owner)}</li>`),
      '</ul>',
    );
  }
  if (record.openQuestions.length > 0) {
    parts.push(
      '<h3>Open questions</h3><ul>',
      ...record.openQuestions.map((q) => `<li>${h(q)}</li>`),
      '</ul>',
    );
  }
  const cost = costLine(record);
  parts.push(cost === undefined ? '' : `<p class="muted">${h(cost)}.</p>`, '</section>\n');
  return parts.join('');
}
