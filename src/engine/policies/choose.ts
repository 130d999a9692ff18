// Who has the floor next in a discussion phase, and why: a person's choice, then a seat named in
// the last reply (unless the ping-pong or domination guard objects), then a seat the silence
// guard says must speak, then the speaker policy among the rest. A named seat answers before
// the silence guard's seat, which waits `SILENCE_WAITS_FOR_ANSWERS` turns past its time at most.
import type { DiscussionEvent, FloorReason, GuardName } from '../events.js';
import type { FloorEntry } from '../floor-record.js';
import {
  DEFAULT_GUARDS,
  dominationVeto,
  type GuardLimits,
  pingPongVeto,
  SILENCE_WAITS_FOR_ANSWERS,
  type SilenceDue,
  silenceDue,
  type Veto,
} from '../guards/floor-guards.js';
import type { SpeakerPolicy } from '../phases/spec.js';
import type { Random } from '../random.js';
import type { DiscussionState } from '../state.js';
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
  const floor = state.floor;
  if (floor !== undefined && floor.reason === 'moderator' && !state.left.has(floor.index)) {
    return speak(floor);
  }
  const silent = silenceDue(record, allowed, place.step, limits.silence, name);
  const due = silent !== undefined && silent.index !== state.previous ? silent : undefined;
  let vetoed: { index: number; veto: Veto } | undefined;
  if (floor !== undefined && allowed.includes(floor.index)) {
    const veto =
      pingPongVeto(record, floor.index, limits.pingPong, name) ??
      dominationVeto(record, floor.index, allowed.length, limits.domination, name);
    if (veto !== undefined) vetoed = { index: floor.index, veto };
    else if (due === undefined || due.index === floor.index) return speak(floor);
    else if (due.overdue < SILENCE_WAITS_FOR_ANSWERS) {
      const why = `${floor.why ?? 'named'}; ${due.why}, waits for the answer`;
      return speak({ ...floor, why, silenceWaits: due.index });
    }
  }
  if (due !== undefined) {
    const named = floor !== undefined && vetoed === undefined && allowed.includes(floor.index);
    return speak(keepNamed(floor, silenceChoice(due, named)));
  }
  const eligible = eligibleSeats(state, allowed, record, limits, vetoed?.index);
  const chosen = yield* byPolicy(state, policy, eligible, random, place);
  if (chosen.kind === 'end') return chosen;
  if (vetoed === undefined) return chosen;
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

/** The silence guard's seat; when it takes the floor from a named seat, how late it is. */
function silenceChoice(due: SilenceDue, named: boolean): Choice {
  const late = due.overdue === 1 ? '1 turn' : `${due.overdue} turns`;
  const why = named && due.overdue > 0 ? `${due.why}, ${late} overdue` : due.why;
  return { index: due.index, reason: 'guard', guard: 'silence', why };
}

/** A guard that gives the floor to the very seat that was named still says it was named. */
function keepNamed(floor: Choice | undefined, choice: Choice): Choice {
  if (floor?.reason !== 'mention' || floor.index !== choice.index || floor.why === undefined) {
    return choice;
  }
  return { ...choice, why: `${floor.why}; ${choice.why ?? choice.reason}` };
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
  place: TurnPlace,
): AsyncGenerator<DiscussionEvent, Decision> {
  const record = state.record;
  const fair = (): Choice => {
    const index = pickFair(record, eligible, place.step, random);
    return { index, reason: 'fair', why: fairWhy(record, index, place.step) };
  };
  switch (policy) {
    case 'fair':
      return { kind: 'speak', choice: fair(), nextTopic: false };
    case 'random':
      return {
        kind: 'speak',
        choice: { index: pickRandom(eligible, random), reason: 'random' },
        nextTopic: false,
      };
    case 'round-robin':
      return {
        kind: 'speak',
        choice: { index: pickRoundRobin(eligible, state.previous), reason: 'round-robin' },
        nextTopic: false,
      };
    case 'bid':
      return yield* askBids(state, eligible, random, place);
    case 'moderator':
      return yield* askModerator(state, eligible, random, place);
  }
}
