// A setting's value checked without zod when it plainly passes its rule: loading zod and building
// the settings' schemas takes ~35-40 ms of a run's start (docs/benchmarks.md, "Start-up"), and a
// run given `--seed 3` or `--turns 6` (the README's commands, `--format debate`) needs none of it. Only what the
// rule accepts as it is: anything else goes to the rule (setting-schemas.ts), which also words
// the message. plain-settings.test.ts checks each plain answer against the rule's.
import { FORMAT_NAMES } from '../engine/formats.js';
import { SPEAKER_POLICIES } from '../engine/phases/spec.js';
import { VOTE_METHODS } from '../outcome/ballots.js';
import { MAX_ROUNDS, MAX_SEED, MAX_TURNS, type SettingKey } from './setting-schemas.js';

const wholeIn =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: unknown): boolean =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
const oneOf =
  (choices: readonly string[]) =>
  (value: unknown): boolean =>
    typeof value === 'string' && choices.includes(value);

/** The settings a run is most often given, each with the part of its rule that a plain check reads. */
export const PLAIN_RULES: Partial<Record<SettingKey, (value: unknown) => boolean>> = {
  turns: wholeIn(1, MAX_TURNS),
  wrapUpTurns: wholeIn(0),
  seed: wholeIn(0, MAX_SEED),
  maxTokens: wholeIn(1),
  rounds: wholeIn(1, MAX_ROUNDS),
  introductions: isBoolean,
  summary: isBoolean,
  closing: isBoolean,
  controlWords: isBoolean,
  format: oneOf(FORMAT_NAMES),
  speakerPolicy: oneOf(SPEAKER_POLICIES),
  vote: oneOf(VOTE_METHODS),
};

/** True when `value` passes `key`'s rule unchanged (the rule would return it as it is). */
export function plainlyValid(key: SettingKey, value: unknown): boolean {
  return PLAIN_RULES[key]?.(value) === true;
}
