// The pieces of transcript.md that depend only on what they are given: the run's header, the
// participants table, a turn's notes and body, the paragraphs events write between turns (a
// memory, an interjection, a budget decision, the Outcome section). The formatter
// (markdown.ts) keeps the state: which turns are open, the topic, the totals.
import { costBreakdown } from '../cost/breakdown.js';
import type { CostLedger } from '../cost/ledger.js';
import { formatCost, isFree } from '../cost/totals.js';
import type { EndReason, EventOf, PhaseTurns, TurnStatus, UsageTotals } from '../engine/events.js';
import type { Participant } from '../engine/table.js';
import { outcomeMarkdown } from '../outcome/render.js';
import {
  consensusCheckLabel,
  controlLabel,
  creativityLabel,
  cutOffLabel,
  directiveLabel,
  endReasonLabel,
  floorLabel,
  memoryLabel,
  repeatLabel,
  settingsFacts,
  tallyLabel,
  tokensLabel,
  turnCountLabel,
  turnsLabel,
  turnsLeftLabel,
} from '../render/labels.js';
import type { RunRecord } from './events-file.js';
import { escapeBlock, escapeInline } from './markdown-escape.js';
import type { OpenTurn } from './open-turns.js';
import { folderName, shownTable } from './table-name.js';

/** A turn started and not yet written: several at once in a parallel phase. */
export const note = (parts: readonly string[]) =>
  parts.length === 0 ? '' : `*(${parts.join(' · ')})*\n\n`;
/** The user's record of a seat's context trim; the other seats never hear it. */
export const contextTrimmedNote = (e: EventOf<'context-trimmed'>) => {
  const n = e.droppedEntries;
  const parts = [`${n} earlier ${n === 1 ? 'message' : 'messages'} left ${e.speaker}'s context`];
  if (e.summarized) parts.push('summarized');
  else if (e.summaryError !== undefined) parts.push(`no summary: ${e.summaryError}`);
  if (e.overflow) parts.push(`the request is still over ${e.contextTokens} tokens`);
  return escapeInline(parts.join('; '));
};

/** The title and what the run was: when, which table, which model, forked from where. */
export function runHeader(record: RunRecord): string {
  const lines = [`# Roundtable: ${escapeInline(record.title)}`, ''];
  lines.push(`- Started: ${escapeInline(record.startedAt)}`);
  lines.push(`- Table: ${escapeInline(shownTable(record))}`);
  if (record.model || record.baseUrl || record.endpoint) {
    const model = record.model ? escapeInline(record.model) : 'default model';
    const where = [record.endpoint, record.baseUrl]
      .filter(Boolean)
      .map((w) => escapeInline(w ?? ''));
    lines.push(`- Model: ${model}${where.length > 0 ? ` at ${where.join(', ')}` : ''}`);
  }
  if (record.forkedFrom !== undefined) {
    const from = record.forkedFrom;
    lines.push(`- Forked from ${escapeInline(folderName(from.dir))} at turn ${from.turn}`);
  }
  lines.push(`- roundtable ${escapeInline(record.version)}`);
  return `${lines.join('\n')}\n\n`;
}

/** The participants table and the settings that shaped the discussion. */
export function participantsSection(
  event: EventOf<'discussion-started'>,
  modelOf: (p: Participant) => string | undefined,
): string {
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
  ].join('');
}

function statusNote(status: TurnStatus, cutOff: string | undefined): string | undefined {
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
}

function emptyText(status: TurnStatus): string {
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
}

/** What a turn said, or what stands in its place when it said nothing. */
export function turnBody(text: string, status: TurnStatus): string {
  const trimmed = text.trim();
  return trimmed === '' ? emptyText(status) : escapeBlock(trimmed);
}

export interface TurnNoteInput {
  readonly turn: OpenTurn<string> | undefined;
  readonly status: TurnStatus;
  readonly cut: { readonly as: string } | undefined;
  readonly hasText: boolean;
  readonly ended?: EventOf<'turn-ended'> | undefined;
  /** Why a summary broke off (a turn's reason is in `ended`). */
  readonly cutOff?: string | undefined;
  /** The seats run on different models: each turn names its own. */
  readonly mixedModels: boolean;
}

