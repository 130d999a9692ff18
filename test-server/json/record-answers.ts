// The summarizer's structured record, made from what the request shows rather than drawn word by
// word: each free question's stance groups from the seats' closing positions as the request quotes
// them ("Tomasz: Question → position (80% sure). Because …"), and action items from what the seats
// proposed to do ("we should get a second estimate" → "Get a second estimate", Tomasz's).
import type { Unit } from '../model/read-request.js';
import { meaningOf } from './meaning.js';
import {
  normal,
  openQuestions,
  POSITION_LINE,
  quotedPositions,
  stanceGroups,
} from './quoted-positions.js';
import { isObject, type Schema } from './schema.js';

/**
 * Where a seat proposes to do something, and what follows is the thing to do: "we should …",
 * "I would like us to …", "let us …", "I would start with …".
 */
const PROPOSALS: readonly RegExp[] = [
  /\b(?:I would like us to|I want us to|we need to|we have to|we ought to|we must|we should|we could|let us|let's)\s+(.+)$/iu,
  /\bI would\s+(?!like\b|want\b|rather\b|be\b|not\b|say\b|have\b|love\b|hate\b)(.+)$/iu,
];

/** First words that do not make an action: "be", "not", "say", opinions, hedges. */
const NOT_AN_ACTION =
  /^(?:be|not|never|say|agree|disagree|like|want|hope|think|know|feel|all|just|also|really|much|rather|probably|still|only|even|always|perhaps|the|a|an|it|that|this|we|i|you|they|so|do|stop)\b/iu;
/** A verb whose object points back ("choose it for the right reasons"): to what, in a record? */
const POINTED_OBJECT = /^\S+\s+(?:it|them|this|that|those|these)\b/iu;

export interface Proposal {
  /** Verb first, as an action item reads: "Get a second estimate for the repairs." */
  readonly action: string;
  readonly owner: string;
}

/** A sentence's proposal as an action item, if it makes one. */
export function actionOf(sentence: string): string | undefined {
  const text = sentence.trim();
  if (text.endsWith('?')) return undefined;
  for (const pattern of PROPOSALS) {
    const rest = pattern.exec(text)?.[1]?.trim();
    if (rest === undefined || NOT_AN_ACTION.test(rest) || POINTED_OBJECT.test(rest)) continue;
    const words = rest.split(/\s+/);
    // "Look at it." says nothing of what to look at.
    if (
      words.length < 4 ||
      words.length > 20 ||
      /^(?:it|that|this|them|so)\W*$/iu.test(words.at(-1) ?? '')
    )
      continue;
    const body = rest.replace(/[.!…]+$/u, '');
    return `${body.charAt(0).toUpperCase()}${body.slice(1)}.`;
  }
  return undefined;
}

/** Sentences of a seat's text, positions' lines read without their question. */
function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => {
      const match = POSITION_LINE.exec(line.trim());
      return match === null ? line : line.slice(line.indexOf(' → ') + 3);
    })
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .map((sentence) => sentence.replace(/\s*\([^()]*\)\.$/u, '.'));
}

/**
 * The seats' proposals, latest first (closing positions come last and weigh most), each action
 * once, with the seat that proposed it; `keep` decides which read well enough to record.
 */
export function proposals(
  units: readonly Unit[],
  seats: readonly string[],
  keep: (action: string) => boolean,
): Proposal[] {
  const found: Proposal[] = [];
  const seen = new Set<string>();
  for (const unit of [...units].reverse()) {
    if (unit.moderator || unit.speaker === undefined || !seats.includes(unit.speaker)) continue;
    for (const sentence of sentencesOf(unit.text)) {
      const action = actionOf(sentence);
      if (action === undefined || seen.has(normal(action)) || !keep(action)) continue;
      seen.add(normal(action));
      found.push({ action, owner: unit.speaker });
    }
  }
  return found;
}

/** Up to `count` proposals, each owner once before anyone twice. */
export function actionItems(found: readonly Proposal[], count: number): Proposal[] {
  const chosen: Proposal[] = [];
  const owners = new Set<string>();
  for (const pass of [true, false]) {
    for (const item of found) {
      if (chosen.length >= count) return chosen;
      if (chosen.includes(item) || (pass && owners.has(item.owner))) continue;
      chosen.push(item);
      owners.add(item.owner);
    }
  }
  return chosen;
}

/** Next steps a table agrees on whatever it decided, about a thing someone stood for. */
const FOLLOW_UPS: readonly ((thing: string) => string)[] = [
  (thing) => `Find out what ${thing} would cost, and who would pay.`,
  (thing) => `Draw up a plan for ${thing}.`,
  (thing) => `Find out who would look after ${thing}.`,
  (thing) => `Ask the residents what they want from ${thing}.`,
];

