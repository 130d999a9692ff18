// The closing summary: the topics the table went through, who stood for what (by name, from
// what each of them said most), where they met and where they did not, in the summarizer's voice.

import { countTokens } from '../tokens.js';
import { agreementLines, list } from './agreement.js';
import { isReason } from './clause.js';
import { shuffled } from './lines.js';
import { mainPhrase, mainPhraseOf } from './main-phrase.js';
import { type BookPhrase, bookOf, joinBooks, mentionsIn, repeatedOf } from './phrasebook.js';
import type { Phrase } from './phrases.js';
import { type Prepared, topicsOf } from './prepare.js';
import type { Unit } from './read-request.js';
import { continuing } from './sentence-form.js';
import { Speech } from './speech.js';
import { toldStance } from './summary-stances.js';
import type { ReplyText } from './turn.js';
import { topicPhrases, turnReadings } from './turn-reading.js';
import type { Voicing } from './voicing.js';
import { normalWords } from './words.js';

const OPENINGS = [
  'Thank you all.',
  'Thank you, everyone, for a lively discussion.',
  'Let me try to pull this together.',
];
const OVERVIEWS = [
  (topics: string) => `Tonight we talked about ${topics}.`,
  (topics: string) => `We covered ${topics}.`,
  (topics: string) => `We went through ${topics}.`,
];
const STANCES = [
  // Not "kept coming back to": the offline moderator says "Bring it back to the grant."
  'kept returning to',
  'spoke up for',
  'pressed us on',
  'made the case for',
  'worried most about',
  'wanted us to think about',
];
const CLOSINGS = [
  'That is where we stand tonight.',
  'Thank you for listening.',
  'Thank you all for your time.',
];

/** A phrase that is (part of) someone's name. */
function excluded(phrase: Phrase, names: ReadonlySet<string>): boolean {
  return phrase.text.split(/\s+/).some((word) => names.has(word.toLowerCase()));
}

export interface Stance {
  readonly speaker: string;
  readonly phrases: readonly string[];
}

interface Said {
  readonly speaker: string;
  readonly mentions: readonly BookPhrase[];
}

/**
 * What each seat's turns named, as the table's texts name it: the context, the summarizer's
 * persona, the topics, and phrases said in two turns or more (other seats' concerns).
 */
function mentionsBySpeaker(
  prepared: Prepared,
  exclude: ReadonlySet<string>,
): { said: Said[]; book: BookPhrase[]; heard: { speaker: string; text: string }[] } {
  const units = turnReadings(prepared, sampledTurns(prepared.view.chain.units, prepared.view.to));
  const book = joinBooks(
    prepared.seat.book,
    bookOf(
      topicsOf(prepared).flatMap((topic) => topicPhrases(prepared, topic)),
      prepared.nouns,
    ),
    repeatedOf(
      units.map((unit) => unit.phrases),
      prepared.nouns,
    ),
  ).filter((phrase) => !excluded(phrase, exclude));
  const said = units.map((unit) => ({
    speaker: unit.speaker,
    mentions: mentionsIn(unit.words, book),
  }));
  return { said, book, heard: units };
}

/**
 * Turns a summary reads of each seat at most: a long discussion's, spread over all of it. Eight
 * of a seat's fifty turns in a 200-turn discussion are one every seven or so, several a topic:
 * sixteen made the one summary request 16% of composing the whole replay.
 */
export const TURNS_READ = 8;

/**
 * The units before `to` that a summary reads: every moderator line, and of each seat's turns at
 * most TURNS_READ, evenly spaced from its first to its last. Reading every turn of a 200-turn
 * discussion (each for its phrases, its words and its support) was one request costing as much
 * as sixteen turns; a seat's stance shows as well in a sample spread over every topic.
 */
export function sampledTurns(units: readonly Unit[], to: number): Unit[] {
  const bySpeaker = new Map<string, number[]>();
  for (let i = 0; i < to; i++) {
    const unit = units[i] as Unit;
    if (unit.moderator || unit.speaker === undefined) continue;
    let at = bySpeaker.get(unit.speaker);
    if (at === undefined) {
      at = [];
      bySpeaker.set(unit.speaker, at);
    }
    at.push(i);
  }
  const kept = new Set<number>();
  for (const at of bySpeaker.values()) {
    if (at.length <= TURNS_READ) {
      for (const i of at) kept.add(i);
      continue;
    }
    for (let k = 0; k < TURNS_READ; k++)
      kept.add(at[Math.round((k * (at.length - 1)) / (TURNS_READ - 1))] as number);
  }
  return units
    .slice(0, to)
    .filter((unit, i) => unit.moderator || kept.has(i) || unit.speaker === undefined);
}

