import { StaticChain } from './chain/static-chain.js';
import { type MixPart, StaticMix } from './chain/static-mix.js';
import { factsOf, midSentence, namesIn } from './facts.js';
import { startsUpper } from './letters.js';
import { fixedLineTexts } from './lines.js';
import { firstPerson } from './persona.js';
import { type BookPhrase, bookOf } from './phrasebook.js';
import { nounsOf, type Phrase, phrasesOf } from './phrases.js';
import type { ReadRequest, Seat } from './read-request.js';
import { personaRuns, runSet, runsOf, wordSet } from './run-guard.js';
import { banksBytes } from './sentence-bank.js';
import { sentencesOf } from './sentences.js';
import { nounEvidence, TALK, TALK_SENTENCES } from './talk.js';
import { isContentWord, normalWords, personBlind, RUN_WORDS } from './words.js';

/**
 * What a seat brings to every turn, read once from its system message: the persona to speak
 * from (in the first person), the context's facts, and the texts it must never recite.
 */
export interface SeatMaterial {
  /** The talk, the persona (first person) and the context, walked as one. */
  readonly mix: StaticMix;
  /** Runs of the instructions, persona and roster, and every word in them. */
  readonly forbidden: ReadonlySet<string>;
  readonly forbiddenWords: ReadonlySet<string>;
  /**
   * The persona alone (its runs, person-blind, and words: see `personaRuns`), which no seat may
   * recite, in the second person or the first.
   */
  readonly persona:
    | { readonly runs: ReadonlySet<string>; readonly words: ReadonlySet<string> }
    | undefined;
  /** Which table this seat sits at (its context, instructions and seats), and its name there. */
  readonly table: { readonly key: string; readonly name: string } | undefined;
  /** Runs that may be quoted although a forbidden text holds them: names, the context. */
  readonly allowed: ReadonlySet<string>;
  /** Every word of the seats' names and full names (lower case): never a topic. */
  readonly nameWords: ReadonlySet<string>;
  /** Content words of the persona: what this seat cares about. */
  readonly concerns: ReadonlySet<string>;
  /** Content words of the context and the given topics (the last topics asked for cached). */
  readonly tableWords: (topics: readonly string[]) => ReadonlySet<string>;
  /** Words the persona and context use as nouns (see `nounsOf`). */
  readonly nouns: ReadonlyMap<string, number>;
  /** How often each phrase head occurs in the persona and context: what the seat talks about. */
  readonly heads: ReadonlyMap<string, number>;
  /** The things the context and the persona name (see phrasebook.ts). */
  readonly book: readonly BookPhrase[];
  /** Facts of the context a turn may weave into a sentence (see facts.ts), as they read mid-sentence. */
  readonly facts: readonly string[];
  /**
   * Whether a run of RUN_WORDS - 1 words (person-blind) is in the talk, the context or this
   * seat's own persona: words any seat may have from elsewhere than another's persona.
   */
  readonly knownShort: (short: string) => boolean;
  /**
   * The persona's sentences in the first person (lower case): with the talk's, the sentences a
   * seat may say as written where a splice must not be heard (a reason in the record).
   */
  readonly written: ReadonlySet<string>;
  readonly bytes: number;
}

/** Requests without roundtable's layout walk the talk alone (besides what was said). */
const TALK_ONLY = new StaticMix([{ chain: TALK, weight: 1 }]);

const split = (sentences: readonly string[]): string[][] =>
  sentences.map((sentence) => sentence.split(' '));

function countHeads(phrases: readonly Phrase[]): Map<string, number> {
  const heads = new Map<string, number>();
  for (const phrase of phrases) heads.set(phrase.head, (heads.get(phrase.head) ?? 0) + 1);
  return heads;
}

/**
 * A full name is a name and often a description ("Margit Aalto, town treasurer"): only its
 * capitalised words before the first comma are the name.
 */
function nameWordsOf(seats: readonly Seat[]): Set<string> {
  const nameWords = new Set<string>();
  for (const member of seats) {
    const properName = (member.fullName.split(',')[0] ?? '').split(/\s+/).filter(startsUpper);
    for (const word of normalWords([member.name, ...properName].join(' '))) nameWords.add(word);
  }
  return nameWords;
}

