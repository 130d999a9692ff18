// The model's voice in a structured answer: names that fit the conversation (who was just asked
// something, who has not been heard), reasons that say why, positions in the seat's own terms,
// confidences that sound like one.

import { quadsOf } from '../model/chain/source.js';
import type { Knobs } from '../model/knobs.js';
import { mainPhrase } from '../model/main-phrase.js';
import type { Prepared } from '../model/prepare.js';
import { continuing } from '../model/sentence-form.js';
import { Speech } from '../model/speech.js';
import { standsFor } from '../model/summary.js';
import type { Voicing } from '../model/voicing.js';
import { nameTest, normalWords } from '../model/words.js';
import type { Random } from '../prng.js';
import { countTokens } from '../tokens.js';
import { booleanFor, fitOf, numberFor } from './leanings.js';
import { type Floor, floorOf, moderatorAction, moderatorReason, pick } from './moderator.js';
import type { NumberRule } from './numbers.js';
import { positionOf, reasonOf } from './positions.js';
import { normal, quotedPositions } from './quoted-positions.js';
import { recordPart } from './record-answers.js';
import { ReviewReading } from './review-answers.js';
import { isObject, type Schema } from './schema.js';
import type { Field, Voice } from './values.js';

/** A debater's side weighs on its options: above anything at first, like a concern later. */
const SIDE_OPENING = 100;
const SIDE_LATER = 2.25;

/** The side the engine's system message gives a debater (`Your side: trail.`), lower case. */
function sideOf(systemTexts: readonly string[]): string | undefined {
  for (const text of systemTexts) {
    const side = /^Your side: (.+?)\.[ \t]*$/mu.exec(text)?.[1]?.trim().toLowerCase();
    if (side !== undefined && side !== '') return side;
  }
  return undefined;
}

export class ModelVoice implements Voice {
  private readonly speech: Speech;
  /** People already placed in a list of this answer (lower case). */
  private readonly placed = new Set<string>();
  /** The question whose answer is being made (a positions schema's item), if known. */
  private asked: string | undefined;
  /** The person this answer named (and among whom), which its reason then explains. */
  private named: { name: string; among: readonly string[] } | undefined;

  /** Read only for a review's fields (made on first use). */
  private reviewReading: ReviewReading | undefined;
  private get review(): ReviewReading {
    this.reviewReading ??= new ReviewReading(this.prepared, this.random);
    return this.reviewReading;
  }

  private readonly knobs: Knobs;
  readonly random: Random;
  private readonly maxTokens: number;

  constructor(
    private readonly prepared: Prepared,
    voicing: Voicing,
  ) {
    this.knobs = voicing.knobs;
    this.maxTokens = voicing.maxTokens ?? Number.POSITIVE_INFINITY;
    this.random = voicing.random;
    this.speech = new Speech(prepared, voicing.temperature, voicing.random, voicing.poolSeed);
    // Each string is read on its own: a fact leading one would be the briefing read out.
    this.speech.weavesFacts = false;
  }

  /** The people this answer may name: the table's seats, else those the request tags. */
  private get people(): string[] {
    const { table } = this.prepared.read;
    if (table !== undefined) return [table.self.name, ...table.others.map((seat) => seat.name)];
    return [];
  }

  private floor(candidates: readonly string[]): Floor {
    return floorOf(this.prepared, candidates);
  }

  /** The next speaker among `candidates`: someone just asked, else someone not heard lately. */
  private nextOf(candidates: readonly string[]): { name: string | undefined; why: string } {
    const floor = this.floor(candidates);
    const wanted = this.knobs.to?.toLowerCase();
    const forced = candidates.find((name) => name.toLowerCase() === wanted);
    if (forced !== undefined) return { name: forced, why: 'chosen' };
    const asked = floor.addressed[0];
    if (asked !== undefined) return { name: asked, why: 'asked' };
    const waiting = candidates
      .filter((name) => name !== floor.lastSpeaker)
      .sort((a, b) => (floor.lastSpoke.get(a) ?? -1) - (floor.lastSpoke.get(b) ?? -1));
    const name = waiting[0] ?? candidates[0];
    return { name, why: name !== undefined && floor.lastSpoke.has(name) ? 'quiet' : 'unheard' };
  }

  private topicPhrase(): string | undefined {
    const { topic } = this.prepared;
    return topic === undefined
      ? undefined
      : mainPhrase(topic, this.prepared.weightOf, this.prepared.nameWords, this.prepared.nouns)
          ?.text;
  }

