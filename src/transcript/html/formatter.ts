import type {
  DiscussionEvent,
  EndReason,
  EventOf,
  TopicRef,
  TurnStatus,
} from '../../engine/events.js';
import { numberedTurns } from '../../engine/formats.js';
import type { Participant } from '../../engine/table.js';
import { endReasonLabel, phaseEndLabel } from '../../render/labels.js';
import type { RunRecord } from '../events-file.js';
import type { FoldInput } from '../fold.js';
import { escapeHtml as h } from './escape.js';
import {
  asideParagraph,
  eventNote,
  floorWhy,
  interjectionParagraph,
  memoryQuote,
  tallyParagraph,
  turnTags,
} from './notes.js';
import { outcomeSection } from './outcome.js';
import { phaseHeading, resumedNote, runHeader, tableSection, topicHeading } from './sections.js';
import { type TotalsOptions, totalsSection } from './totals.js';
import { type Tag, turnArticle } from './turn.js';

export { readableTime } from './sections.js';

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

/** How a turn or the summary ended, as both events carry it. */
interface Ended {
  readonly seat: number;
  readonly speaker: string;
  readonly text: string;
  readonly status: TurnStatus;
  readonly cutOff?: string | undefined;
}

interface Pending {
  readonly started: EventOf<'turn-started'>;
  readonly notes: Tag[];
  /** A review's reply, held until its ranking comes. */
  ended?: EventOf<'turn-ended'> | undefined;
}

const topicKey = (topic: TopicRef) => `${topic.index}\u0000${topic.text}`;