/** Same head, or one inside the other ("Larkhaven", "the Larkhaven Branch"). */
function overlaps(a: BookPhrase, b: BookPhrase): boolean {
  if (a.head === b.head) return true;
  const [short, long] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
  return short.every((word) => long.includes(word));
}

/** Each speaker's most characteristic phrases: frequent in their turns, rarer in the others'. */
function stances(said: readonly Said[], prepared: Prepared): Stance[] {
  const table = prepared.tableWords;
  const bySpeaker = new Map<string, Map<string, { count: number; phrase: BookPhrase }>>();
  const overall = new Map<string, number>();
  for (const { speaker, mentions } of said) {
    let counts = bySpeaker.get(speaker);
    if (counts === undefined) {
      counts = new Map();
      bySpeaker.set(speaker, counts);
    }
    for (const phrase of mentions) {
      const key = phrase.text.toLowerCase();
      const seen = counts.get(key);
      if (seen === undefined) counts.set(key, { count: 1, phrase });
      else seen.count++;
      overall.set(key, (overall.get(key) ?? 0) + 1);
    }
  }
  // Each phrase goes to the seat it is most characteristic of, two at most a seat, and no
  // phrase to two seats ("Margit wanted us to think about the grant, and I made the case for the
  // grant" says nothing of either); a seat left with none is said to have weighed in.
  const entries = [...bySpeaker].flatMap(([speaker, counts]) => {
    const score = (e: { count: number; phrase: BookPhrase }) =>
      (e.count / (1 + 0.5 * ((overall.get(e.phrase.text.toLowerCase()) ?? 0) - e.count))) *
      (1 + Math.min(3, prepared.weightOf(e.phrase.head)) + (table.has(e.phrase.head) ? 2 : 0)) *
      (e.phrase.key.length > 1 || e.phrase.proper ? 1.3 : 1);
    return [...counts.values()].map((entry) => ({
      speaker,
      phrase: entry.phrase,
      score: score(entry),
    }));
  });
  entries.sort((a, b) => b.score - a.score);
  const chosen = new Map<string, BookPhrase[]>([...bySpeaker.keys()].map((name) => [name, []]));
  const given: BookPhrase[] = [];
  for (const { speaker, phrase } of entries) {
    const own = chosen.get(speaker) ?? [];
    // Two different things: not "the viaduct and the Dene Viaduct".
    if (own.length === 2 || given.some((other) => overlaps(other, phrase))) continue;
    own.push(phrase);
    given.push(phrase);
  }
  const result: Stance[] = [...chosen].map(([speaker, phrases]) => ({
    speaker,
    phrases: phrases.map((phrase) => phrase.text),
  }));
  return result;
}

/** What each seat stood for in the turns the request shows: its most characteristic phrases. */
export function standsFor(prepared: Prepared): Stance[] {
  return stances(mentionsBySpeaker(prepared, prepared.nameWords).said, prepared).filter(
    (stance) => stance.phrases.length > 0,
  );
}

