import { costBreakdown } from '../cost/breakdown.js';
import { CostLedger } from '../cost/ledger.js';
import { formatCost } from '../cost/totals.js';
import type {
  DiscussionEvent,
  EndReason,
  EventOf,
  PhaseTurns,
  TopicRef,
  TurnStatus,
  UsageTotals,
} from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Participant } from '../engine/table.js';
import { outcomeMarkdown } from '../outcome/render.js';
import {
  addUsage,
  answerLabel,
  bidsLabel,
  commandLabel,
  consensusCheckLabel,
  controlLabel,
  creativityLabel,
  cutOffLabel,
  directiveLabel,
  endReasonLabel,
  floorLabel,
  memoryLabel,
  NO_USAGE,
  phaseEndLabel,
  repeatLabel,
  settingsFacts,
  tallyLabel,
  tokensLabel,
  turnCountLabel,
  turnsLabel,
  turnsLeftLabel,
} from '../render/labels.js';
import type { RunRecord, TranscriptRecord } from './events-file.js';
import { escapeBlock, escapeInline } from './markdown-escape.js';

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

interface PendingTurn {
  readonly started: EventOf<'turn-started'>;
  readonly notes: string[];
  /** A review's end, held until its ranking arrives. */
  ended?: EventOf<'turn-ended'> | undefined;
}

const note = (parts: readonly string[]) =>
  parts.length === 0 ? '' : `*(${parts.join(' · ')})*\n\n`;
const topicKey = (topic: TopicRef) => `${topic.index}\u0000${topic.text}`;

/** The user's record of a seat's context trim; the other seats never hear it. */
const contextTrimmedNote = (e: EventOf<'context-trimmed'>) => {
  const n = e.droppedEntries;
  const parts = [`${n} earlier ${n === 1 ? 'message' : 'messages'} left ${e.speaker}'s context`];
  if (e.summarized) parts.push('summarized');
  else if (e.summaryError !== undefined) parts.push(`no summary: ${e.summaryError}`);
  if (e.overflow) parts.push(`the request is still over ${e.contextTokens} tokens`);
  return escapeInline(parts.join('; '));
};