/** The line of notes under a turn: its directives, who gave the floor, how it ended. */
export function turnNotes(input: TurnNoteInput): string {
  const { turn, status, cut, hasText, ended } = input;
  const parts: string[] = [];
  const start = turn?.started;
  if (start && start.directives.length > 0) {
    parts.push(...start.directives.map(directiveLabel), turnsLeftLabel(start.turnsLeft));
  }
  const floor = start === undefined ? undefined : floorLabel(start);
  if (floor !== undefined) parts.push(`floor: ${escapeInline(floor)}`);
  if (start?.model && input.mixedModels) parts.push(`model: ${escapeInline(start.model)}`);
  if (cut) parts.push(`cut: started speaking as ${escapeInline(cut.as)}`);
  if (ended?.control !== undefined) parts.push(controlLabel(ended.control));
  if (ended?.repeat !== undefined) parts.push(repeatLabel(ended.repeat));
  const statusText = statusNote(status, input.cutOff ?? ended?.cutOff);
  // Without text, "(passes)" or "(no reply)" already stands in the turn's place.
  if (statusText && (hasText || (status !== 'passed' && status !== 'failed'))) {
    parts.push(statusText);
  }
  parts.push(...(turn?.notes ?? []));
  return note(parts);
}

/** The events that write a paragraph of their own whatever came before them. */
export type StandingAlone = EventOf<
  | 'seat-memory'
  | 'interjection'
  | 'review-tally'
  | 'moderator-decision'
  | 'consensus-check'
  | 'budget'
  | 'outcome'
>;

export function standingAlone(e: StandingAlone): string {
  switch (e.type) {
    case 'seat-memory':
      // What the seat was given to remember is part of the record: its words, and their source.
      return `${note([escapeInline(memoryLabel(e))])}${e.note
        .split('\n')
        .map((line) => `> ${escapeInline(line)}`)
        .join('\n')}\n\n`;
    case 'interjection': {
      const quoted = escapeBlock(e.text.trim()).split('\n').join('\n> ');
      const floor = e.mention ? ` *(gives the floor to ${escapeInline(e.mention)})*` : '';
      return `> **Moderator:** ${quoted}${floor}\n\n`;
    }
    case 'review-tally':
      return `**Peer review, best ranked first:** ${escapeInline(tallyLabel(e))}\n\n`;
    case 'moderator-decision':
      return e.fallback === undefined
        ? ''
        : note([`the moderator's answer could not be used (${escapeInline(e.fallback)})`]);
    case 'consensus-check':
      return note([escapeInline(consensusCheckLabel(e))]);
    case 'budget':
      return note([`budget: ${escapeInline(e.why)}`]);
    case 'outcome':
      return outcomeMarkdown(e.record);
  }
}

export interface RunEnd {
  readonly reason: EndReason;
  readonly turns: number;
  readonly totals: UsageTotals;
  /** The totals were added up from the turns above (the run did not say them itself). */
  readonly counted: boolean;
  readonly byPhase?: readonly PhaseTurns[] | undefined;
  /** Turns (and the summary) that broke off. */
  readonly cutOffs: number;
  /** What the run cost, per seat and phase. */
  readonly ledger: CostLedger;
}

/** The end section: how the run ended, its turns, tokens and cost. */
export function endText(end: RunEnd): string {
  const { reason, turns, totals, counted, byPhase, cutOffs, ledger } = end;
  const said = turnsLabel(turns, byPhase);
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
  lines.push(`- Tokens: ${tokensLabel(totals)}${counted ? ', counted from the turns above' : ''}`);
  const breakdown = costBreakdown(ledger);
  if (ledger.priced && isFree(ledger.total.cost)) lines.push('- Cost: free');
  if (breakdown !== undefined) {
    lines.push(`- Cost: ${formatCost(ledger.total.cost)}`);
    lines.push(`- Cost per seat: ${escapeInline(breakdown.perSeat)}`);
    lines.push(`- Cost per phase: ${escapeInline(breakdown.perPhase)}`);
  }
  return `${lines.join('\n')}\n\n`;
}