export function createHtmlFormatter(options: TotalsOptions = {}): HtmlFormatter {
  let run: RunRecord | undefined;
  let started: EventOf<'discussion-started'> | undefined;
  let phase: EventOf<'phase-started'> | undefined;
  let participants: readonly Participant[] = [];
  let mixedModels = false;
  let currentTopic: TopicRef | undefined;
  const pending = new Map<number, Pending>();
  let lastSpeaker: string | undefined;
  let summaryWritten = false;
  let ended = false;
  /** Every record so far: the totals are figures over all of them. */
  const seen: FoldInput[] = [];

  const nameOf = (seat: number) => participants.find((p) => p.seat === seat)?.name ?? String(seat);
  const heading = (topic: TopicRef, note = '') => {
    currentTopic = topic;
    return topicHeading(topic, note);
  };

  const discussionStarted = (event: EventOf<'discussion-started'>) => {
    participants = event.participants;
    if (started !== undefined) {
      // A resumed run announces itself again; only a different topic is news.
      return currentTopic && topicKey(currentTopic) === topicKey(event.topic)
        ? ''
        : heading(event.topic);
    }
    started = event;
    const modelOf = (p: Participant) => p.model ?? run?.model;
    mixedModels = new Set(event.participants.map(modelOf)).size > 1;
    return tableSection(event, modelOf) + heading(event.topic);
  };

  const article = (
    end: Ended,
    turn: number,
    open: Pending | undefined,
    extra: EventOf<'turn-ended'> | undefined,
  ) => {
    const start = open?.started;
    const total = started === undefined ? undefined : numberedTurns(started.settings);
    const tags = turnTags(start, end, extra, open?.notes ?? []);
    return turnArticle({
      turn,
      seat: end.seat,
      speaker: end.speaker,
      fullName: participants.find((p) => p.seat === end.seat)?.fullName,
      text: end.text,
      status: end.status,
      why: start === undefined ? undefined : floorWhy(start, lastSpeaker),
      model: start?.model && mixedModels ? start.model : undefined,
      number:
        start?.kind === 'summary' || (start?.phase !== undefined && phase?.kind !== 'discussion')
          ? undefined
          : `turn ${turn}${total !== undefined && turn <= total ? ` of ${total}` : ''}`,
      tags,
    });
  };

  const turnEnded = (event: EventOf<'turn-ended'>) => {
    const open = pending.get(event.turn);
    if (open?.started.kind === 'summary') {
      pending.delete(event.turn);
      return summary(event, open);
    }
    // A review is written with its ranking, which comes right after it.
    const heard = event.status !== 'failed' && event.status !== 'interrupted' && event.text !== '';
    if (open !== undefined && phase?.kind === 'review' && heard) {
      open.ended = event;
      return '';
    }
    pending.delete(event.turn);
    lastSpeaker = event.speaker;
    return article(event, event.turn, open, event);
  };

  const flushReview = (open: Pending, event: EventOf<'turn-ended'>) => {
    pending.delete(event.turn);
    return article(event, event.turn, open, event);
  };

  const reviewed = (review: EventOf<'review'>) => {
    const open = pending.get(review.turn);
    if (open?.ended === undefined) return '';
    open.notes.push(
      review.ranking === undefined
        ? { text: 'no ranking could be read', tone: 'warn' }
        : { text: `ranks: ${review.ranking.map(nameOf).join(', ')}` },
    );
    return flushReview(open, open.ended);
  };

  const summary = (event: Ended, open: Pending | undefined) => {
    if (summaryWritten) return '';
    summaryWritten = true;
    const number = open?.started.turn ?? (started?.settings.turns ?? 0) + 1;
    const title = phase?.kind === 'summary' ? phase.title : 'Summary';
    return `<section class="summary"><h2>${h(title)}</h2>${article(event, number, open, undefined)}</section>\n`;
  };

  /** A note on a turn being spoken, or a paragraph of its own between turns. */
  const aside = (note: Tag, turn?: number) => {
    const target = turn === undefined ? [...pending.values()].at(-1) : pending.get(turn);
    if (target) {
      target.notes.push(note);
      return '';
    }
    return asideParagraph(note);
  };

  const phaseStarted = (e: EventOf<'phase-started'>) => {
    const first = phase === undefined;
    const again = phase?.phase === e.phase && phase.round === e.round;
    phase = e;
    // As in transcript.md: the default format's discussion needs no heading (its topics have
    // theirs), nor does the summary (it has its own), nor a phase a resumed run takes up again.
    if (again || e.kind === 'summary' || (e.kind === 'discussion' && first)) return '';
    return phaseHeading(e);
  };

  const phaseEnded = (e: EventOf<'phase-ended'>) => {
    const held = [...pending.values()].flatMap((open) =>
      open.ended === undefined ? [] : [flushReview(open, open.ended)],
    );
    const label = phaseEndLabel(e.reason);
    const note =
      label === undefined
        ? ''
        : `<p class="aside">${h(`${phase?.title ?? e.kind}: ${label}`)}</p>\n`;
    return held.join('') + note;
  };

  const end = (reason: EndReason) => {
    ended = true;
    pending.clear();
    return totalsSection(
      reason === 'completed' ? 'Totals' : endReasonLabel(reason),
      reason,
      seen,
      options,
    );
  };

  const event = (e: DiscussionEvent): string => {
    switch (e.type) {
      case 'discussion-started':
        return discussionStarted(e);
      case 'discussion-resumed':
      case 'text-delta':
        return '';
      case 'topic-changed':
        if (currentTopic && topicKey(currentTopic) === topicKey(e.topic)) return '';
        return heading(
          e.topic,
          e.reason !== 'schedule' ? ' <span class="by">(set by the moderator)</span>' : '',
        );
      case 'turn-started': {
        pending.set(e.turn, { started: e, notes: [] });
        const changed =
          e.kind === 'turn' && (!currentTopic || topicKey(currentTopic) !== topicKey(e.topic));
        return changed ? heading(e.topic) : '';
      }
      case 'turn-ended':
        return turnEnded(e);
      case 'summary':
        return summary(
          e,
          [...pending.values()].find((p) => p.started.kind === 'summary'),
        );
      case 'interjection':
        return interjectionParagraph(e);
      case 'discussion-ended':
        return end(e.reason);
      case 'phase-started':
        return phaseStarted(e);
      case 'phase-ended':
        return phaseEnded(e);
      case 'review':
        return reviewed(e);
      case 'review-tally':
        return tallyParagraph(e);
      case 'summary-record':
        return '';
      case 'outcome':
        return outcomeSection(e.record, (name) => participants.find((p) => p.name === name)?.seat);
      case 'seat-memory':
        return memoryQuote(e);
      case 'context-trimmed':
      case 'retry':
      case 'error':
      case 'command':
      case 'moderator-decision':
      case 'bids':
      case 'reply-discarded':
      case 'positions':
      case 'consensus-check':
      case 'budget': {
        const found = eventNote(e);
        return found === undefined ? '' : aside(found.note, found.turn);
      }
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
        case 'run': {
          const first = run === undefined;
          run = record;
          if (first) return runHeader(record);
          ended = false;
          summaryWritten = false;
          pending.clear();
          const topic = currentTopic
            ? heading(currentTopic, ' <span class="by">(continued)</span>')
            : '';
          return resumedNote(record) + topic;
        }
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
