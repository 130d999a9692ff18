// The guards on who speaks next: ping-pong, domination and silence. Pure rules over the phase's
// floor record; the engine applies them in every speaker policy but `original`.
import type { GuardName } from '../events.js';
import { type FloorEntry, isExempt, notYet, tally } from '../floor-record.js';

export interface GuardLimits {
  /** The same two seats alternate at most this many turns in a row; 0 turns it off. */
  readonly pingPong: number;
  /** At most this many times a seat's fair share over 2 × seats turns; 0 turns it off. */
  readonly domination: number;
  /** No seat waits more than this many × seats turns; 0 turns it off. */
  readonly silence: number;
}

export const DEFAULT_GUARDS: GuardLimits = { pingPong: 4, domination: 2, silence: 3 };

/**
 * How many turns past its time a seat the silence guard holds due waits while named seats answer
 * what they were asked: a named seat speaks first, but a chain of mentions does not keep a silent
 * seat out for ever.
 */
export const SILENCE_WAITS_FOR_ANSWERS = 2;

/**
 * The same in a debate, where the guard counts the seat's own side's turns: one named answer of
 * its side. A side's turns are a third or half of the table's, so a seat of a two-seat side that
 * waits for one is heard by its side's third turn.
 */
export const SILENCE_WAITS_IN_SIDE = 1;

export interface Veto {
  readonly guard: GuardName;
  readonly why: string;
}

/**
 * The ping-pong guard: would giving `index` the floor make the same two seats alternate more
 * than `limit` turns in a row? Mentions are what start such runs, but a policy's draw may carry
 * one on too, so every turn of the run counts, whoever gave it.
 */
export function pingPongVeto(
  record: readonly FloorEntry[],
  index: number,
  limit: number,
  name: (index: number) => string,
): Veto | undefined {
  if (limit <= 0) return undefined;
  const last = record.at(-1);
  if (last === undefined || last.index === index) return undefined;
  const pair = new Set([last.index, index]);
  // The run: the trailing turns held alternately by these two seats.
  let run = 1;
  for (let k = record.length - 1; k > 0; k--) {
    const entry = record[k];
    const before = record[k - 1];
    if (entry === undefined || before === undefined) break;
    if (!pair.has(before.index) || before.index === entry.index) break;
    run += 1;
  }
  if (run + 1 <= limit) return undefined;
  return {
    guard: 'ping-pong',
    why: `ping-pong guard: ${name(last.index)} and ${name(index)} alternated ${run} turns`,
  };
}

/**
 * The domination guard: would `index` hold more than `factor` × its fair share of the last
 * 2 × seats turns? Turns a person or the moderator gave do not count.
 */
export function dominationVeto(
  record: readonly FloorEntry[],
  index: number,
  seats: number,
  factor: number,
  name: (index: number) => string,
): Veto | undefined {
  if (factor <= 0 || seats < 2) return undefined;
  const window = 2 * seats;
  const allowed = factor * (window / seats);
  const recent = record.slice(-(window - 1));
  const held = recent.filter((e) => e.index === index && !isExempt(e.reason)).length + 1;
  if (held <= allowed) return undefined;
  return {
    guard: 'domination',
    why: `domination guard: ${name(index)} already had ${held - 1} of the last ${recent.length} turns`,
  };
}

/** A seat the silence guard says must speak, and how many turns past its time it is already. */
export interface SilenceDue extends Veto {
  readonly index: number;
  readonly overdue: number;
}

/**
 * The silence guard: the seat that must speak now, if any. Every seat speaks by step seats + 1,
 * and none waits more than `limit` × seats turns (the longest wait first; then seat order). The
 * engine lets a named seat answer first, `SILENCE_WAITS_FOR_ANSWERS` turns at most: `overdue`
 * counts the turns the seat has waited past its time. In a debate `record` and `step` are the
 * side's own turns (`sideTurns`) and `active` its seats (`unit` 'side'): a side has a third or
 * half of the table's turns, so each of its seats speaks by the side's step `seats` (a side's
 * first turn goes to whichever seat the policy or a question picks).
 */
export function silenceDue(
  record: readonly FloorEntry[],
  active: readonly number[],
  step: number,
  limit: number,
  name: (index: number) => string,
  unit: 'table' | 'side' = 'table',
  spokeBefore: (index: number) => boolean = () => false,
): SilenceDue | undefined {
  if (limit <= 0 || active.length < 2) return undefined;
  const seats = tally(record, active);
  const unheard = active.filter((index) => (seats.get(index)?.turns ?? 0) === 0);
  const deadline = unit === 'side' ? active.length : active.length + 1;
  if (step > 1 && unheard.length > 0 && unheard.length >= deadline - step + 1) {
    const index = unheard[0] as number;
    // Due from the step at which the unheard seats fill the steps left until the deadline.
    const overdue = step - (deadline + 1 - unheard.length);
    const why = `silence guard: ${name(index)} ${notYet(spokeBefore(index))}`;
    return { index, guard: 'silence', why, overdue };
  }
  const maxWait = limit * active.length;
  let due: { index: number; waited: number } | undefined;
  for (const index of active) {
    const last = seats.get(index)?.last ?? 0;
    if (last === 0) continue;
    const waited = step - last - 1;
    if (waited >= maxWait && (due === undefined || waited > due.waited)) due = { index, waited };
  }
  if (due === undefined) return undefined;
  return {
    index: due.index,
    guard: 'silence',
    why: `silence guard: ${name(due.index)} has waited ${due.waited} ${unit === 'side' ? "of its side's turns" : 'turns'}`,
    overdue: due.waited - maxWait,
  };
}
