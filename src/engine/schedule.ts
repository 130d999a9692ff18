// The scheduler's rules as pure functions: the engine supplies the state and the random draws.
import type { Directive, HeldBack, TopicHold } from './events.js';
import type { PhaseSpec } from './phases/spec.js';
import type { EngineSettings } from './table.js';

/** The per-turn probability for a setting meaning "about once every n turns"; n <= 0 means never. */
export function everyToProbability(every: number): number {
  return every > 0 ? Math.min(1, 1 / every) : 0;
}

/** The first turn that carries the wrap-up directive (wrapUpTurns clamped to 0..turns). */
export function wrapUpFrom(settings: EngineSettings): number {
  const last = Math.max(0, Math.min(settings.wrapUpTurns, settings.turns));
  return settings.turns - last + 1;
}

/** What the moderator tells a discussion turn's speaker to do, and what it drew but held back. */
export interface TurnDirectives {
  readonly directives: Directive[];
  readonly withheld?: HeldBack | undefined;
}

/**
 * The turn's directives from its draw. An invitation is given only when another discussion turn
 * follows to answer it (`answerable`); drawn on the last one, it is held back and recorded as
 * such. A wrap-up turn with turns after it still invites: the next turn answers, and asking
 * where the others stand is a way to draw the points together.
 */
export function directivesFor(
  turn: number,
  settings: EngineSettings,
  draw: { readonly inviteOpinions: boolean; readonly answerable: boolean },
): TurnDirectives {
  const directives: Directive[] = [];
  if (draw.inviteOpinions && draw.answerable) directives.push('invite-opinions');
  if (turn >= wrapUpFrom(settings)) directives.push('wrap-up');
  return draw.inviteOpinions && !draw.answerable
    ? { directives, withheld: { decision: 'invite-opinions', reason: 'last-turn' } }
    : { directives };
}

/**
 * Whether a discussion turn is planned after this one: its phase has turns left, or a discussion
 * phase comes later (the floor a mention gives carries into it). A wrap-up, the budget, a
 * consensus or the moderator may still end the discussion sooner; nothing at the turn's start
 * knows that.
 */
export function discussionTurnFollows(
  phases: readonly PhaseSpec[],
  phaseIndex: number,
  turnsLeft: number,
): boolean {
  return turnsLeft > 0 || phases.slice(phaseIndex + 1).some((phase) => phase.kind === 'discussion');
}

/**
 * How many scheduled topic changes may wait at once. A change drawn while another waits (for an
 * answer, for the topic's second turn) is kept rather than lost, so the schedule keeps its rate
 * through a chain of named answers; two at most, so the turns after a long chain do not hop from
 * topic to topic.
 */
export const MAX_TOPICS_DUE = 2;

/** Turns a topic gets before the schedule moves on: two, or one per side when the floor alternates. */
export function turnsBeforeMove(sides: number): number {
  return Math.max(2, sides);
}

/**
 * Whether a scheduled topic change due on this turn waits, and why (undefined: it is made now).
 * A wrap-up turn drops it (no new threads while the points are drawn together); a named seat
 * answers on the topic it was asked about first; a topic that has had fewer than `minTurns`
 * turns gets them. A change that waits is made by the first turn it may be made on.
 */
export function topicHold(turn: {
  readonly wrapUp: boolean;
  readonly answering: boolean;
  readonly turnsOnTopic: number;
  readonly minTurns: number;
}): TopicHold | undefined {
  if (turn.wrapUp) return 'wrap-up';
  if (turn.answering) return 'answer';
  return turn.turnsOnTopic < turn.minTurns ? 'fresh-topic' : undefined;
}

/**
 * The question discussed least so far (ties: the lowest index), leaving out the current one
 * while there is another to move to. `current` is -1 for a topic the moderator typed in.
 */
export function leastDiscussed(turnsPerQuestion: readonly number[], current: number): number {
  let best = -1;
  let bestCount = Number.POSITIVE_INFINITY;
  turnsPerQuestion.forEach((count, index) => {
    if (index === current && turnsPerQuestion.length >= 2) return;
    if (count < bestCount) {
      best = index;
      bestCount = count;
    }
  });
  return best;
}

export interface SeatRecord {
  /** Turns in which this seat was heard (a non-empty reply). */
  readonly turns: number;
  /** Words in those turns. */
  readonly words: number;
  /** The turn it was last heard in; undefined if never. */
  readonly lastTurn: number | undefined;
  readonly human: boolean;
}

/** The seat heard most, and what decided it when others had as many turns. */
export interface Summarizer {
  readonly index: number;
  /** The seats with as many turns; absent when it had the most alone. */
  readonly tie?: {
    readonly with: readonly number[];
    /** `words`: it said the most; `latest`: as many words too, and it spoke last. */
    readonly by: 'words' | 'latest';
    /** The most words any other of them said. */
    readonly next: number;
  };
}

/**
 * Who summarizes: the most turns; on a tie, the most words, then the one heard last (seat 1
 * won every tie before: in rounds, where every seat has as many turns, always). Human seats
 * only when no model seat was heard. Undefined when nobody was heard at all.
 */
export function chooseSummarizer(records: readonly SeatRecord[]): Summarizer | undefined {
  const pick = (allowHuman: boolean): Summarizer | undefined => {
    const heard = [...records.keys()].filter((index) => {
      const record = records[index] as SeatRecord;
      return record.turns > 0 && record.lastTurn !== undefined && (allowHuman || !record.human);
    });
    const of = (index: number) => records[index] as SeatRecord;
    const most = Math.max(...heard.map((index) => of(index).turns));
    const level = heard.filter((index) => of(index).turns === most);
    const [index] = level.sort(
      (a, b) => of(b).words - of(a).words || (of(b).lastTurn ?? 0) - (of(a).lastTurn ?? 0) || a - b,
    );
    if (index === undefined) return undefined;
    const others = level.filter((other) => other !== index);
    if (others.length === 0) return { index };
    const next = Math.max(...others.map((other) => of(other).words));
    const by = next < of(index).words ? 'words' : 'latest';
    return { index, tie: { with: others.sort((a, b) => a - b), by, next } };
  };
  return pick(false) ?? pick(true);
}
