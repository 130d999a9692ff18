// Numbers a schema allows: within its bounds (open or closed), a multiple of multipleOf, whole
// when only integers are allowed.
import { isMultiple } from './conforms.js';
import { boundsOf, numberOf, type SchemaObject, typesOf } from './schema.js';

/** Steps tried from a starting point before a range counts as empty. */
const SEARCH = 10_000;

export interface NumberRule {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
  readonly integer: boolean;
  readonly multipleOf: number | undefined;
}

export function numberRule(schema: SchemaObject): NumberRule {
  const types = typesOf(schema);
  return {
    ...boundsOf(schema),
    integer: types.includes('integer') && !types.includes('number'),
    multipleOf: numberOf(schema, 'multipleOf'),
  };
}

export function allowed(rule: NumberRule, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.lowOpen ? value <= rule.low : value < rule.low) return false;
  if (rule.highOpen ? value >= rule.high : value > rule.high) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  return rule.multipleOf === undefined || isMultiple(value, rule.multipleOf);
}

/** Rounds away float noise (0.30000000000000004 → 0.3) when that keeps the value allowed. */
function tidy(rule: NumberRule, value: number): number {
  const rounded = Number(value.toPrecision(12));
  return allowed(rule, rounded) ? rounded : value;
}

/** The allowed value nearest `target` found by stepping from it, or undefined. */
export function nearest(rule: NumberRule, target: number): number | undefined {
  const step = rule.multipleOf ?? (rule.integer ? 1 : undefined);
  const clamped = Math.min(Math.max(target, rule.low), rule.high);
  if (step === undefined) {
    if (allowed(rule, clamped)) return clamped;
    const mid =
      Number.isFinite(rule.low) && Number.isFinite(rule.high)
        ? (rule.low + rule.high) / 2
        : clamped + (rule.lowOpen ? 1 : -1);
    return allowed(rule, mid) ? mid : undefined;
  }
  const base = Math.round(clamped / step);
  for (let offset = 0; offset < SEARCH; offset++) {
    for (const k of offset === 0 ? [base] : [base + offset, base - offset]) {
      const value = tidy(rule, k * step);
      if (allowed(rule, value)) return value;
    }
  }
  return undefined;
}
