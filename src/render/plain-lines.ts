// The plain output's wording for what it prints whole: the header, a turn's status, and the
// quiet notes that events leave between the turns.
import { costBreakdown } from '../cost/breakdown.js';
import type { CostLedger } from '../cost/ledger.js';
import { formatCost, isFree } from '../cost/totals.js';
import type { DiscussionEvent, EventOf, TurnStatus } from '../engine/events.js';
import { DEFAULT_FORMAT, isFormatName, numberedTurns, phasesFor } from '../engine/formats.js';
import type { EngineSettings, Participant } from '../engine/table.js';
import {
  answerLabel,
  bidsLabel,
  commandLabel,
  consensusCheckLabel,
  creativityLabel,
  cutOffLabel,
  directiveLabel,
  endReasonLabel,
  floorLabel,
  memoryLabel,
  phaseEndLabel,
  repeatLabel,
  tokensLabel,
  turnCountLabel,
  turnsLabel,
  turnsLeftLabel,
} from './labels.js';

/** A turn (or the summary) the output has begun to print, or is holding for a parallel phase. */
export interface OpenTurn {
  readonly turn: number;
  readonly kind: 'turn' | 'summary';
  readonly seat: number;
  readonly speaker: string;
  /** Text of this turn has been written (from deltas or from the turn's end). */
  streamed: boolean;
  /** The current output line already carries this turn's name tag (or, for a summary, its heading). */
  tagged: boolean;
  done: boolean;
}

export function openTurn(
  from: Pick<EventOf<'turn-started'>, 'turn' | 'kind' | 'seat' | 'speaker'>,
): OpenTurn {
  const { turn, kind, seat, speaker } = from;
  return { turn, kind, seat, speaker, streamed: false, tagged: false, done: false };
}

/**
 * How many turns the header announces; when turns number on across phases (an opening, rounds),
 * the phases instead, with the format's name: `council: opening, review, summary`.
 */
export function plannedTurns(settings: EngineSettings): number | readonly string[] {
  const turns = numberedTurns(settings);
  if (turns !== undefined) return turns;
  const format = settings.format ?? DEFAULT_FORMAT;
  if (settings.phases === undefined && !isFormatName(format)) return settings.turns;
  const kinds = phasesFor(settings).map((phase) => phase.kind);
  return settings.phases === undefined
    ? [`${format}: ${kinds[0] ?? ''}`, ...kinds.slice(1)]
    : kinds;
}

/**
 * `Roundtable · 4 participants · 10 turns · seed 7` (a format whose turns run on across phases
 * names its phases instead: `opening, discussion, rounds`), then a line per seat (`name`
 * colours it).
 */
export function headerLines(
  participants: readonly Participant[],
  turns: number | readonly string[],
  seed: number,
  name: (seat: number, text: string) => string,
): { title: string; seats: string[] } {
  const count = participants.length === 1 ? '1 participant' : `${participants.length} participants`;
  const width = Math.max(...participants.map((p) => p.name.length));
  const seats = participants.map((p) => {
    const details = [p.fullName, `creativity ${creativityLabel(p.creativity)}`];
    if (p.model) details.push(p.model);
    if (p.human) details.push('human');
    const pad = ' '.repeat(width - p.name.length);
    return `  ${name(p.seat, p.name)}${pad}  ${details.join(' · ')}`;
  });
  const plan = typeof turns === 'number' ? turnCountLabel(turns) : turns.join(', ');
  return { title: `Roundtable · ${count} · ${plan} · seed ${seed}`, seats };
}

/** What a turn's status adds after its text; nothing for a complete turn that said something. */
export function statusNote(
  status: TurnStatus,
  hasText: boolean,
  cutOff: string | undefined,
): string | undefined {
  switch (status) {
    case 'cut-off':
      return `[cut off: ${cutOff ?? 'the reply broke off'}]`;
    case 'complete':
      return hasText ? undefined : '(said nothing)';
    case 'passed':
      return '(passes)';
    case 'skipped':
      return '[skipped]';
    case 'failed':
      return '[failed]';
    case 'interrupted':
      return '[interrupted]';
  }
}

/**
 * The quiet note an event leaves (shown dimmed, after the turn being spoken), or undefined for an
 * event that leaves none or is printed otherwise.
 */
export function noteOf(event: DiscussionEvent): string | undefined {
  switch (event.type) {
    case 'seat-memory':
      return `(${memoryLabel(event)})`;
    case 'phase-ended': {
      const why = phaseEndLabel(event.reason);
      return why === undefined ? undefined : `(${why})`;
    }
    case 'moderator-decision':
      return event.fallback === undefined
        ? undefined
        : `(the moderator's answer could not be used: ${event.fallback})`;
    case 'bids':
      return `(${bidsLabel(event.bids)})`;
    case 'command': {
      const label = commandLabel(event.command);
      return label ? `[moderator: ${label}]` : undefined;
    }
    case 'positions': {
      const label = answerLabel(event.speaker, event.status);
      return label === undefined ? undefined : `(${label})`;
    }
    case 'consensus-check':
      return `(${consensusCheckLabel(event)})`;
    case 'budget':
      return `(budget: ${event.why})`;
    default:
      return undefined;
  }
}

/** `(resumed from turn 4)`, or where a fork took a recorded discussion up. */
export function continuedNote(fromTurn: number, continuing: 'resume' | 'fork' | undefined): string {
  return continuing === 'fork'
    ? `(forked at turn ${fromTurn - 1}: a new discussion from here)`
    : `(resumed from turn ${fromTurn})`;
}

/** A reviewer's ranking, under its review (a `review` phase). */
export function rankingNote(speaker: string, ranked: readonly string[]): string {
  return `(${speaker} ranks: ${ranked.join(', ')})`;
}

/** A reply withdrawn and asked again (`onRepeat: regenerate`). */
export function discardedNote(event: EventOf<'reply-discarded'>): string {
  return `(${event.speaker}'s reply ${repeatLabel(event.repeat)}: asked again)`;
}

export function retryNote(event: EventOf<'retry'>): string {
  return `  retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)}s: ${event.reason}`;
}

export function errorLine(event: EventOf<'error'>): string {
  const who = event.speaker ? ` for ${event.speaker}` : '';
  return `Error${who} (${event.kind}): ${event.message}`;
}

/** `(named by Ann · wrap-up · 2 turns left)` above a turn, or nothing to say. */
export function floorNote(event: EventOf<'turn-started'>): string | undefined {
  const floor = floorLabel(event);
  const labels = [
    ...(floor === undefined ? [] : [floor]),
    ...(event.directives.length > 0
      ? [...event.directives.map(directiveLabel), turnsLeftLabel(event.turnsLeft)]
      : []),
  ];
  return labels.length > 0 ? `(${labels.join(' · ')})` : undefined;
}

/** The final line (`Finished: 6 turns + 4 closing answers · … tokens · $0.01`) and the costs. */
export function endLines(
  event: EventOf<'discussion-ended'>,
  cutOffs: number,
  ledger: CostLedger,
): { reason: string; figures: string; costs: string[] } {
  const cost =
    event.cost === undefined ? '' : ` · ${isFree(event.cost) ? 'free' : formatCost(event.cost)}`;
  const breakdown = costBreakdown(ledger);
  return {
    reason: endReasonLabel(event.reason),
    figures: `${turnsLabel(event.turns, event.turnsByPhase)}${cutOffLabel(cutOffs)} · ${tokensLabel(event.usage)}${cost}`,
    costs:
      breakdown === undefined
        ? []
        : [`cost per seat: ${breakdown.perSeat}`, `cost per phase: ${breakdown.perPhase}`],
  };
}
