// The parts of the page that are not turns: the run's header, the table, topic headings.

import type { EventOf, TopicRef } from '../../engine/events.js';
import type { Participant } from '../../engine/table.js';
import { questionNumber } from '../../outcome/positions-display.js';
import { creativityLabel, settingsFacts } from '../../render/labels.js';
import type { RunRecord } from '../events-file.js';
import { folderName, shownTable } from '../table-name.js';
import { escapeHtml as h } from './escape.js';

export function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const time = (iso: string) => `<time datetime="${h(iso)}">${h(readableTime(iso))}</time>`;

export function runHeader(record: RunRecord): string {
  const meta = [
    `<li>Started ${time(record.startedAt)}</li>`,
    `<li>Table: ${h(shownTable(record))}</li>`,
  ];
  if (record.model || record.endpoint) {
    const where = record.endpoint ? ` (${h(record.endpoint)})` : '';
    meta.push(`<li>Model: ${h(record.model ?? 'default')}${where}</li>`);
  }
  if (record.forkedFrom !== undefined) {
    meta.push(
      `<li>Forked from ${h(folderName(record.forkedFrom.dir))} at turn ${record.forkedFrom.turn}</li>`,
    );
  }
  meta.push(`<li>roundtable ${h(record.version)}</li>`);
  return `<header class="run"><h1>${h(record.title)}</h1><ul class="meta">${meta.join('')}</ul></header>\n`;
}

export function resumedNote(record: RunRecord): string {
  return `<p class="aside resumed">Resumed ${time(record.ts)}.</p>\n`;
}

export function topicHeading(topic: TopicRef, note = ''): string {
  const label = topic.index < 0 ? 'Topic from the moderator' : `Topic ${topic.index + 1}`;
  return `<h2 class="topic"><span class="muted">${label}:</span> ${h(topic.text)}${note}</h2>\n`;
}

export function phaseHeading(event: EventOf<'phase-started'>): string {
  const together = event.parallel ? ' <span class="by">(everyone at once)</span>' : '';
  // A block of positions numbers its questions once; each seat answers by number.
  const questions = (event.questions ?? []).map(
    (q) => `<li value="${questionNumber(q)}">${h(q.text)}</li>`,
  );
  const head = questions.length === 0 ? '' : `<ol class="questions">${questions.join('')}</ol>\n`;
  return `<h2 class="phase-title">${h(event.title)}${together}</h2>\n${head}`;
}

/** The table: the context, each seat in its colour, the questions, how the run was set up. */
export function tableSection(
  event: EventOf<'discussion-started'>,
  modelOf: (participant: Participant) => string | undefined,
): string {
  const seats = event.participants.map((p) => {
    const details = [p.role, `creativity ${creativityLabel(p.creativity)}`];
    details.push(p.human ? 'a person' : modelOf(p));
    const detail = details.filter((d): d is string => d !== undefined && d !== '').map(h);
    return `<li class="seat-${Math.trunc(p.seat)}"><span class="name">${h(p.name)}</span> ${h(p.fullName)}<span class="detail">${detail.join(' · ')}</span></li>`;
  });
  const questions = event.task.questions.map((q) => `<li>${h(q)}</li>`).join('');
  const facts = settingsFacts(event.seed, event.settings);
  return [
    '<section class="table" aria-label="The table">',
    `<p class="context" dir="auto">${h(event.task.context.trim())}</p>`,
    `<ul class="seats">${seats.join('')}</ul>`,
    `<h3>Questions</h3><ol class="questions">${questions}</ol>`,
    `<p class="muted">${facts.map(h).join(' · ')}</p>`,
    '</section>\n',
  ].join('');
}
