// The facts of the case a seat may use, and how it uses one: woven into a sentence of its own
// ("The town has €3.1 million in reserves, so I would rather start small …"), never recited as a
// sentence by itself. A person at a table does not read the briefing out ("The town has €3.1
// million in reserves. I would rather …"), and never states facts about the meeting itself
// ("Tonight's round table is broadcast to residents …").
import type { Random } from '../prng.js';
import { announces, hasVerb } from './clause.js';
import type { Prepared } from './prepare.js';
import type { Unit } from './read-request.js';
import { isContentWord, normalWords } from './words.js';

/** A fact about the meeting, not the case: odd in a seat's mouth, whatever it says with it. */
const ABOUT_THE_MEETING =
  /\b(?:tonight|today|this (?:meeting|evening|session|discussion|debate|panel)|round ?table|roundtable|broadcast|audience|viewers|listeners|moderator|participants?|panel(?:ists)?)\b/i;
/** Words that point to something said before: a fact holding one leans on the briefing. */
const POINTING =
  /\b(?:it|they|them|he|she|him|her|this|these|those|we|us|our|you|your|I|my|me|their|his)\b/i;
/** A sentence opening on one of these is a clause of another ("Until 2019 …"): no fact alone. */
const SUBORDINATE =
  /^(?:until|when|if|after|since|although|though|because|while|in|on|at|for|with|by|from|as|once|before|unless|whatever|whether)\b/i;
/** Fewest and most words of a fact clause, and of a woven sentence. */
const FACT_MIN = 5;
const FACT_MAX = 18;
const WOVEN_MAX = 32;

/**
 * The facts of a context a seat may weave in: a short sentence of it stating one thing, without
 * its parentheses ("The Dene Viaduct carries the line over the river."), or the first clause of
 * a long one, up to its first comma, semicolon or colon ("The regional rail company has offered
 * to hand the whole corridor to the town for a symbolic €1"). Without their final mark; first
 * word as written.
 */
export function factsOf(sentences: readonly string[]): string[] {
  const facts: string[] = [];
  for (const sentence of sentences) {
    // The clause before a semicolon or colon states a thing; what follows leans on it. Two
    // clauses joined by ", and" or ", but" state two.
    const stated = (sentence.split(/[;:] /)[0] ?? '')
      .replace(/\s*\([^)]*\)/g, '')
      .replace(/[.!]$/, '')
      .trim();
    for (const clause of stated.split(/, (?:and|but) /)) {
      const fact = factOf(clause);
      if (fact !== undefined && !facts.includes(fact)) facts.push(fact);
    }
  }
  return facts;
}