export function composeSummary(prepared: Prepared, voicing: Voicing): ReplyText {
  const { temperature, random } = voicing;
  const speech = new Speech(prepared, temperature, random, voicing.poolSeed);
  const self = prepared.self?.name;
  const exclude = prepared.nameWords;
  speech.acceptFirst(shuffled(OPENINGS, random));

  // Each topic by a phrase of its own: one the earlier topics did not already use.
  const topics: string[] = [];
  for (const topic of topicsOf(prepared)) {
    const used = new Set([...exclude, ...topics.map((phrase) => phrase.toLowerCase())]);
    const phrase = mainPhraseOf(topicPhrases(prepared, topic), prepared.weightOf, used)?.text;
    if (phrase !== undefined) topics.push(phrase);
  }
  const uniqueTopics = topics;
  let overview: string | undefined;
  if (uniqueTopics.length > 0) {
    const overviews = shuffled(OVERVIEWS, random).map((make) => make(list(uniqueTopics)));
    overview = speech.acceptFirst(overviews);
  }

  const { said, book, heard } = mentionsBySpeaker(prepared, exclude);
  const verbs = shuffled(STANCES, random);
  const found = stances(said, prepared);
  const clauses = found
    .filter((stance) => stance.phrases.length > 0)
    .map((stance, index) => {
      const who = stance.speaker === self ? 'I' : stance.speaker;
      const verb = verbs[index % verbs.length];
      // Shorter forms, for when the guard refuses the longer (its words would finish a run
      // it must not): every seat who spoke is still named.
      return [
        `${who} ${verb} ${list(stance.phrases)}`,
        `${who} ${verb} ${stance.phrases[0]}`,
        `${who} ${verbs[(index + 1) % verbs.length]} ${stance.phrases[0]}`,
      ];
    });
  const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  for (let i = 0; i < clauses.length; i += 2) {
    const [first, second] = [clauses[i] ?? [], clauses[i + 1]];
    if (second !== undefined && speech.accept(sentence(`${first[0]}, and ${second[0]}`))) continue;
    for (const forms of second === undefined ? [first] : [first, second])
      speech.acceptFirst(forms.map(sentence));
  }
  // Someone whose turns named nothing the table's texts name still spoke, and is named.
  // "Ines, Juno and I", not "I, Ines and Juno": the speaker names themself last.
  // Else told by a stance of its own turns ("Greta would rather start small").
  const table = prepared.tableWords;
  const about = (sentence: string) => normalWords(sentence).some((word) => table.has(word));
  const silent = found.filter((stance) => {
    if (stance.phrases.length > 0) return false;
    if (stance.speaker === self) return true;
    const texts = heard.filter((turn) => turn.speaker === stance.speaker).map((turn) => turn.text);
    const told = toldStance(texts, stance.speaker, about);
    return told === undefined || speech.accept(`${told}.`) === false;
  });
  const unplaced = [
    ...silent.filter((stance) => stance.speaker !== self).map((stance) => stance.speaker),
    ...(silent.some((stance) => stance.speaker === self) ? ['I'] : []),
  ];
  if (unplaced.length > 0) speech.accept(`${list(unplaced)} weighed in as well.`);
  const spokenNames = new Set(
    prepared.view.chain.units
      .slice(0, prepared.view.to)
      .flatMap((u) => (u.speaker === undefined ? [] : [u.speaker])),
  );
  const quiet = prepared.others.map((seat) => seat.name).filter((name) => !spokenNames.has(name));
  if (quiet.length > 0) speech.accept(`We did not hear much from ${list(quiet)}.`);

  const names = [prepared.self, ...prepared.others].flatMap((seat) =>
    seat === undefined ? [] : [seat.name],
  );
  const agreement = agreementLines({
    heard,
    book,
    names,
    self,
    stances: found,
    questionPhrase: (question) =>
      mainPhrase(question, prepared.weightOf, exclude, prepared.nouns)?.text,
  });
  for (const forms of agreement) speech.acceptFirst(forms);
  // A sentence of its own, in its own voice, that reads as written: a splice or a fragment after
  // "For my part," reads as a summary cut off mid-phrase ("For my part, there is getting.").
  // Not a fact of the case either ("For my part, the town has €3.1 million in reserves."), nor
  // a sentence that says nothing alone ("For my part, I would like us to look at it."): what
  // a closing reason may be (see isReason).
  const own = (said: string) => isReason(prepared, said);
  if (speech.sayWhole(prepared.topicWords, own) !== undefined)
    speech.rewriteLast((said) => `For my part, ${continuing(said)}`);
  speech.acceptFirst(shuffled(CLOSINGS, random));
  fitWithin(speech, voicing.maxTokens, overview);
  return { text: speech.text, more: speech.more, runsOn: false };
}

/**
 * A summary longer than max_tokens would be cut mid-sentence ("Ann and I agree on the town.
 * For"): it leaves out its last sentences instead (its own word, the closing line, then where the
 * table stood), keeping the opening, the topics and who stood for what, which come first.
 */
function fitWithin(speech: Speech, maxTokens: number | undefined, overview?: string): void {
  if (maxTokens === undefined) return;
  while (speech.parts.length > 2 && countTokens(speech.text) > maxTokens) {
    // Who spoke matters more than the list of topics: the list goes before a name would.
    const at = overview === undefined ? -1 : speech.parts.indexOf(overview);
    if (at > 0 && speech.namesSomeone(speech.parts.at(-1) ?? '')) speech.parts.splice(at, 1);
    else speech.withdrawLast();
  }
}
