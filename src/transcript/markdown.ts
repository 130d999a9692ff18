import { CostLedger } from '../cost/ledger.js';
import type {
  DiscussionEvent,
  EndReason,
  EventOf,
  PhaseTurns,
  TopicRef,
  UsageTotals,
} from '../engine/events.js';
import type { Participant } from '../engine/table.js';
import { questionNumber } from '../outcome/positions-display.js';
import {
  answerLabel,
  bidsLabel,
  commandLabel,
  phaseEndLabel,
  repeatLabel,
} from '../render/labels.js';
import type { RunRecord, TranscriptRecord } from './events-file.js';
import { phaseHeadingDue, topicKey } from './headings.js';
import { escapeInline } from './markdown-escape.js';
import {
  contextTrimmedNote,
  endText,
  note,
  participantsSection,
  runHeader,
  standingAlone,
} from './markdown-parts.js';
import { MarkdownTurns } from './markdown-turns.js';

/**
 * Turns transcript records into transcript.md, one chunk per record. Each chunk is whole
 * paragraphs and a turn is written only when it ends, so the file is a valid record of every
 * complete turn after a crash at any moment. Writing live (chunk by chunk) and rebuilding from
 * events.jsonl (all chunks at once) give the same text.
 */
export interface MarkdownFormatter {
  /** The Markdown to append for this record; '' when it adds nothing. */
  record(record: TranscriptRecord): string;
  /** Whether the end section has been written (a `closed` record is then redundant). */
  readonly ended: boolean;
}

export function createMarkdownFormatter(): MarkdownFormatter {
  let run: RunRecord | undefined;
  let discussionStarted = false;
  let currentTopic: TopicRef | undefined;
  let ended = false;
  const turns = new MarkdownTurns();
  /** What the run cost, per seat and phase, from the costs stamped on its events. */
  const ledger = new CostLedger();

  const topicHeading = (topic: TopicRef, suffix = '') => {
    currentTopic = topic;
    return `## Topic: ${escapeInline(topic.text)}${suffix}\n\n`;
  };

  const resumedNote = (record: RunRecord) => {
    ended = false;
    turns.resume();
    const topic = currentTopic ? topicHeading(currentTopic, ' (continued)') : '';
    return `---\n\n*(resumed ${escapeInline(record.ts)})*\n\n${topic}`;
  };

  const modelOf = (p: Participant) => p.model ?? run?.model;

  const started = (event: EventOf<'discussion-started'>) => {
    const first = !discussionStarted;
    discussionStarted = true;
    turns.participants = new Map(event.participants.map((p) => [p.seat, p]));
    turns.mixedModels = new Set(event.participants.map(modelOf)).size > 1;
    if (!first) {
      // A resumed run announces itself again; only a different topic is news.
      return currentTopic && topicKey(currentTopic) === topicKey(event.topic)
        ? ''
        : topicHeading(event.topic);
    }
    return [participantsSection(event, modelOf), topicHeading(event.topic)].join('');
  };

  const phaseStarted = (e: EventOf<'phase-started'>) => {
    const due = phaseHeadingDue(turns.phase, e);
    turns.phase = e;
    if (!due) return '';
    const together = e.parallel ? ' *(everyone at once)*' : '';
    // Each question once, by its number (escaped: a Markdown list would renumber 1, 3 as 1, 2).
    const questions = (e.questions ?? []).map(
      (q) => `${questionNumber(q)}\\. ${escapeInline(q.text)}`,
    );
    const head = questions.length === 0 ? '' : `${questions.join('\\\n')}\n\n`;
    return `## ${escapeInline(e.title)}${together}\n\n${head}`;
  };

  const endSection = (
    reason: EndReason,
    turnCount: number,
    totals: UsageTotals,
    counted: boolean,
    byPhase?: readonly PhaseTurns[],
  ) => {
    ended = true;
    turns.drop();
    const { cutOffs } = turns;
    return endText({ reason, turns: turnCount, totals, counted, byPhase, cutOffs, ledger });
  };

  const event = (e: DiscussionEvent): string => {
    ledger.observe(e);
    switch (e.type) {
      case 'discussion-started':
        return started(e);
      case 'discussion-resumed':
        // The resumed run's own record has already written the note.
        return '';
      case 'topic-changed': {
        if (currentTopic && topicKey(currentTopic) === topicKey(e.topic)) return '';
        return topicHeading(e.topic, e.reason === 'schedule' ? '' : ' *(set by the moderator)*');
      }
      case 'turn-started': {
        turns.start(e);
        const changed =
          e.kind === 'turn' && (!currentTopic || topicKey(currentTopic) !== topicKey(e.topic));
        return changed ? topicHeading(e.topic) : '';
      }
      case 'text-delta':
        return '';
      case 'turn-ended':
        return turns.ended(e);
      case 'summary':
        return turns.summary(e, undefined, undefined);
      case 'context-trimmed':
        return e.droppedEntries === 0 && !e.overflow
          ? ''
          : turns.aside(contextTrimmedNote(e), e.turn);
      case 'retry':
        return turns.aside(
          `retry ${e.attempt} after ${(e.delayMs / 1000).toFixed(1)} s: ${escapeInline(e.reason)}`,
          e.turn,
        );
      case 'error': {
        const text = `error (${e.kind}): ${escapeInline(e.message)}`;
        return turns.aside(e.fatal ? `${text}; the discussion stops` : text, e.turn);
      }
      case 'command': {
        const label = commandLabel(e.command);
        return label ? turns.aside(`moderator: ${escapeInline(label)}`) : '';
      }
      case 'discussion-ended':
        return endSection(e.reason, e.turns, e.usage, false, e.turnsByPhase);
      case 'phase-started':
        return phaseStarted(e);
      case 'phase-ended': {
        const held = turns.held();
        const why = phaseEndLabel(e.reason);
        if (held !== '') return held + (why === undefined ? '' : note([why]));
        const title = turns.phase?.title ?? e.kind;
        return why === undefined ? '' : note([`${escapeInline(title)}: ${why}`]);
      }
      case 'review':
        return turns.reviewed(e);
      case 'bids':
        return turns.aside(escapeInline(bidsLabel(e.bids)));
      case 'reply-discarded':
        turns.spent(e.usage);
        return turns.aside(
          `${escapeInline(e.speaker)}'s reply ${repeatLabel(e.repeat)}: asked again`,
          e.turn,
        );
      case 'positions': {
        if (e.repairUsage !== undefined) turns.spent(e.repairUsage);
        const label = answerLabel(e.speaker, e.status);
        return label === undefined ? '' : turns.aside(escapeInline(label), e.turn);
      }
      case 'summary-record':
        turns.spent(e.usage);
        return '';
      case 'seat-memory':
      case 'interjection':
      case 'review-tally':
      case 'moderator-decision':
      case 'consensus-check':
      case 'budget':
      case 'outcome':
        return standingAlone(e);
      default: {
        const unhandled: never = e;
        return unhandled;
      }
    }
  };

  return {
    record(record) {
      switch (record.type) {
        case 'run':
          if (run) {
            run = record;
            return resumedNote(record);
          }
          run = record;
          return runHeader(record);
        case 'closed':
          return ended ? '' : endSection(record.reason, turns.turnsDone, turns.usage, true);
        default:
          return event(record);
      }
    },
    get ended() {
      return ended;
    },
  };
}

/** transcript.md rebuilt from events.jsonl's records. */
export function renderMarkdown(records: readonly TranscriptRecord[]): string {
  const formatter = createMarkdownFormatter();
  return records.map((record) => formatter.record(record)).join('');
}
