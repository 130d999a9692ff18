// Who has the floor next in a discussion phase, and why: a person's choice, then a seat named in
// the last reply (unless the ping-pong or domination guard objects), then a seat the silence
// guard says must speak, then the speaker policy among the rest. A named seat answers before
// the silence guard's seat, which waits `SILENCE_WAITS_FOR_ANSWERS` turns past its time at most.
// In a debate the side whose turn it is stands for the table: a seat named while its side could
// not speak answers at its side's next turn, and the silence guard counts that side's turns (a
// drawing policy's own pick of the guard's seat stands, under the policy's reason).
import type { Address } from '../address.js';
import type { DiscussionEvent, FloorReason, GuardName } from '../events.js';
import { type FloorEntry, sideTurns, spokeBefore } from '../floor-record.js';
import {
  DEFAULT_GUARDS,
  dominationVeto,
  type GuardLimits,
  pingPongVeto,
  SILENCE_WAITS_FOR_ANSWERS,
  SILENCE_WAITS_IN_SIDE,
  type SilenceDue,
  silenceDue,
  type Veto,
} from '../guards/floor-guards.js';
import type { SpeakerPolicy } from '../phases/spec.js';
import type { Random } from '../random.js';
import type { DiscussionState, Floor } from '../state.js';
import { askBids } from './ask-bids.js';
import { askModerator } from './ask-moderator.js';
import { fairWhy, pickFair } from './fair.js';
import { pickRandom, pickRoundRobin } from './rotation.js';

export interface Choice {
  readonly index: number;
  readonly reason: FloorReason;
  readonly why?: string | undefined;
  readonly guard?: GuardName | undefined;
  readonly steer?: string | undefined;
  /** How the last reply addressed this seat, when that gave it the floor. */
  readonly addressed?: Address | undefined;
  /** The seat the silence guard said must speak, which waits while this named seat answers. */
  readonly silenceWaits?: number | undefined;
}

export type Decision =
  | { readonly kind: 'speak'; readonly choice: Choice; readonly nextTopic: boolean }
  | { readonly kind: 'end' };

export interface TurnPlace {
  readonly turn: number;
  /** The turn's step in its phase (1-based). */
  readonly step: number;
  readonly turnsLeft: number;
  /** The floor alternates between sides: the seats allowed are the side whose turn it is. */
  readonly sides?: boolean | undefined;
}

export function guardLimits(state: DiscussionState): GuardLimits {
  const s = state.settings;
  return {
    pingPong: s.pingPongLimit ?? DEFAULT_GUARDS.pingPong,
    domination: s.dominationLimit ?? DEFAULT_GUARDS.domination,
    silence: s.silenceLimit ?? DEFAULT_GUARDS.silence,
  };
}

export async function* decideSpeaker(
  state: DiscussionState,
  policy: Exclude<SpeakerPolicy, 'original'>,
  allowed: readonly number[],
  random: Random,
  place: TurnPlace,
): AsyncGenerator<DiscussionEvent, Decision> {
  const record = state.record;
  const limits = guardLimits(state);
  const name = (index: number) => state.seat(index).participant.name;
  const speak = (choice: Choice): Decision => ({ kind: 'speak', choice, nextTopic: false });
  if (state.floor?.reason === 'moderator' && !state.left.has(state.floor.index)) {
    return speak(state.floor);
  }
  const floor = namedFloor(state, allowed, place.sides === true);
  const counted = place.sides ? sideTurns(record, allowed) : { record, step: place.step };
  const unit = place.sides ? 'side' : 'table';
  const silent = silenceDue(
    counted.record,
    allowed,
    counted.step,
    limits.silence,
    name,
    unit,
    (index) => spokeBefore(state, index),
  );
  const due = silent !== undefined && silent.index !== state.previous ? silent : undefined;
  const waits = place.sides ? SILENCE_WAITS_IN_SIDE : SILENCE_WAITS_FOR_ANSWERS;
  let vetoed: { index: number; veto: Veto } | undefined;
  if (floor !== undefined) {
    const veto =
      pingPongVeto(record, floor.index, limits.pingPong, name) ??
      dominationVeto(record, floor.index, allowed.length, limits.domination, name);
    if (veto !== undefined) vetoed = { index: floor.index, veto };
    else if (due === undefined || due.index === floor.index) return speak(floor);
    else if (due.overdue < waits) {
      const why = `${floor.why ?? 'named'}; ${due.why}, waits for the answer`;
      return speak({ ...floor, why, silenceWaits: due.index });
    }
  }
  const eligible = eligibleSeats(state, allowed, record, limits, vetoed?.index);
  // In a debate the rotation goes round the side whose turn it is, after its own last speaker.
  const after = place.sides
    ? record.findLast((entry) => allowed.includes(entry.index))?.index
    : state.previous;
  if (due !== undefined) {
    // In a debate the guard is due as early as a side's second turn, where a drawing policy
    // often picks the unheard seat itself: its pick stands, under its own reason, and the guard
    // decides only when the policy would not (the seat is the same; the label is honest). The
    // turn's stream draws nothing after the speaker, so the extra draw moves no later one.
    const drawn =
      floor === undefined && place.sides
        ? drawnChoice(policy, state, eligible, random, { ...place, after })
        : undefined;
    if (drawn?.index === due.index)
      return onlySeat(state, policy, allowed, { kind: 'speak', choice: drawn, nextTopic: false });
    const named = floor !== undefined && vetoed === undefined;
    return speak(keepNamed(floor, silenceChoice(due, named, unit)));
  }
  const chosen = yield* byPolicy(state, policy, eligible, random, { ...place, after });
  if (chosen.kind === 'end') return chosen;
  if (vetoed === undefined) return place.sides ? onlySeat(state, policy, allowed, chosen) : chosen;
  const { choice } = chosen;
  return {
    ...chosen,
    choice: {
      ...choice,
      reason: 'guard',
      guard: vetoed.veto.guard,
      why: `${vetoed.veto.why}; ${choice.why ?? policy} chose ${name(choice.index)}`,
    },
  };
}