function tableWordsOf(context: string): (topics: readonly string[]) => ReadonlySet<string> {
  const base = normalWords(context).filter(isContentWord);
  // By the topics themselves (their count alone would hand one conversation's words to
  // another's request with as many topics). A seat's requests mostly bring the same ones.
  let cached: { key: string; words: ReadonlySet<string> } | undefined;
  return (topics) => {
    const key = topics.join('\n');
    if (cached?.key !== key) {
      const words = new Set(base);
      for (const topic of topics)
        for (const word of normalWords(topic)) if (isContentWord(word)) words.add(word);
      cached = { key, words };
    }
    return cached.words;
  };
}

/** What a table's context gives each seat at it: the same for all of them, so read once. */
interface ContextMaterial {
  readonly sentences: readonly string[];
  readonly chain: StaticChain | undefined;
  /** The context's runs (quotable by any seat), nouns and short runs (see `shortRuns`). */
  readonly runs: ReadonlySet<string>;
  readonly nouns: ReadonlyMap<string, number>;
  readonly short: ReadonlySet<string>;
  readonly facts: readonly string[];
  /** Rough heap size: counted in each seat that holds it (see SeatMaterial.bytes). */
  readonly bytes: number;
}

/**
 * Contexts read, by their text. A table's seats each bring the same context, and each seat's
 * first request is among the first of a run: building its chain and tables once for the table
 * instead of once a seat is a share of every offline run's start. Held weakly: the seats that
 * use a context hold it (and count it), and it leaves with the last of them, wherever they are
 * kept; a context no seat holds any longer is read again.
 */
const contexts = new Map<string, WeakRef<ContextMaterial>>();
const forget = new FinalizationRegistry<string>((context) => {
  if (contexts.get(context)?.deref() === undefined) contexts.delete(context);
});
/** Contexts looked up at most (tables served at once): the texts themselves are the keys. */
const CONTEXTS_LIMIT = 16;

function contextMaterial(context: string): ContextMaterial {
  let material = contexts.get(context)?.deref();
  if (material === undefined) {
    const sentences = sentencesOf([context]);
    const chain = sentences.length > 0 ? new StaticChain(split(sentences)) : undefined;
    const runs = runSet([context]);
    const nouns = nounsOf([context]);
    const short = shortRuns([context]);
    const names = namesIn(sentences);
    const facts = factsOf(sentences).map((fact) => midSentence(fact, names));
    const bytes =
      256 +
      context.length * 4 +
      (chain?.bytes ?? 0) +
      (runs.size + short.size) * 100 +
      nouns.size * 60;
    material = { sentences, chain, runs, nouns, short, facts, bytes };
    if (contexts.size >= CONTEXTS_LIMIT && !contexts.has(context))
      contexts.delete(contexts.keys().next().value as string);
    contexts.set(context, new WeakRef(material));
    forget.register(material, context);
  }
  return material;
}

/** `base` with `extra`'s counts added (a copy: `base` is shared). */
function addCounts(
  base: ReadonlyMap<string, number>,
  extra: ReadonlyMap<string, number>,
): Map<string, number> {
  const sum = new Map(base);
  for (const [key, count] of extra) sum.set(key, (sum.get(key) ?? 0) + count);
  return sum;
}

type Sized = { readonly fixedBytes: number };

/**
 * Every table seat's material's prototype, with its size (an object literal with a getter is in
 * dictionary mode to V8, and composing reads a seat's fields thousands of times a reply). The
 * mix and the banks grow as the seat speaks: the seat cache measures it after each reply.
 */
const MEASURED = {
  get bytes(): number {
    const seat = this as unknown as SeatMaterial & Sized;
    return seat.fixedBytes + seat.mix.bytes + banksBytes(seat);
  },
};

