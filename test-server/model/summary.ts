// The closing summary: the topics the table went through, who stood for what (by name, from
// what each of them said most), where they met and where they did not, in the summarizer's voice.
import { shuffled } from './lines.js';
import { mainPhrase, type Phrase, phrasesOf } from './phrases.js';
import { type Prepared, topicsOf } from './prepare.js';
import { continuing, Speech } from './speech.js';
import type { ReplyText } from './turn.js';
import type { Voicing } from './voicing.js';

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
  'kept coming back to',
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

export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A phrase that is (part of) someone's name. */
function excluded(phrase: Phrase, names: ReadonlySet<string>): boolean {
  return phrase.text.split(/\s+/).some((word) => names.has(word.toLowerCase()));
}

interface Stance {
  readonly speaker: string;
  readonly phrases: readonly string[];
}

/** Each speaker's most characteristic phrases: frequent in their turns, rarer in the others'. */
function stances(prepared: Prepared, exclude: ReadonlySet<string>): Stance[] {
  const table = prepared.tableWords;
  const bySpeaker = new Map<string, Map<string, { count: number; phrase: Phrase }>>();
  const overall = new Map<string, number>();
  for (const unit of prepared.view.chain.units.slice(0, prepared.view.to)) {
    if (unit.moderator || unit.speaker === undefined) continue;
    let heads = bySpeaker.get(unit.speaker);
    if (heads === undefined) {
      heads = new Map();
      bySpeaker.set(unit.speaker, heads);
    }
    for (const phrase of phrasesOf(unit.text, prepared.nouns)) {
      if (excluded(phrase, exclude)) continue;
      const seen = heads.get(phrase.head);
      if (seen === undefined) heads.set(phrase.head, { count: 1, phrase });
      else seen.count++;
      overall.set(phrase.head, (overall.get(phrase.head) ?? 0) + 1);
    }
  }
  const result: Stance[] = [];
  for (const [speaker, heads] of bySpeaker) {
    const score = (e: { count: number; phrase: Phrase }) =>
      (e.count / (1 + 0.5 * ((overall.get(e.phrase.head) ?? 0) - e.count))) *
      (1 + Math.min(3, prepared.weightOf(e.phrase.head)) + (table.has(e.phrase.head) ? 2 : 0));
    const ranked = [...heads.values()].sort((a, b) => score(b) - score(a));
    result.push({ speaker, phrases: ranked.slice(0, 2).map((entry) => entry.phrase.text) });
  }
  return result;
}

/** The heads most speakers used: where the table met. */
function shared(prepared: Prepared, exclude: ReadonlySet<string>): string[] {
  const speakersOf = new Map<string, { speakers: Set<string>; text: string }>();
  for (const unit of prepared.view.chain.units.slice(0, prepared.view.to)) {
    if (unit.moderator || unit.speaker === undefined) continue;
    for (const phrase of phrasesOf(unit.text, prepared.nouns)) {
      if (excluded(phrase, exclude)) continue;
      const entry = speakersOf.get(phrase.head) ?? { speakers: new Set(), text: phrase.text };
      entry.speakers.add(unit.speaker);
      speakersOf.set(phrase.head, entry);
    }
  }
  return [...speakersOf.entries()]
    .filter(([head, entry]) => entry.speakers.size >= 2 && prepared.tableWords.has(head))
    .map(([, entry]) => entry)
    .sort((a, b) => b.speakers.size - a.speakers.size)
    .map((entry) => entry.text);
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
    const phrase = mainPhrase(topic, prepared.weightOf, used, prepared.nouns)?.text;
    if (phrase !== undefined) topics.push(phrase);
  }
  const uniqueTopics = topics;
  if (uniqueTopics.length > 0) {
    const overview = shuffled(OVERVIEWS, random).map((make) => make(list(uniqueTopics)));
    speech.acceptFirst(overview);
  }

  const verbs = shuffled(STANCES, random);
  const clauses = stances(prepared, exclude)
    .filter((stance) => stance.phrases.length > 0)
    .map((stance, index) => {
      const who = stance.speaker === self ? 'I' : stance.speaker;
      return `${who} ${verbs[index % verbs.length]} ${list(stance.phrases)}`;
    });
  for (let i = 0; i < clauses.length; i += 2) {
    const pair = clauses.slice(i, i + 2);
    const sentence = pair.length === 2 ? `${pair[0]}, and ${pair[1]}.` : `${pair[0]}.`;
    speech.accept(sentence.charAt(0).toUpperCase() + sentence.slice(1));
  }
  const spokenNames = new Set(
    prepared.view.chain.units
      .slice(0, prepared.view.to)
      .flatMap((u) => (u.speaker === undefined ? [] : [u.speaker])),
  );
  const quiet = prepared.others.map((seat) => seat.name).filter((name) => !spokenNames.has(name));
  if (quiet.length > 0) speech.accept(`We did not hear much from ${list(quiet)}.`);

  const common = shared(prepared, exclude);
  const [agreed, contested] = [common[0], common[1] ?? topics[0]];
  if (agreed !== undefined && contested !== undefined && agreed !== contested) {
    speech.acceptFirst([
      `We seem to agree on ${agreed}, and we still differ on ${contested}.`,
      `There is common ground on ${agreed}, less so on ${contested}.`,
    ]);
  }
  const own = speech.generate(prepared.topicWords)?.sentence;
  if (own !== undefined) speech.accept(`For my part, ${continuing(own)}`) || speech.accept(own);
  speech.acceptFirst(shuffled(CLOSINGS, random));
  return { text: speech.text, more: speech.more, runsOn: false };
}
