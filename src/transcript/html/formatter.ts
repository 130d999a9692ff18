import type {
  DiscussionEvent,
  EndReason,
  EventOf,
  FloorReason,
  TopicRef,
  TurnStatus,
} from '../../engine/events.js';
import type { Participant } from '../../engine/table.js';
import {
  commandLabel,
  creativityLabel,
  directiveLabel,
  endReasonLabel,
  turnCountLabel,
  turnsLeftLabel,
} from '../../render/labels.js';
import type { RunRecord } from '../events-file.js';
import type { FoldInput } from '../fold.js';
import { escapeHtml as h } from './escape.js';
import { type TotalsOptions, totalsSection } from './totals.js';
import { type Tag, turnArticle } from './turn.js';

/**
 * Turns transcript records into HTML, one fragment per record, like the Markdown formatter: each
 * fragment is balanced markup that goes at the end of the page's `<main>`, so the live page can
 * insert fragments as they come and transcript.html is all of them in a row. A turn is written
 * when it ends, with what happened while it was spoken (floor reason, retries, errors, trims).
 */
export interface HtmlFormatter {
  /** The HTML to append for this record; '' when it adds nothing. */
  record(record: FoldInput): string;
  /** Whether the end section has been written. */
  readonly ended: boolean;
  /** The run's title, once a `run` record was seen. */
  readonly title: string | undefined;
  readonly participants: readonly Participant[];
}

interface Pending {
  readonly started: EventOf<'turn-started'>;
  readonly notes: Note[];
}

type Note = Tag;

const topicKey = (topic: TopicRef) => `${topic.index}\u0000${topic.text}`;
const seatClass = (seat: number) => `seat-${Math.trunc(seat)}`;