export function createMarkdownFormatter(): MarkdownFormatter {
  let run: RunRecord | undefined;
  let discussionStarted = false;
  let participants = new Map<number, Participant>();
  let mixedModels = false;
  let currentTopic: TopicRef | undefined;
  /** Turns started and not yet ended: several at once in a parallel phase. */
  const pending = new Map<number, PendingTurn>();
  /** The phase under way, once one has started. */
  let phase: EventOf<'phase-started'> | undefined;
  let summaryWritten = false;
  let ended = false;
  let turnsDone = 0;
  /** Turns (and the summary) that broke off, for the totals. */
  let cutOffs = 0;
  let usage: UsageTotals = NO_USAGE;
  /** What the run cost, per seat and phase, from the costs stamped on its events. */
  const ledger = new CostLedger();

  const topicHeading = (topic: TopicRef, suffix = '') => {
    currentTopic = topic;
    return `## Topic: ${escapeInline(topic.text)}${suffix}\n\n`;
  };

  const header = (record: RunRecord) => {
    const lines = [`# Roundtable: ${escapeInline(record.title)}`, ''];
    lines.push(`- Started: ${escapeInline(record.startedAt)}`);
    lines.push(`- Table: ${escapeInline(record.tableDir)}`);
    if (record.model || record.baseUrl || record.endpoint) {
      const model = record.model ? escapeInline(record.model) : 'default model';
      const where = [record.endpoint, record.baseUrl]
        .filter(Boolean)
        .map((w) => escapeInline(w ?? ''));
      lines.push(`- Model: ${model}${where.length > 0 ? ` at ${where.join(', ')}` : ''}`);
    }
    if (record.forkedFrom !== undefined) {
      const from = record.forkedFrom;
      lines.push(`- Forked from ${escapeInline(from.dir)} at turn ${from.turn}`);
    }
    lines.push(`- roundtable ${escapeInline(record.version)}`);
    return `${lines.join('\n')}\n\n`;
  };

  const resumedNote = (record: RunRecord) => {
    ended = false;
    pending.clear();
    // A summary written before is not redone; one that was cut off or failed is, and shows.
    summaryWritten = false;
    const topic = currentTopic ? topicHeading(currentTopic, ' (continued)') : '';
    return `---\n\n*(resumed ${escapeInline(record.ts)})*\n\n${topic}`;
  };

  const modelOf = (p: Participant) => p.model ?? run?.model;

  const started = (event: EventOf<'discussion-started'>) => {
    const first = !discussionStarted;
    discussionStarted = true;
    participants = new Map(event.participants.map((p) => [p.seat, p]));
    mixedModels = new Set(event.participants.map(modelOf)).size > 1;
    if (!first) {
      // A resumed run announces itself again; only a different topic is news.
      return currentTopic && topicKey(currentTopic) === topicKey(event.topic)
        ? ''
        : topicHeading(event.topic);
    }
    const rows = event.participants.map((p) => {
      const model = p.human ? 'human' : (modelOf(p) ?? '');
      const cells = [String(p.seat), p.name, p.fullName, creativityLabel(p.creativity), model];
      return `| ${cells.map(escapeInline).join(' | ')} |`;
    });
    const facts = settingsFacts(event.seed, event.settings);
    return [
      '## Participants\n\n',
      '| Seat | Name | Full name | Creativity | Model |\n',
      '| ---: | --- | --- | ---: | --- |\n',
      `${rows.join('\n')}\n\n`,
      `*${facts.join(' · ')}*\n\n`,
      topicHeading(event.topic),
    ].join('');
  };

  const statusNote = (status: TurnStatus, cutOff: string | undefined): string | undefined => {
    switch (status) {
      case 'complete':
        return undefined;
      case 'cut-off':
        return `**cut off**: ${escapeInline(cutOff ?? 'the reply broke off')}`;
      case 'passed':
        return 'passed';
      case 'skipped':
        return 'cut short by the moderator';
      case 'failed':
        return 'failed';
      case 'interrupted':
        return 'interrupted';
    }
  };

  const emptyText = (status: TurnStatus) => {
    switch (status) {
      case 'passed':
        return '*(passes)*';
      case 'failed':
        return '*(no reply)*';
      case 'complete':
      case 'skipped':
      case 'interrupted':
      case 'cut-off':
        return '*(said nothing)*';
    }
  };

  const turnNotes = (
    turn: PendingTurn | undefined,
    status: TurnStatus,
    cut: { readonly as: string } | undefined,
    hasText: boolean,
    ended?: EventOf<'turn-ended'>,
    /** Why a summary broke off (a turn's reason is in `ended`). */
    cutOff?: string,
  ) => {
    if (status === 'cut-off') cutOffs += 1;
    const parts: string[] = [];
    const start = turn?.started;
    if (start && start.directives.length > 0) {
      parts.push(...start.directives.map(directiveLabel), turnsLeftLabel(start.turnsLeft));
    }
    const floor = start === undefined ? undefined : floorLabel(start);
    if (floor !== undefined) parts.push(`floor: ${escapeInline(floor)}`);
    if (start?.model && mixedModels) parts.push(`model: ${escapeInline(start.model)}`);
    if (cut) parts.push(`cut: started speaking as ${escapeInline(cut.as)}`);
    if (ended?.control !== undefined) parts.push(controlLabel(ended.control));
    if (ended?.repeat !== undefined) parts.push(repeatLabel(ended.repeat));
    const statusText = statusNote(status, cutOff ?? ended?.cutOff);
    // Without text, "(passes)" or "(no reply)" already stands in the turn's place.
    if (statusText && (hasText || (status !== 'passed' && status !== 'failed'))) {
      parts.push(statusText);
    }
    parts.push(...(turn?.notes ?? []));
    return note(parts);
  };

  const body = (text: string, status: TurnStatus) => {
    const trimmed = text.trim();
    return trimmed === '' ? emptyText(status) : escapeBlock(trimmed);
  };

  const turnEnded = (event: EventOf<'turn-ended'>) => {
    const turn = pending.get(event.turn);
    // A review is recorded with its ranking, which comes right after it.
    const heard = event.status !== 'failed' && event.status !== 'interrupted' && event.text !== '';
    if (turn !== undefined && phase?.kind === 'review' && heard) {
      turn.ended = event;
      return '';
    }
    pending.delete(event.turn);
    if (turn?.started.kind === 'summary') {
      return summaryText(event, event.cut, turn);
    }
    turnsDone += 1;
    usage = addUsage(usage, event.usage);
    const text = `**${escapeInline(event.speaker)}:** ${body(event.text, event.status)}\n\n`;
    return text + turnNotes(turn, event.status, event.cut, event.text.trim() !== '', event);
  };

  /** A review with its ranking, named: the reviewer saw labels, the reader sees who. */
  const reviewed = (review: EventOf<'review'> | undefined, turn: number) => {
    const open = pending.get(turn);
    const event = open?.ended;
    if (open === undefined || event === undefined) return '';
    if (review?.ranking !== undefined) {
      const names = review.ranking.map((seat) => participants.get(seat)?.name ?? String(seat));
      open.notes.push(`ranks: ${escapeInline(names.join(', '))}`);
    } else if (review !== undefined) {
      open.notes.push('no ranking could be read');
    }
    return flushReview(open, event);
  };

  const flushReview = (open: PendingTurn, event: EventOf<'turn-ended'>) => {
    pending.delete(event.turn);
    turnsDone += 1;
    usage = addUsage(usage, event.usage);
    const text = `**${escapeInline(event.speaker)}:** ${body(event.text, event.status)}\n\n`;
    return text + turnNotes(open, event.status, event.cut, event.text.trim() !== '', event);
  };

  const phaseStarted = (e: EventOf<'phase-started'>) => {
    const first = phase === undefined;
    const again = phase?.phase === e.phase && phase.round === e.round;
    phase = e;
    // The discussion of the default format needs no heading (its topics have theirs), nor does
    // the summary (it has its own), nor a phase a resumed run takes up again.
    if (again || e.kind === 'summary' || (e.kind === 'discussion' && first)) return '';
    const together = e.parallel ? ' *(everyone at once)*' : '';
    return `## ${escapeInline(e.title)}${together}\n\n`;
  };

  const summaryText = (
    event: {
      seat: number;
      speaker: string;
      text: string;
      status: TurnStatus;
      usage: Usage;
      cutOff?: string | undefined;
    },
    cut: { readonly as: string } | undefined,
    turn: PendingTurn | undefined,
  ) => {
    if (summaryWritten) return '';
    summaryWritten = true;
    usage = addUsage(usage, event.usage);
    const who = participants.get(event.seat);
    const by = who ? `${who.name} (${who.fullName})` : event.speaker;
    return (
      `## ${escapeInline(phase?.kind === 'summary' ? phase.title : 'Summary')}\n\n*By ${escapeInline(by)}.*\n\n${body(event.text, event.status)}\n\n` +
      turnNotes(turn, event.status, cut, event.text.trim() !== '', undefined, event.cutOff)
    );
  };

  /** A note on the turn being spoken, or a paragraph of its own between turns. */
  const aside = (text: string, turn?: number) => {
    const open = turn === undefined ? [...pending.values()].at(-1) : pending.get(turn);
    if (open !== undefined) {
      open.notes.push(text);
      return '';
    }
    return note([text]);
  };

  const endSection = (
    reason: EndReason,
    turns: number,
    totals: UsageTotals,
    counted: boolean,
    byPhase?: readonly PhaseTurns[],
  ) => {
    ended = true;
    const said = turnsLabel(turns, byPhase);
    pending.clear();
    const heading = reason === 'completed' ? 'Totals' : endReasonLabel(reason);
    const lines = [`## ${heading}`, ''];
    switch (reason) {
      case 'completed':
        break;
      case 'stopped':
        lines.push(`*The moderator stopped the discussion after ${said}.*`, '');
        break;
      case 'interrupted':
        lines.push(`*The run was interrupted after ${said}; every complete turn is above.*`, '');
        break;
      case 'failed':
        lines.push(`*The run failed after ${said}; the error is above.*`, '');
        break;
    }
    const split = said === turnCountLabel(turns) ? '' : ` (${said})`;
    lines.push(`- Turns: ${turns}${split}${cutOffLabel(cutOffs)}`);
    lines.push(
      `- Tokens: ${tokensLabel(totals)}${counted ? ', counted from the turns above' : ''}`,
    );
    const breakdown = costBreakdown(ledger);
    if (breakdown !== undefined) {
      lines.push(`- Cost: ${formatCost(ledger.total.cost)}`);
      lines.push(`- Cost per seat: ${escapeInline(breakdown.perSeat)}`);
      lines.push(`- Cost per phase: ${escapeInline(breakdown.perPhase)}`);
    }
    return `${lines.join('\n')}\n\n`;
  };

  const event = (e: DiscussionEvent): string => {
    ledger.observe(e);
    switch (e.type) {
      case 'discussion-started':
        return started(e);
      case 'seat-memory':
        // What the seat was given to remember is part of the record: its words, and their source.
        return `${note([escapeInline(memoryLabel(e))])}${e.note
          .split('\n')
          .map((line) => `> ${escapeInline(line)}`)
          .join('\n')}\n\n`;
      case 'discussion-resumed':
        // The resumed run's own record has already written the note.
        return '';
      case 'topic-changed': {
        if (currentTopic && topicKey(currentTopic) === topicKey(e.topic)) return '';
        return topicHeading(e.topic, e.reason === 'schedule' ? '' : ' *(set by the moderator)*');
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
        return summaryText(e, undefined, undefined);
      case 'context-trimmed':
        return e.droppedEntries === 0 && !e.overflow ? '' : aside(contextTrimmedNote(e), e.turn);
      case 'retry':
        return aside(
          `retry ${e.attempt} after ${(e.delayMs / 1000).toFixed(1)} s: ${escapeInline(e.reason)}`,
          e.turn,
        );
      case 'error': {
        const text = `error (${e.kind}): ${escapeInline(e.message)}`;
        return aside(e.fatal ? `${text}; the discussion stops` : text, e.turn);
      }
      case 'interjection': {
        const quoted = escapeBlock(e.text.trim()).split('\n').join('\n> ');
        const floor = e.mention ? ` *(gives the floor to ${escapeInline(e.mention)})*` : '';
        return `> **Moderator:** ${quoted}${floor}\n\n`;
      }
      case 'command': {
        const label = commandLabel(e.command);
        return label ? aside(`moderator: ${escapeInline(label)}`) : '';
      }
      case 'discussion-ended':
        return endSection(e.reason, e.turns, e.usage, false, e.turnsByPhase);
      case 'phase-started':
        return phaseStarted(e);
      case 'phase-ended': {
        const held = [...pending.values()].flatMap((open) =>
          open.ended === undefined ? [] : [flushReview(open, open.ended)],
        );
        const why = phaseEndLabel(e.reason);
        if (held.length > 0) return held.join('') + (why === undefined ? '' : note([why]));
        return why === undefined ? '' : note([`${escapeInline(phase?.title ?? e.kind)}: ${why}`]);
      }
      case 'review':
        return reviewed(e, e.turn);
      case 'review-tally':
        return `**Peer review, best ranked first:** ${escapeInline(tallyLabel(e))}\n\n`;
      case 'moderator-decision':
        return e.fallback === undefined
          ? ''
          : note([`the moderator's answer could not be used (${escapeInline(e.fallback)})`]);
      case 'bids':
        return aside(escapeInline(bidsLabel(e.bids)));
      case 'reply-discarded':
        usage = addUsage(usage, e.usage);
        return aside(
          `${escapeInline(e.speaker)}'s reply ${repeatLabel(e.repeat)}: asked again`,
          e.turn,
        );
      case 'positions': {
        if (e.repairUsage !== undefined) usage = addUsage(usage, e.repairUsage);
        const label = answerLabel(e.speaker, e.status);
        return label === undefined ? '' : aside(escapeInline(label), e.turn);
      }
      case 'summary-record':
        usage = addUsage(usage, e.usage);
        return '';
      case 'consensus-check':
        return note([escapeInline(consensusCheckLabel(e))]);
      case 'budget':
        return note([`budget: ${escapeInline(e.why)}`]);
      case 'outcome':
        return outcomeMarkdown(e.record);
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
          return header(record);
        case 'closed':
          return ended ? '' : endSection(record.reason, turnsDone, usage, true);
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