  private reasonFor(name: string, among: readonly string[]): string {
    const floor = this.floor(among);
    const { weightOf, nameWords, nouns } = this.prepared;
    const stoodFor = new Map<string, string[]>();
    const names = nameTest(among);
    const { tableWords } = this.prepared;
    for (const [speaker, text] of floor.lastSaid) {
      const phrase = mainPhrase(text, weightOf, nameWords, nouns)?.text;
      // A thing of this table ("the Dene Viaduct"), not a name or a word of the talk ("the point").
      if (
        phrase !== undefined &&
        !names.test(phrase) &&
        !/\b\p{L}$/u.test(phrase) &&
        (/\p{Lu}/u.test(phrase) || normalWords(phrase).some((word) => tableWords.has(word)))
      )
        stoodFor.set(speaker, [phrase]);
    }
    const unheard = among.filter((other) => !floor.lastSpoke.has(other));
    return moderatorReason(
      name,
      { floor, topic: this.topicPhrase(), stoodFor, unheard },
      this.random,
    );
  }

  private sentence(): string {
    // A string must say something; each is read on its own.
    return this.speech.sayAnything(this.prepared.topicWords) || 'I agree.';
  }

  /** A reason to follow "Because" (see reasonOf). */
  private statement(): string {
    return reasonOf(this.speech, this.prepared) ?? this.sentence().replace(/\?$/, '.');
  }

  /** A position quoted in the record (see positionOf), on the question being answered. */
  private position(): string {
    return positionOf(this.speech, this.prepared, this.asked, this.positions++) ?? this.sentence();
  }

  /** Positions this answer has given (its questions, in the order the request lists them). */
  private positions = 0;