export function seatMaterial(read: ReadRequest): SeatMaterial {
  const { table } = read;
  if (table === undefined) {
    const forbidden = runSet(read.systemTexts);
    return {
      mix: TALK_ONLY,
      nameWords: new Set(),
      forbidden,
      forbiddenWords: wordSet(read.systemTexts),
      persona: undefined,
      table: undefined,
      allowed: new Set(),
      concerns: new Set(),
      tableWords: tableWordsOf(''),
      nouns: new Map(),
      heads: new Map(),
      book: [],
      facts: [],
      knownShort: () => true,
      written: new Set(),
      bytes: 512 + forbidden.size * 100,
    };
  }
  const personaSentences = firstPerson(sentencesOf([table.persona]));
  const shared = contextMaterial(table.context);
  const persona =
    personaSentences.length > 0 ? new StaticChain(split(personaSentences)) : undefined;
  const context = shared.chain;
  const forbiddenTexts = [
    table.persona,
    table.instructions,
    table.roster,
    ...read.systemTexts.slice(1),
  ];
  const forbidden = runSet(forbiddenTexts);
  const forbiddenWords = wordSet(forbiddenTexts);
  const seats = [table.self, ...table.others];
  const allowed = new Set(shared.runs);
  for (const text of [
    ...seats.map((seat) => seat.fullName),
    ...seats.map((seat) => `${seat.name} (${seat.fullName})`),
  ])
    runsOf(normalWords(text), allowed);
  const concerns = new Set(normalWords(personaSentences.join(' ')).filter(isContentWord));
  const nouns = addCounts(shared.nouns, nounsOf(personaSentences));
  const evidence = nounEvidence(nouns);
  // The phrases of the context and the persona, read once for the heads and the book.
  const phrases = [table.context, ...personaSentences].flatMap((text) => phrasesOf(text, evidence));
  const heads = countHeads(phrases);
  const book = bookOf(phrases, evidence);
  const parts: MixPart[] = [{ chain: TALK, weight: 1 }];
  if (persona !== undefined) parts.push({ chain: persona, weight: 3 });
  if (context !== undefined) parts.push({ chain: context, weight: 2 });
  const mix = new StaticMix(parts);
  const fixedBytes =
    1024 +
    (persona?.bytes ?? 0) +
    shared.bytes +
    (forbidden.size + allowed.size + forbiddenWords.size) * 100 +
    concerns.size * 60 +
    (heads.size + nouns.size) * 60 +
    book.length * 120 +
    personaSentences.length * 200;
  const tableWords = tableWordsOf(table.context);
  const personaShort = shortRuns(personaSentences);
  const material: Omit<SeatMaterial, 'bytes'> & Sized = {
    mix,
    nameWords: nameWordsOf([table.self, ...table.others]),
    forbidden,
    forbiddenWords,
    persona: personaRuns(table.persona),
    table: { key: tableKey(read), name: table.self.name },
    allowed,
    concerns,
    tableWords,
    nouns,
    heads,
    book,
    facts: shared.facts,
    knownShort: (short) =>
      personaShort.has(short) || shared.short.has(short) || talkShort().has(short),
    written: new Set(personaSentences.map((sentence) => sentence.toLowerCase())),
    fixedBytes,
  };
  return Object.assign(Object.create(MEASURED) as { readonly bytes: number }, material);
}

/** Person-blind runs of RUN_WORDS - 1 words of the texts. */
function shortRuns(texts: readonly string[]): Set<string> {
  const runs = new Set<string>();
  for (const text of texts) {
    const words = personBlind(normalWords(text));
    for (let end = RUN_WORDS - 1; end <= words.length; end++)
      runs.add(words.slice(end - RUN_WORDS + 1, end).join(' '));
  }
  return runs;
}

let talkRuns: Set<string> | undefined;
/** The talk's and the fixed lines' short runs, read on first use (only requests in roundtable's layout need them). */
function talkShort(): Set<string> {
  talkRuns ??= shortRuns([...TALK_SENTENCES, ...fixedLineTexts()]);
  return talkRuns;
}

/** The table a request comes from: its context, instructions and the names seated. */
export function tableKey(read: ReadRequest): string {
  const { table } = read;
  if (table === undefined) return '';
  const names = [table.self.name, ...table.others.map((seat) => seat.name)].sort();
  return `${table.context}\u0000${table.instructions}\u0000${names.join('\u0000')}`;
}

/** The key a seat's material is cached under: its system message(s). */
export function seatKey(read: ReadRequest): string {
  return read.systemTexts.join('\u0000');
}