/** One clause as a fact (see factsOf): cut at its first comma when long, else undefined. */
function factOf(clause: string): string | undefined {
  if (/[;:?"“”]/.test(clause) || ABOUT_THE_MEETING.test(clause) || SUBORDINATE.test(clause))
    return undefined;
  let fact = clause;
  if (clause.split(' ').length > 12) {
    const head = clause.split(', ')[0] ?? '';
    if (head.split(' ').length >= FACT_MIN + 1) fact = head;
  }
  const count = fact.split(' ').length;
  if (count < FACT_MIN || count > FACT_MAX || POINTING.test(fact) || !hasVerb(fact))
    return undefined;
  // A clause ending on a word that wants more ("… to the town for") was cut mid-phrase.
  if (/\b(?:a|an|the|of|to|for|and|or|but|with|in|on|at|by|since)$/i.test(fact)) return undefined;
  return fact;
}

/**
 * The fact's first word as it reads mid-sentence: lower case unless the texts write it
 * capitalised mid-sentence too (a name: "Larkhaven is …", "the old Larkhaven station").
 */
export function midSentence(fact: string, names: ReadonlySet<string>): string {
  const [first = '', ...rest] = fact.split(' ');
  return names.has(first) ? fact : [first.toLowerCase(), ...rest].join(' ');
}

/** Words the sentences write capitalised where no sentence starts: names. */
export function namesIn(sentences: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const sentence of sentences)
    for (const word of sentence.split(/[\s,;:()]+/).slice(1))
      if (/^\p{Lu}/u.test(word)) names.add(word.replace(/[.!?'’]+$/u, ''));
  return names;
}

/**
 * A sentence of the seat's own that a fact may lead into: a stance in the first person ("I would
 * rather start small …", "We should ask …"), not a question, an answer to someone, an announcement
 * or one pointing back ("I would like us to look at it.").
 */
export function takesAFact(sentence: string): boolean {
  if (
    !/^(?:I (?:would|think|want|am|do not|can|could|will)|We (?:should|need|must|could|can|have to|owe)|My )\b/.test(
      sentence,
    )
  )
    return false;
  if (!/[.]$/.test(sentence) || sentence.includes(',') || announces(sentence)) return false;
  if (/\b(?:it|so|that|this|them|those|these)\.$/i.test(sentence)) return false;
  return sentence.split(' ').length <= 16;
}

/** How a fact leads into a stance: its connective. */
const WEAVES: readonly ((fact: string, stance: string) => string)[] = [
  (fact, stance) => `Since ${fact}, ${stance}`,
  (fact, stance) => `${capitalised(fact)}, so ${stance}`,
  (fact, stance) => `Given that ${fact}, ${stance}`,
];

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The stance's first word as it reads after a connective: "I" stays, others lower case. */
const continued = (stance: string) =>
  /^I\b/.test(stance) ? stance : stance.charAt(0).toLowerCase() + stance.slice(1);

/** The fact led into the stance, one of WEAVES; undefined when the two would run too long. */
export function weave(fact: string, stance: string, random: Random): string | undefined {
  if (fact.split(' ').length + stance.split(' ').length > WOVEN_MAX) return undefined;
  const form = WEAVES[Math.floor(random() * WEAVES.length)] ?? WEAVES[0];
  return form?.(fact, continued(stance));
}

/**
 * What a sentence is about, roughly: money, time, what stands there already, people. A fact
 * leads only into a stance about the same ("Since the town has €3.1 million in reserves, we have
 * to be honest about what the money can and cannot do."); led into any stance it reads as a
 * non sequitur ("Since the Dene Viaduct carries the line over the river, I can support a
 * compromise …").
 */
const THEMES: readonly RegExp[] = [
  /€|\$|£|\b(?:million|cost|costs|money|budget|reserves?|grants?|afford|pay|paying|paid|sums|spend|price|cheap|cheapest|expensive|upkeep|bill|debt|fund|funds|euros?|figures|numbers|savings)\b/i,
  /\b(?:years?|months?|weeks?|wait|decides?|votes?|soon|later|winter|deadline|early|long-term|next year)\b/i,
  /\b(?:empty|overgrown|still in place|already there|already broken|repairs?|fix|fixing|maintenance|upkeep|building|buildings|track|station|what we have)\b/i,
  /\b(?:residents|villages?|villagers|families|neighbours|children|older|town of)\b/i,
];

const themesOf = (text: string): number =>
  THEMES.reduce((bits, theme, index) => (theme.test(text) ? bits | (1 << index) : bits), 0);

/** A table's facts as chooseFact reads them: their themes and content words, read once. */
interface ReadFacts {
  readonly themes: readonly number[];
  readonly content: readonly (readonly string[])[];
}

/** By the facts (a context's, shared by its seats: see seatMaterial). */
const readByFacts = new WeakMap<readonly string[], ReadFacts>();

function readFacts(facts: readonly string[]): ReadFacts {
  let read = readByFacts.get(facts);
  if (read === undefined) {
    read = {
      themes: facts.map(themesOf),
      content: facts.map((fact) => normalWords(fact).filter(isContentWord)),
    };
    readByFacts.set(facts, read);
  }
  return read;
}

/**
 * A fact about what the stance is about (see THEMES), of those `unheard` allows, the most about
 * the topic (its content words in `topic`); ties broken by `random`. Undefined when none is.
 */
export function chooseFact(
  facts: readonly string[],
  stance: string,
  topic: ReadonlySet<string>,
  unheard: (fact: string) => boolean,
  random: Random,
): string | undefined {
  const about = themesOf(stance);
  if (about === 0) return undefined;
  const read = readFacts(facts);
  let best: string | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [index, fact] of facts.entries()) {
    if (((read.themes[index] ?? 0) & about) === 0 || !unheard(fact)) continue;
    let hits = 0;
    for (const word of read.content[index] ?? []) if (topic.has(word)) hits++;
    const score = Math.min(hits, 2) + random();
    if (score > bestScore) {
      best = fact;
      bestScore = score;
    }
  }
  return best;
}

const lowerTexts = new WeakMap<Unit, string>();

/** Where a fact was first heard in a conversation (-1: not up to `scanned` units). */
interface HeardAt {
  scanned: number;
  at: number;
}

/**
 * Facts' first hearing, by conversation chain: its units are a request's first ones (see
 * ConversationCache), and every request of a discussion asks of the same few facts, each of
 * which read every unit again (a 200-turn discussion's 400) until it was heard.
 */
const heardByChain = new WeakMap<object, Map<string, HeardAt>>();

/** Whether the conversation has said `lower` (in lower case): a fact heard is not woven in again. */
function heard(prepared: Prepared, lower: string): boolean {
  const { chain, to } = prepared.view;
  let facts = heardByChain.get(chain);
  if (facts === undefined) {
    facts = new Map();
    heardByChain.set(chain, facts);
  }
  let known = facts.get(lower);
  if (known === undefined) {
    known = { scanned: 0, at: -1 };
    facts.set(lower, known);
  }
  if (known.at >= 0) return known.at < to;
  for (; known.scanned < to; known.scanned++) {
    const unit = chain.units[known.scanned] as Unit;
    // A unit's text in lower case, kept with the unit: the next request brings the same units.
    let text = lowerTexts.get(unit);
    if (text === undefined) {
      text = unit.text.toLowerCase();
      lowerTexts.set(unit, text);
    }
    if (text.includes(lower)) {
      known.at = known.scanned++;
      return true;
    }
  }
  return false;
}

/**
 * `stance` led into by a fact of the seat's context about the same thing and not heard yet
 * tonight (see chooseFact, weave); undefined when the stance takes none or no fact fits.
 */
export function factWoven(prepared: Prepared, stance: string, random: Random): string | undefined {
  if (!takesAFact(stance)) return undefined;
  const unheard = (fact: string) => !heard(prepared, fact.toLowerCase());
  const fact = chooseFact(prepared.seat.facts, stance, prepared.topicWords, unheard, random);
  return fact === undefined ? undefined : weave(fact, stance, random);
}