  text(field: Field, maxLength: number): string {
    const short = maxLength < 40;
    switch (field.meaning) {
      case 'speaker': {
        const people = this.people.filter((name) => name !== this.prepared.self?.name);
        const name = this.nextOf(people).name;
        if (name === undefined) return 'everyone';
        this.named = { name, among: people };
        return name;
      }
      case 'reason': {
        const named = this.named;
        if (named !== undefined && Object.values(field.siblings).includes(named.name))
          return this.reasonFor(named.name, named.among);
        return short
          ? (this.topicPhrase() ?? 'the cost')
          : `Because ${continuing(this.statement())}`;
      }
      case 'steer': {
        const phrase = this.topicPhrase() ?? 'the question';
        const others = this.people.filter((name) => !Object.values(field.siblings).includes(name));
        const other = pick(others, this.random);
        return pick(
          [
            `Bring it back to ${phrase}.`,
            other === undefined ? `Say what would change your mind.` : `Answer ${other} directly.`,
            `Be concrete about ${phrase}.`,
          ],
          this.random,
        ) as string;
      }
      case 'question':
        return this.prepared.topic ?? this.topicPhrase() ?? this.sentence();
      case 'title':
        return this.topicPhrase() ?? 'The discussion';
      case 'identifier':
        return (this.topicPhrase() ?? 'item')
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-|-$/g, '');
      case 'summary':
        return `${this.sentence()} ${this.sentence()}`;
      case 'evaluation':
        return short || this.review.ranked.length === 0
          ? this.sentence()
          : this.review.evaluation();
      case 'position':
        return short ? (this.topicPhrase() ?? this.sentence()) : this.position();
      default:
        return short ? (this.topicPhrase() ?? this.sentence()) : this.sentence();
    }
  }

  choose(values: readonly unknown[], field: Field): unknown {
    const names = values.filter((value): value is string => typeof value === 'string');
    const people = this.people.map((name) => name.toLowerCase());
    if (field.meaning === 'speaker' || this.arePeople(names)) {
      const candidates = names.filter(
        (name) => name !== this.prepared.self?.name && people.includes(name.toLowerCase()),
      );
      const among = candidates.length > 0 ? candidates : names;
      const next = this.nextOf(among).name;
      if (next !== undefined) {
        this.named = { name: next, among };
        return next;
      }
    }
    if (field.meaning === 'action') return moderatorAction(this.prepared, values, this.random);
    return this.rank(values, field)[0];
  }

  rank(values: readonly unknown[], field: Field): unknown[] {
    const reviewed = this.review.order(values);
    if (reviewed !== undefined) return reviewed;
    const side = this.sideWeight();
    const scored = values.map((value) => ({
      value,
      score: fitOf(this.prepared, value, this.random) + side(value),
    }));
    scored.sort((a, b) => b.score - a.score);
    const ranked = scored.map((entry) => entry.value);
    if (field.meaning === 'ranking' || !this.arePeople(values)) return ranked;
    // Lists of people in one answer (the seats of each stance): each person in one of them.
    const free = ranked.filter((value) => !this.placed.has(String(value).toLowerCase()));
    return free.length > 0 ? free : ranked;
  }

  /**
   * What arguing a side adds to an option: a debater told "Your side: trail." chooses trail in its
   * opening; later (the request quotes a position of its own on the question) the side still
   * weighs a little more than one of the seat's concerns, so the discussion may change its mind
   * (init table, debate, seeds 1-12 and 42: 8 of 52 closing statements).
   */
  private sideWeight(): (value: unknown) => number {
    const side = sideOf(this.prepared.read.systemTexts);
    if (side === undefined) return () => 0;
    const self = this.prepared.self?.name;
    const asked = this.asked === undefined ? undefined : normal(this.asked);
    const earlier =
      self === undefined || asked === undefined
        ? undefined
        : quotedPositions(this.prepared.read.units).get(asked)?.get(self);
    const weight = earlier === undefined ? SIDE_OPENING : SIDE_LATER;
    return (value) => (typeof value === 'string' && value.toLowerCase() === side ? weight : 0);
  }

  took(values: readonly unknown[], field: Field): void {
    if (field.meaning === 'ranking' || !this.arePeople(values)) return;
    for (const value of values) this.placed.add(String(value).toLowerCase());
  }

  /** A record's stance groups and action items, from what the request shows (record-answers.ts). */
  known(schema: Schema, field: Field): unknown {
    // One question's answer in a positions schema: its description is the question, which the
    // position inside it then answers.
    if (isObject(schema) && isObject(schema.properties) && 'position' in schema.properties)
      this.asked = field.description;
    const seats = this.people;
    if (seats.length === 0) return undefined;
    return recordPart(
      schema,
      {
        units: this.prepared.read.units,
        seats,
        stances: () => standsFor(this.prepared),
        random: this.random,
        keep: (action) => this.readsWell(action),
        maySay: (text) => this.prepared.guard.firstForbidden(normalWords(text), []) === undefined,
        actions: () => 1 + Math.floor(this.random() * 3),
        // The rest of the answer (actions, open questions) needs room too.
        fits: (value) => countTokens(JSON.stringify(value)) <= this.maxTokens * 0.7,
      },
      field.name,
    );
  }

  /** An action taken from a turn reads as written (no splice) and recites nothing. */
  private readsWell(action: string): boolean {
    const words = `${action.charAt(0).toLowerCase()}${action.slice(1)}`.split(' ');
    return (
      quadsOf(words).every((quad) => this.prepared.attests(quad)) &&
      this.prepared.guard.firstForbidden(normalWords(action), []) === undefined
    );
  }

  /** The values are the table's names (or none of them at all: "nobody", "everyone"). */
  private arePeople(values: readonly unknown[]): boolean {
    const people = this.people.map((name) => name.toLowerCase());
    return (
      people.length > 0 &&
      values.length > 0 &&
      values.every(
        (value) =>
          typeof value === 'string' &&
          (people.includes(value.toLowerCase()) || /^(none|nobody|no one|everyone)$/i.test(value)),
      )
    );
  }

  number(field: Field, rule: NumberRule): number {
    return numberFor(field, rule, this.random);
  }

  boolean(field: Field): boolean {
    if (field.meaning === 'changed') return this.changedMind(field);
    return booleanFor(field, this.random);
  }

  /**
   * Whether the discussion changed this seat's position: only where the request quotes an
   * earlier position of its own on the question, and this one differs (an option other than
   * the one it chose; a sentence of its own now and then, since a new sentence may say the same).
   */
  private changedMind(field: Field): boolean {
    const self = this.prepared.self?.name;
    const asked = this.asked === undefined ? undefined : normal(this.asked);
    if (self === undefined || asked === undefined) return false;
    const earlier = quotedPositions(this.prepared.read.units).get(asked)?.get(self);
    const now = field.siblings.position;
    if (earlier === undefined || typeof now !== 'string' || now === earlier) return false;
    return !/[.!]$/.test(now) || this.random() < 0.25;
  }
}
