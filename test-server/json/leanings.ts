// How a seat leans in a structured answer, where no sentence is needed: which option fits it, how
// sure it sounds, yes or no.
import type { Prepared } from '../model/prepare.js';
import { isContentWord, normalWords } from '../model/words.js';
import type { Random } from '../prng.js';
import type { NumberRule } from './numbers.js';
import type { Field } from './values.js';

/** How well a value (an option) fits this seat: its persona, its own turns, what it just heard. */
export function fitOf(prepared: Prepared, value: unknown, random: Random): number {
  if (typeof value !== 'string') return random();
  const words = normalWords(value).filter((word) => word.length >= 3);
  const own = new Set(
    prepared.turns
      .filter((turn) => turn.own)
      .flatMap((turn) => normalWords(turn.text).filter(isContentWord)),
  );
  let score = random() * 0.5;
  for (const word of words) {
    const stem = word.slice(0, 5);
    const matches = (set: ReadonlySet<string>) => [...set].some((known) => known.startsWith(stem));
    if (matches(prepared.seat.concerns)) score += 2;
    if (matches(own)) score += 1;
    if (matches(prepared.recentWords)) score += 0.5;
  }
  return score;
}

/** A number in the rule's range, placed where the field's meaning sounds right (a confidence). */
export function numberFor(field: Field, rule: NumberRule, random: Random): number {
  const low = Number.isFinite(rule.low) ? rule.low : Math.min(0, rule.high);
  const high = Number.isFinite(rule.high) ? rule.high : Math.max(low + (rule.integer ? 10 : 1), 1);
  const span = high - low;
  const at = (from: number, to: number) => low + span * (from + random() * (to - from));
  switch (field.meaning) {
    case 'confidence':
      return at(0.55, 0.92);
    case 'score':
    case 'agreement':
      return at(0.5, 0.95);
    default:
      return at(0, 1);
  }
}

/** Yes or no: a changed mind now and then, agreement more often than not. */
export function booleanFor(field: Field, random: Random): boolean {
  switch (field.meaning) {
    case 'changed':
      return random() < 0.25;
    case 'agreement':
      return random() < 0.6;
    default:
      return random() < 0.5;
  }
}