/**
 * The seat named that may speak now: named in the last reply, or, in a debate, named since its
 * side last spoke (by its own side, or by a side whose turn came first): it answers at its side's
 * turn. The latest naming wins. A topic moved meanwhile does not drop the question (holding the
 * move for it cost 9% of the topics reached with two seats a side: docs/benchmarks.md).
 * Undefined when none may.
 */
export function namedFloor(
  state: DiscussionState,
  allowed: readonly number[],
  sides: boolean,
): Floor | undefined {
  const floor = state.floor;
  if (floor !== undefined && allowed.includes(floor.index)) return floor;
  if (!sides) return undefined;
  const record = state.record;
  for (let k = record.length - 1; k >= 0; k--) {
    const entry = record[k];
    if (entry === undefined) break;
    if (entry.named !== undefined && allowed.includes(entry.named)) {
      const by = state.seat(entry.index).participant.name;
      return {
        index: entry.named,
        reason: 'mention',
        why: `named by ${by}, answered at its side's turn`,
        addressed: entry.address,
      };
    }
    // The side's last turn: a seat named before it had that turn to answer.
    if (allowed.includes(entry.index)) break;
  }
  return undefined;
}

/**
 * A side of one seat in a debate: its turn is that seat's, whatever a drawing policy would have
 * weighed ("fair: 1 turn so far, last 3 ago" said it chose), so the label says whose turn it is.
 */
function onlySeat(
  state: DiscussionState,
  policy: Exclude<SpeakerPolicy, 'original'>,
  allowed: readonly number[],
  chosen: Decision & { kind: 'speak' },
): Decision {
  const drawn = policy === 'fair' || policy === 'random' || policy === 'round-robin';
  const [index] = allowed;
  if (!drawn || allowed.length !== 1 || chosen.choice.index !== index) return chosen;
  const side = state.seat(index).participant.side?.trim() ?? '';
  return { ...chosen, choice: { ...chosen.choice, why: `the ${side} side's turn` } };
}

/** The silence guard's seat; when it takes the floor from a named seat, how late it is. */
function silenceChoice(due: SilenceDue, named: boolean, unit: 'table' | 'side'): Choice {
  const turn = unit === 'side' ? 'side turn' : 'turn';
  const late = `${due.overdue} ${turn}${due.overdue === 1 ? '' : 's'}`;
  const why = named && due.overdue > 0 ? `${due.why}, ${late} overdue` : due.why;
  return { index: due.index, reason: 'guard', guard: 'silence', why };
}

/** A guard that gives the floor to the very seat that was named still says it was named. */
function keepNamed(floor: Choice | undefined, choice: Choice): Choice {
  if (floor?.reason !== 'mention' || floor.index !== choice.index || floor.why === undefined) {
    return choice;
  }
  return {
    ...choice,
    why: `${floor.why}; ${choice.why ?? choice.reason}`,
    addressed: floor.addressed,
  };
}

/**
 * Who the policy may choose from: not the last speaker (nobody speaks twice in a row), not a
 * seat the guards hold back, unless that leaves nobody.
 */
function eligibleSeats(
  state: DiscussionState,
  allowed: readonly number[],
  record: readonly FloorEntry[],
  limits: GuardLimits,
  vetoed: number | undefined,
): number[] {
  const name = (index: number) => state.seat(index).participant.name;
  const others = allowed.filter((index) => index !== state.previous && index !== vetoed);
  const unheld = others.filter(
    (index) =>
      pingPongVeto(record, index, limits.pingPong, name) === undefined &&
      dominationVeto(record, index, allowed.length, limits.domination, name) === undefined,
  );
  if (unheld.length > 0) return unheld;
  if (others.length > 0) return others;
  return allowed.length > 0 ? [...allowed] : [];
}

async function* byPolicy(
  state: DiscussionState,
  policy: Exclude<SpeakerPolicy, 'original'>,
  eligible: readonly number[],
  random: Random,
  place: TurnPlace & { readonly after: number | undefined },
): AsyncGenerator<DiscussionEvent, Decision> {
  switch (policy) {
    case 'bid':
      return yield* askBids(state, eligible, random, place);
    case 'moderator':
      return yield* askModerator(state, eligible, random, place);
    default: {
      const choice = drawnChoice(policy, state, eligible, random, place) as Choice;
      return { kind: 'speak', choice, nextTopic: false };
    }
  }
}

/** The pick of a policy that draws (no request): undefined for `bid` and `moderator`. */
function drawnChoice(
  policy: Exclude<SpeakerPolicy, 'original'>,
  state: DiscussionState,
  eligible: readonly number[],
  random: Random,
  place: TurnPlace & { readonly after: number | undefined },
): Choice | undefined {
  const record = state.record;
  switch (policy) {
    case 'fair': {
      const index = pickFair(record, eligible, place.step, random);
      const why = fairWhy(record, index, place.step, spokeBefore(state, index));
      return { index, reason: 'fair', why };
    }
    case 'random':
      return { index: pickRandom(eligible, random), reason: 'random' };
    case 'round-robin':
      return { index: pickRoundRobin(eligible, place.after), reason: 'round-robin' };
    default:
      return undefined;
  }
}
