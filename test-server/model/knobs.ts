// Behaviour knobs, read from the model name: `markov?mention=0.9&repeat=0.3`. Everything before
// `?` is the model's name (any name works); each knob is documented in the README's table, and
// an unknown knob or a bad value is a 400 naming it.
import { invalidRequest } from '../api-error.js';

export interface Knobs {
  /** Chance per turn of addressing someone by name unprompted (default: by temperature). */
  readonly mention: number | undefined;
  /** Whom it addresses when it names someone (unprompted or inviting); default: its choice. */
  readonly to: string | undefined;
  /** Chance per turn of repeating its own last turn nearly word for word. */
  readonly repeat: number;
  /** Chance per reply of running on until max_tokens. */
  readonly ramble: number;
  /** Chances of ending a turn with the control words `[pass]`, `[leave]`, `[end]`. */
  readonly pass: number;
  readonly leave: number;
  readonly end: number;
  /** The answer to "how urgently do you want to speak, 0-9" (default: from the conversation). */
  readonly bid: number | undefined;
  /** Sentences per turn, beside any introduction, invitation or closing line (default 1-3). */
  readonly sentences: number | undefined;
  /** Chance per JSON-mode reply of writing broken JSON (for tests of a client's repair path). */
  readonly badJson: number;
}

/**
 * How the repeat knob opens a turn it repeats ("As I said, …", turn.ts); no walk may open so
 * (walk-analysis.ts), or a fresh sentence would pass for a repeat.
 */
export const REPEAT_MARKER = /^as i said\b/i;

export const NO_KNOBS: Knobs = {
  mention: undefined,
  to: undefined,
  repeat: 0,
  ramble: 0,
  pass: 0,
  leave: 0,
  end: 0,
  bid: undefined,
  sentences: undefined,
  badJson: 0,
};

type KnobName = keyof Knobs;

interface KnobSpec {
  readonly name: string;
  readonly field: KnobName;
  readonly valid: string;
  readonly parse: (value: string) => number | string | undefined;
}

function probability(value: string): number | undefined {
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) && number >= 0 && number <= 1
    ? number
    : undefined;
}

function integer(min: number, max: number): (value: string) => number | undefined {
  return (value) => {
    const number = Number(value);
    return /^\d+$/.test(value) && number >= min && number <= max ? number : undefined;
  };
}

const SPECS: readonly KnobSpec[] = [
  { name: 'mention', field: 'mention', valid: 'a number from 0 to 1', parse: probability },
  {
    name: 'to',
    field: 'to',
    valid: "a participant's name",
    parse: (value) => (/^[^\s&=?]{1,80}$/u.test(value) ? value : undefined),
  },
  { name: 'repeat', field: 'repeat', valid: 'a number from 0 to 1', parse: probability },
  { name: 'ramble', field: 'ramble', valid: 'a number from 0 to 1', parse: probability },
  { name: 'pass', field: 'pass', valid: 'a number from 0 to 1', parse: probability },
  { name: 'leave', field: 'leave', valid: 'a number from 0 to 1', parse: probability },
  { name: 'end', field: 'end', valid: 'a number from 0 to 1', parse: probability },
  { name: 'bid', field: 'bid', valid: 'an integer from 0 to 9', parse: integer(0, 9) },
  {
    name: 'sentences',
    field: 'sentences',
    valid: 'an integer from 1 to 12',
    parse: integer(1, 12),
  },
  { name: 'bad_json', field: 'badJson', valid: 'a number from 0 to 1', parse: probability },
];

export const KNOB_NAMES: readonly string[] = SPECS.map((spec) => spec.name);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The knobs in a model name; throws an OpenAI-style 400 naming a knob it cannot use. */
export function knobsOf(model: string): Knobs {
  const at = model.indexOf('?');
  if (at < 0) return NO_KNOBS;
  const knobs: Record<string, unknown> = { ...NO_KNOBS };
  for (const pair of model.slice(at + 1).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals));
    const value = decode(equals < 0 ? '' : pair.slice(equals + 1));
    const spec = SPECS.find((candidate) => candidate.name === name);
    if (spec === undefined) {
      throw invalidRequest(
        `Invalid 'model': unknown knob '${name}' in '${model}'. The Markov model's knobs are: ${KNOB_NAMES.join(', ')}.`,
        'model',
        'unknown_knob',
      );
    }
    const parsed = spec.parse(value);
    if (parsed === undefined) {
      throw invalidRequest(
        `Invalid 'model': knob '${name}' must be ${spec.valid}, but got ${JSON.stringify(value)} (in '${model}').`,
        'model',
        'invalid_knob',
      );
    }
    knobs[spec.field] = parsed;
  }
  return knobs as unknown as Knobs;
}
