// The notes transcript.html adds to a turn (how it ended, what happened while it was spoken) and
// the short paragraphs between turns: the parts of the page that need no memory of the run.
import type { DiscussionEvent, EventOf, TurnStatus } from '../../engine/events.js';
import {
  answerLabel,
  bidsLabel,
  commandLabel,
  consensusCheckLabel,
  controlLabel,
  directiveLabel,
  floorLabel,
  memoryLabel,
  repeatLabel,
  tallyLabel,
  turnsLeftLabel,
} from '../../render/labels.js';
import { escapeHtml as h } from './escape.js';
import type { Tag } from './turn.js';

/** Why this seat had the floor: the engine's own words when it gave some. */
export function floorWhy(
  start: EventOf<'turn-started'>,
  lastSpeaker: string | undefined,
): string | undefined {
  if (start.kind === 'summary') return 'sums up';
  if (start.why === undefined && start.reason === 'mention' && lastSpeaker !== undefined) {
    return `named by ${lastSpeaker}`;
  }
  if (start.why === undefined && start.reason === 'first') return 'opens';
  if (start.why === undefined && start.reason === 'random') return 'random pick';
  return floorLabel(start);
}

/** A turn's tags: its guidance, how it ended, and the notes it gathered while it was spoken. */
export function turnTags(
  start: EventOf<'turn-started'> | undefined,
  end: { readonly status: TurnStatus; readonly cutOff?: string | undefined },
  extra: EventOf<'turn-ended'> | undefined,
  notes: readonly Tag[],
): Tag[] {
  const tags: Tag[] = [];
  if (start && start.directives.length > 0) {
    tags.push(...start.directives.map((d) => ({ text: directiveLabel(d) })));
    tags.push({ text: turnsLeftLabel(start.turnsLeft) });
  }
  if (extra?.cut) tags.push({ text: `cut: started speaking as ${extra.cut.as}`, tone: 'warn' });
  if (extra?.control) tags.push({ text: controlLabel(extra.control) });
  if (extra?.repeat) tags.push({ text: repeatLabel(extra.repeat), tone: 'warn' });
  const status = statusTag(end.status, end.cutOff);
  if (status) tags.push(status);
  tags.push(...notes);
  return tags;
}

/** How a turn ended, when that is worth a tag on it. */
function statusTag(status: TurnStatus, cutOff: string | undefined): Tag | undefined {
  switch (status) {
    case 'complete':
    case 'passed':
    case 'failed':
      return undefined;
    case 'skipped':
      return { text: 'cut short by the moderator', tone: 'warn' };
    case 'interrupted':
      return { text: 'interrupted', tone: 'bad' };
    case 'cut-off':
      return { text: `cut off: ${cutOff ?? 'the reply broke off'}`, tone: 'warn' };
  }
}

function trimNote(e: EventOf<'context-trimmed'>): Tag {
  const n = e.droppedEntries;
  const parts = [`${n} earlier ${n === 1 ? 'message' : 'messages'} left ${e.speaker}'s context`];
  if (e.summarized) parts.push('summarized');
  else if (e.summaryError !== undefined) parts.push(`no summary: ${e.summaryError}`);
  if (e.overflow) parts.push(`the request is still over ${e.contextTokens} tokens`);
  return { text: parts.join('; '), tone: e.overflow ? 'warn' : undefined };
}

/** An event that is a note: on the turn it names, or (no turn) on the one being spoken. */
export interface EventNote {
  readonly note: Tag;
  readonly turn?: number | undefined;
}

/** The note an event adds, if it is one of those that add one; undefined when it adds none. */
export function eventNote(e: DiscussionEvent): EventNote | undefined {
  switch (e.type) {
    case 'context-trimmed':
      return e.droppedEntries === 0 && !e.overflow
        ? undefined
        : { note: trimNote(e), turn: e.turn };
    case 'retry': {
      const text = `retry ${e.attempt} after ${(e.delayMs / 1000).toFixed(1)} s: ${e.reason}`;
      return { note: { text, tone: 'warn' }, turn: e.turn };
    }
    case 'error': {
      const text = `error (${e.kind}): ${e.message}`;
      return {
        note: { text: e.fatal ? `${text}; the discussion stops` : text, tone: 'bad' },
        turn: e.turn,
      };
    }
    case 'command': {
      const label = commandLabel(e.command);
      return label ? { note: { text: `moderator: ${label}` } } : undefined;
    }
    case 'moderator-decision':
      return e.fallback === undefined
        ? undefined
        : {
            note: {
              text: `the moderator's answer could not be used (${e.fallback})`,
              tone: 'warn',
            },
          };
    case 'bids':
      return { note: { text: bidsLabel(e.bids) } };
    case 'reply-discarded':
      return {
        note: { text: `${e.speaker}'s reply ${repeatLabel(e.repeat)}: asked again`, tone: 'warn' },
        turn: e.turn,
      };
    case 'positions': {
      const label = answerLabel(e.speaker, e.status);
      return label === undefined
        ? undefined
        : { note: { text: label, tone: 'warn' }, turn: e.turn };
    }
    case 'consensus-check':
      return { note: { text: consensusCheckLabel(e) } };
    case 'budget':
      return { note: { text: `budget: ${e.why}`, tone: 'warn' } };
    default:
      return undefined;
  }
}

/** A note between turns, as a paragraph of its own. */
export function asideParagraph(note: Tag): string {
  return `<p class="aside${note.tone === 'bad' ? ' bad' : ''}">${h(note.text)}</p>\n`;
}

export function interjectionParagraph(e: EventOf<'interjection'>): string {
  const floor = e.mention ? ` <span class="muted">(gives the floor to ${h(e.mention)})</span>` : '';
  return `<p class="moderator" dir="auto"><b>Moderator:</b> ${h(e.text.trim())}${floor}</p>\n`;
}

export function tallyParagraph(e: EventOf<'review-tally'>): string {
  return `<p class="aside">Peer review, best ranked first: ${h(tallyLabel(e))}</p>\n`;
}

/**
 * What the seat was given to remember is part of the record: its words, and their source. In the
 * seat's colour, as its turns are: whose memory it is shows at a glance.
 */
export function memoryQuote(e: EventOf<'seat-memory'>): string {
  const lines = e.note.split('\n').map((line) => `<p dir="auto">${h(line)}</p>`);
  return `<blockquote class="memory seat-${Math.trunc(e.seat)}"><p class="label">${h(memoryLabel(e))}</p>\n${lines.join('\n')}\n</blockquote>\n`;
}