export function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function createHtmlFormatter(options: TotalsOptions = {}): HtmlFormatter {
  let run: RunRecord | undefined;
  let started: EventOf<'discussion-started'> | undefined;
  let participants: readonly Participant[] = [];
  let mixedModels = false;
  let currentTopic: TopicRef | undefined;
  const pending = new Map<number, Pending>();
  let lastSpeaker: string | undefined;
  let summaryWritten = false;
  let ended = false;
  /** Every record so far: the totals are figures over all of them. */
  const seen: FoldInput[] = [];

  const fullNameOf = (seat: number) => participants.find((p) => p.seat === seat)?.fullName;

  const topicHeading = (topic: TopicRef, note = '') => {
    currentTopic = topic;
    const label = topic.index < 0 ? 'Topic from the moderator' : `Topic ${topic.index + 1}`;
    return `<h2 class="topic"><span class="muted">${label}:</span> ${h(topic.text)}${note}</h2>\n`;
  };

  const header = (record: RunRecord) => {
    const meta = [
      `<li>Started <time datetime="${h(record.startedAt)}">${h(readableTime(record.startedAt))}</time></li>`,
      `<li>Table: ${h(record.tableDir)}</li>`,
    ];
    if (record.model || record.endpoint) {
      const where = record.endpoint ? ` (${h(record.endpoint)})` : '';
      meta.push(`<li>Model: ${h(record.model ?? 'default')}${where}</li>`);
    }
    meta.push(`<li>roundtable ${h(record.version)}</li>`);
    return `<header class="run"><h1>${h(record.title)}</h1><ul class="meta">${meta.join('')}</ul></header>\n`;
  };

  const resumed = (record: RunRecord) => {
    ended = false;
    summaryWritten = false;
    pending.clear();
    const when = `<time datetime="${h(record.ts)}">${h(readableTime(record.ts))}</time>`;
    const topic = currentTopic
      ? topicHeading(currentTopic, ' <span class="by">(continued)</span>')
      : '';
    return `<p class="aside resumed">Resumed ${when}.</p>\n${topic}`;
  };

  const modelOf = (p: Participant) => p.model ?? run?.model;

  const table = (event: EventOf<'discussion-started'>) => {
    if (started !== undefined) {
      participants = event.participants;
      // A resumed run announces itself again; only a different topic is news.
      return currentTopic && topicKey(currentTopic) === topicKey(event.topic)
        ? ''
        : topicHeading(event.topic);
    }
    started = event;
    participants = event.participants;
    mixedModels = new Set(event.participants.map(modelOf)).size > 1;
    const seats = event.participants.map((p) => {
      const details = [p.role, `creativity ${creativityLabel(p.creativity)}`];
      details.push(p.human ? 'a person' : modelOf(p));
      const detail = details.filter((d): d is string => d !== undefined && d !== '').map(h);
      return `<li class="${seatClass(p.seat)}"><span class="name">${h(p.name)}</span> ${h(p.fullName)}<span class="detail">${detail.join(' · ')}</span></li>`;
    });
    const questions = event.task.questions.map((q) => `<li>${h(q)}</li>`).join('');
    const s = event.settings;
    const facts = [
      `seed ${s.seed}`,
      turnCountLabel(s.turns),
      `topic change every ~${s.topicChangeEvery} turns`,
      `opinions invited every ~${s.askOpinionEvery} turns`,
      `wrap-up in the last ${turnCountLabel(s.wrapUpTurns)}`,
      s.summary ? 'summary at the end' : 'no summary',
    ];
    return [
      '<section class="table" aria-label="The table">',
      `<p class="context" dir="auto">${h(event.task.context.trim())}</p>`,
      `<ul class="seats">${seats.join('')}</ul>`,
      `<h3>Questions</h3><ol class="questions">${questions}</ol>`,
      `<p class="muted">${facts.map(h).join(' · ')}</p>`,
      '</section>\n',
      topicHeading(event.topic),
    ].join('');
  };

  const floorLabel = (start: EventOf<'turn-started'>): string => {
    if (start.kind === 'summary') return 'sums up';
    const reason: FloorReason = start.reason;
    switch (reason) {
      case 'first':
        return 'opens';
      case 'mention':
        return lastSpeaker === undefined ? 'was named' : `named by ${lastSpeaker}`;
      case 'random':
        return 'random pick';
      case 'moderator':
        return "moderator's choice";
      default:
        return String(reason);
    }
  };

  const statusNote = (status: TurnStatus): Note | undefined => {
    switch (status) {
      case 'complete':
      case 'passed':
      case 'failed':
        return undefined;
      case 'skipped':
        return { text: 'cut short by the moderator', tone: 'warn' };
      case 'interrupted':
        return { text: 'interrupted', tone: 'bad' };
      default: {
        const unknown: never = status;
        return { text: String(unknown) };
      }
    }
  };

  const article = (
    end: { seat: number; speaker: string; text: string; status: TurnStatus },
    turn: number,
    start: EventOf<'turn-started'> | undefined,
    notes: readonly Note[],
    cut: { readonly as: string } | undefined,
  ) => {
    const total = started?.settings.turns;
    const tags: Note[] = [];
    if (start && start.directives.length > 0) {
      tags.push(...start.directives.map((d) => ({ text: directiveLabel(d) })));
      tags.push({ text: turnsLeftLabel(start.turnsLeft) });
    }
    if (cut) tags.push({ text: `cut: started speaking as ${cut.as}`, tone: 'warn' });
    const status = statusNote(end.status);
    if (status) tags.push(status);
    tags.push(...notes);
    return turnArticle({
      turn,
      seat: end.seat,
      speaker: end.speaker,
      fullName: fullNameOf(end.seat),
      text: end.text,
      status: end.status,
      why: start === undefined ? undefined : floorLabel(start),
      model: start?.model && mixedModels ? start.model : undefined,
      number:
        start?.kind === 'summary'
          ? undefined
          : `turn ${turn}${total !== undefined && turn <= total ? ` of ${total}` : ''}`,
      tags,
    });
  };

  const turnEnded = (event: EventOf<'turn-ended'>) => {
    const turn = pending.get(event.turn);
    pending.delete(event.turn);
    if (turn?.started.kind === 'summary') return summary(event, turn);
    const html = article(event, event.turn, turn?.started, turn?.notes ?? [], event.cut);
    lastSpeaker = event.speaker;
    return html;
  };

  const summary = (
    event: { seat: number; speaker: string; text: string; status: TurnStatus },
    turn: Pending | undefined,
  ) => {
    if (summaryWritten) return '';
    summaryWritten = true;
    const number = turn?.started.turn ?? (started?.settings.turns ?? 0) + 1;
    return `<section class="summary"><h2>Summary</h2>${article(event, number, turn?.started, turn?.notes ?? [], undefined)}</section>\n`;
  };

  /** A note on a turn being spoken, or a paragraph of its own between turns. */
  const aside = (note: Note, turn?: number) => {
    const target = turn === undefined ? [...pending.values()].at(-1) : pending.get(turn);
    if (target) {
      target.notes.push(note);
      return '';
    }
    return `<p class="aside${note.tone === 'bad' ? ' bad' : ''}">${h(note.text)}</p>\n`;
  };

  const trimNote = (e: EventOf<'context-trimmed'>): Note => {
    const n = e.droppedEntries;
    const parts = [`${n} earlier ${n === 1 ? 'message' : 'messages'} left ${e.speaker}'s context`];
    if (e.summarized) parts.push('summarized');
    else if (e.summaryError !== undefined) parts.push(`no summary: ${e.summaryError}`);
    if (e.overflow) parts.push(`the request is still over ${e.contextTokens} tokens`);
    return { text: parts.join('; '), tone: e.overflow ? 'warn' : undefined };
  };

  const end = (reason: EndReason) => {
    ended = true;
    pending.clear();
    const heading = reason === 'completed' ? 'Totals' : endReasonLabel(reason);
    return totalsSection(heading, reason, seen, options);
  };

  const event = (e: DiscussionEvent): string => {
    switch (e.type) {
      case 'discussion-started':
        return table(e);
      case 'discussion-resumed':
        return '';
      case 'topic-changed': {
        if (currentTopic && topicKey(currentTopic) === topicKey(e.topic)) return '';
        return topicHeading(
          e.topic,
          e.reason === 'moderator' ? ' <span class="by">(set by the moderator)</span>' : '',
        );
      }
      case 'turn-started': {
        pending.set(e.turn, { started: e, notes: [] });
        const changed =
          e.kind === 'turn' && (!currentTopic || topicKey(currentTopic) !== topicKey(e.topic));
        return changed ? topicHeading(e.topic) : '';
      }
      case 'text-delta':
        return '';
      case 'turn-ended':
        return turnEnded(e);
      case 'summary':
        return summary(
          e,
          [...pending.values()].find((p) => p.started.kind === 'summary'),
        );
      case 'context-trimmed':
        return e.droppedEntries === 0 && !e.overflow ? '' : aside(trimNote(e), e.turn);
      case 'retry':
        return aside(
          {
            text: `retry ${e.attempt} after ${(e.delayMs / 1000).toFixed(1)} s: ${e.reason}`,
            tone: 'warn',
          },
          e.turn,
        );
      case 'error': {
        const text = `error (${e.kind}): ${e.message}`;
        return aside(
          { text: e.fatal ? `${text}; the discussion stops` : text, tone: 'bad' },
          e.turn,
        );
      }
      case 'interjection': {
        const floor = e.mention
          ? ` <span class="muted">(gives the floor to ${h(e.mention)})</span>`
          : '';
        return `<p class="moderator" dir="auto"><b>Moderator:</b> ${h(e.text.trim())}${floor}</p>\n`;
      }
      case 'command': {
        const label = commandLabel(e.command);
        return label ? aside({ text: `moderator: ${label}` }) : '';
      }
      case 'discussion-ended':
        return end(e.reason);
      default: {
        const unhandled: never = e;
        return unhandled;
      }
    }
  };

  return {
    record(record) {
      if (record.type !== 'text-delta') seen.push(record);
      switch (record.type) {
        case 'run':
          if (run) {
            run = record;
            return resumed(record);
          }
          run = record;
          return header(record);
        case 'closed':
          return ended ? '' : end(record.reason);
        default:
          return event(record);
      }
    },
    get ended() {
      return ended;
    },
    get title() {
      return run?.title;
    },
    get participants() {
      return participants;
    },
  };
}