/**
 * Actions when the seats proposed too few: a next step about what a seat stood for (the phrases
 * the summary names them by), given to that seat.
 */
function followUps(material: RecordMaterial, count: number): Proposal[] {
  const out: Proposal[] = [];
  const forms = [...FOLLOW_UPS].sort(() => material.random() - 0.5);
  for (const { speaker, phrases } of material.stances()) {
    // A named thing ("the Dene Viaduct", "Millford") says more than a common word ("the town").
    const thing = phrases.find((phrase) => /\p{Lu}|\s\S+\s/u.test(phrase)) ?? phrases[0];
    const form = forms[out.length % forms.length];
    if (thing === undefined || form === undefined || !material.seats.includes(speaker)) continue;
    const action = form(thing);
    if (!material.maySay(action)) continue;
    out.push({ action, owner: speaker });
    if (out.length >= count) break;
  }
  return out;
}

/** What a record's parts are made from: the request's turns, the seats, and a reader's bar. */
export interface RecordMaterial {
  readonly units: readonly Unit[];
  readonly seats: readonly string[];
  /** What each seat stood for (summary.ts), for actions when nobody proposed one. */
  readonly stances: () => readonly {
    readonly speaker: string;
    readonly phrases: readonly string[];
  }[];
  readonly random: () => number;
  /** Whether an action drawn from the discussion reads well and may be said (the run guard). */
  readonly keep: (action: string) => boolean;
  /** Whether a text may be said at all: it recites nothing (the run guard). */
  readonly maySay: (text: string) => boolean;
  /** How many action items to give, at most (asked only when there are some). */
  readonly actions: () => number;
  /** Whether a part is short enough for the reply's max_tokens. */
  readonly fits: (part: unknown) => boolean;
}

const stringEnum = (schema: unknown): string[] | undefined =>
  isObject(schema) && Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')
    ? (schema.enum as string[])
    : undefined;

const freeString = (schema: unknown): boolean =>
  isObject(schema) && schema.type === 'string' && schema.enum === undefined;

/**
 * A whole part of a record the request can answer from what it shows: a list of stance groups
 * (items with a question among an enum, a stance, and seats among the table's names), of action
 * items (items with an action and an owner), or of open questions (a list of text named so).
 * Undefined for any other schema.
 */
export function recordPart(
  schema: Schema,
  material: RecordMaterial,
  name?: string | undefined,
): unknown {
  if (!isObject(schema) || schema.type !== 'array' || !isObject(schema.items)) return undefined;
  if (name !== undefined && /open/i.test(name) && meaningOf(name) === 'question') {
    const positions = quotedPositions(material.units);
    // Without positions quoted, the request is no record's: the answer is drawn as any other.
    return freeString(schema.items) && positions.size > 0 ? openQuestions(positions) : undefined;
  }
  const properties = schema.items.properties;
  if (!isObject(properties)) return undefined;
  const keys = Object.keys(properties);
  const keyOf = (test: (key: string, sub: unknown) => boolean) =>
    keys.find((key) => test(key, properties[key]));
  const people = new Set(material.seats);
  const question = keyOf(
    (key, sub) => meaningOf(key) === 'question' && stringEnum(sub) !== undefined,
  );
  const seats = keyOf(
    (_key, sub) =>
      isObject(sub) &&
      sub.type === 'array' &&
      (stringEnum(sub.items)?.every((name) => people.has(name)) ?? false),
  );
  const stance = keyOf((key, sub) => key !== question && freeString(sub));
  if (question !== undefined && seats !== undefined && stance !== undefined) {
    const groups = stanceGroups(
      stringEnum(properties[question]) ?? [],
      material.seats,
      quotedPositions(material.units),
    );
    let part = groups.map((group) => ({
      [question]: group.question,
      [stance]: group.stance,
      [seats]: group.seats,
    }));
    // Too long for the reply: the last questions' groups go (their seats' own positions stand
    // in the record anyway), rather than an answer cut off mid-JSON.
    while (part.length > 0 && !material.fits(part)) {
      const last = part.at(-1)?.[question];
      part = part.filter((group) => group[question] !== last);
    }
    return part.length === 0 ? undefined : part;
  }
  const action = keyOf((key, sub) => meaningOf(key) === 'action' && freeString(sub));
  const owner = keyOf((key) => meaningOf(key) === 'speaker');
  if (action !== undefined && owner !== undefined) {
    const count = material.actions();
    let found = proposals(material.units, material.seats, material.keep);
    if (found.length < count) found = [...found, ...followUps(material, count - found.length)];
    if (found.length === 0) return undefined;
    return actionItems(found, count).map((item) => ({
      [action]: item.action,
      [owner]: item.owner,
    }));
  }
  return undefined;
}
