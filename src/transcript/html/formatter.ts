import type { DiscussionEvent, EndReason, EventOf, TopicRef } from '../../engine/events.js';
import type { Participant } from '../../engine/table.js';
import { endReasonLabel, phaseEndLabel } from '../../render/labels.js';
import type { RunRecord } from '../events-file.js';
import type { FoldInput } from '../fold.js';
import { escapeHtml as h } from './escape.js';
import { eventNote, interjectionParagraph, memoryQuote, tallyParagraph } from './notes.js';
import { outcomeSection } from './outcome.js';
import { phaseHeading, resumedNote, runHeader, tableSection, topicHeading } from './sections.js';
import { type TotalsOptions, totalsSection } from './totals.js';
import { HtmlTurns } from './turns.js';

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

const topicKey = (topic: TopicRef) => `${topic.index}\u0000${topic.text}`;

export function createHtmlFormatter(options: TotalsOptions = {}): HtmlFormatter {
  let run: RunRecord | undefined;
  let currentTopic: TopicRef | undefined;
  let ended = false;
  const turns = new HtmlTurns();
  /** Every record so far: the totals are figures over all of them. */
  const seen: FoldInput[] = [];

  const heading = (topic: TopicRef, note = '') => {
    currentTopic = topic;
    return topicHeading(topic, note);
  };

  const discussionStarted = (event: EventOf<'discussion-started'>) => {
    turns.participants = event.participants;
    if (turns.started !== undefined) {
      // A resumed run announces itself again; only a different topic is news.
      return currentTopic && topicKey(currentTopic) === topicKey(event.topic)
        ? ''
        : heading(event.topic);
    }
    turns.started = event;
    const modelOf = (p: Participant) => p.model ?? run?.model;
    turns.mixedModels = new Set(event.participants.map(modelOf)).size > 1;
    return tableSection(event, modelOf) + heading(event.topic);
  };

  const phaseStarted = (e: EventOf<'phase-started'>) => {
    const { phase } = turns;
    const first = phase === undefined;
    const again = phase?.phase === e.phase && phase.round === e.round;
    turns.phase = e;
    // As in transcript.md: the default format's discussion needs no heading (its topics have
    // theirs), nor does the summary (it has its own), nor a phase a resumed run takes up again.
    if (again || e.kind === 'summary' || (e.kind === 'discussion' && first)) return '';
    return phaseHeading(e);
  };

  const phaseEnded = (e: EventOf<'phase-ended'>) => {
    const held = turns.held();
    const label = phaseEndLabel(e.reason);
    const note =
      label === undefined
        ? ''
        : `<p class="aside">${h(`${turns.phase?.title ?? e.kind}: ${label}`)}</p>\n`;
    return held + note;
  };

  const end = (reason: EndReason) => {
    ended = true;
    turns.drop();
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
        turns.start(e);
        const changed =
          e.kind === 'turn' && (!currentTopic || topicKey(currentTopic) !== topicKey(e.topic));
        return changed ? heading(e.topic) : '';
      }
      case 'turn-ended':
        return turns.ended(e);
      case 'summary':
        return turns.summary(e);
      case 'interjection':
        return interjectionParagraph(e);
      case 'discussion-ended':
        return end(e.reason);
      case 'phase-started':
        return phaseStarted(e);
      case 'phase-ended':
        return phaseEnded(e);
      case 'review':
        return turns.reviewed(e);
      case 'review-tally':
        return tallyParagraph(e);
      case 'summary-record':
        return '';
      case 'outcome':
        return outcomeSection(
          e.record,
          (name) => turns.participants.find((p) => p.name === name)?.seat,
        );
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
        return found === undefined ? '' : turns.aside(found.note, found.turn);
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
          turns.resume();
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
      return turns.participants;
    },
  };
}
