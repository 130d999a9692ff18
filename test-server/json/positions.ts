// What a seat says when it states its position on a question: the position in a sentence of its
// own, and the reason after "Because". Both are quoted in the decision record and read on their
// own, so each must read as written (no splice), state something (no question, no lead-in) and
// be the seat's own view, not a fact of the case; a position must also be about its question.
import { hasVerb, isReason, isWritten, quotesContext, statesStance } from '../model/clause.js';
import { shuffled } from '../model/lines.js';
import { mainPhrase } from '../model/main-phrase.js';
import type { Prepared } from '../model/prepare.js';
import { continuing } from '../model/sentence-form.js';
import type { Speech } from '../model/speech.js';
import { TALK_SENTENCES } from '../model/talk.js';
import { ownTalk } from '../model/talk-shares.js';
import { isContentWord } from '../model/words.js';

/** A stance on a question's main phrase, when nothing walked answers it or all say the same. */
export const STANCES: readonly ((phrase: string) => string)[] = [
  (phrase) => `On ${phrase}, I would start small and see what works.`,
  (phrase) => `I want a costed plan for ${phrase} before anything else.`,
  (phrase) => `For ${phrase}, I would ask the people who use it first.`,
  (phrase) => `I would not rush ${phrase}; the running costs come first.`,
  (phrase) => `On ${phrase}, I would choose what we can afford to keep up.`,
];

/**
 * Words as written, a possessive or contraction kept whole: "the children's corner" is not about
 * "children" (normalWords splits at the apostrophe, so a position naming "my children" answered
 * a question on the children's corner).
 */
let writtenWord: RegExp | undefined;
/** Made on first use: V8 parses a pattern when it is made (\p{…} through ICU), used or not. */
const WRITTEN_WORD = () => (writtenWord ??= /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu);
const writtenWords = (text: string): string[] =>
  (text.toLowerCase().match(WRITTEN_WORD()) ?? []).map((word) => word.replaceAll('’', "'"));

/** A question's content words, names left out: what an answer to it is about. */
export function contentOf(question: string, nameWords: ReadonlySet<string>): ReadonlySet<string> {
  return new Set(writtenWords(question).filter((word) => isTopicWord(word, nameWords)));
}

/**
 * A contraction ("don't", "what's") is no more a topic than its parts; a possessive is when its
 * noun would be ("the children's corner", not "Ann's" or "it's"), and is kept whole.
 */
function isTopicWord(word: string, nameWords: ReadonlySet<string>): boolean {
  const apostrophe = word.indexOf("'");
  if (apostrophe === -1) return isContentWord(word) && !nameWords.has(word);
  const noun = word.slice(0, apostrophe);
  return word.slice(apostrophe) === "'s" && isContentWord(noun) && !nameWords.has(noun);
}

/**
 * What a question names when no phrase of it is known to be a thing (the seat's texts never use
 * its words as nouns): a proper name in it ("Eastgate"), else its longest content word.
 */
export function namedWord(question: string, about: ReadonlySet<string>): string | undefined {
  const words = question.split(/\s+/).slice(1);
  const proper = words.find(
    (word) => /^\p{Lu}\p{L}+$/u.test(word) && about.has(word.toLowerCase()),
  );
  if (proper !== undefined) return proper;
  // "the children's" names nothing: a possessive waits for its noun. Nor does a verb: in "What
  // becomes of the old depot?" the longest word is "becomes" ("On the becomes, …").
  const verbs = verbsOf(question);
  const longest = [...about]
    .filter((word) => !word.includes("'") && !verbs.has(word))
    .sort((a, b) => b.length - a.length)[0];
  return longest === undefined ? undefined : `the ${longest}`;
}

/** Words a verb stands after: a question word, a modal or auxiliary, a pronoun, "to". */
const BEFORE_VERB =
  /^(?:what|who|which|how|why|where|when|should|would|will|shall|can|could|must|may|might|do|does|did|to|we|they|it|i|you|he|she|that)$/;

/** The words of a question that stand where a verb does ("becomes" in "What becomes of …"). */
function verbsOf(question: string): Set<string> {
  const words = writtenWords(question);
  const verbs = new Set<string>();
  for (let i = 1; i < words.length; i++)
    if (BEFORE_VERB.test(words[i - 1] ?? '')) verbs.add(words[i] ?? '');
  return verbs;
}

/**
 * A sentence to follow "Because": not a splice ("we should leave room and fails the town"), a
 * question, a lead-in ("let me be blunt") or a fact of the case ("Because the town has €3.1
 * million in reserves"). Undefined when no walk or sentence of the talk is one.
 */
export function reasonOf(speech: Speech, prepared: Prepared): string | undefined {
  const given = reasonsGiven(prepared);
  return speech.sayWhole(
    prepared.topicWords,
    (said) =>
      isReason(prepared, said) &&
      !REMARK.test(said) &&
      !given.has(said.toLowerCase()) &&
      !inAnswer(speech, said),
  );
}

/**
 * A remark on the table and its talk, no reason for a position: "Dissent, Margit (housing):
 * Because I think the young people at this table see something the rest of us miss."
 */
const REMARK =
  /\b(?:at this table|the rest of us|so far I have heard|I will tell you why|let me give you)\b/i;

/**
 * The answer holds the sentence already, inside a position ("On Millford, my instinct is …"): a
 * seat gave one stance for four questions, then for a reason ("Because my instinct is …").
 */
function inAnswer(speech: Speech, sentence: string): boolean {
  const lower = continuing(sentence).toLowerCase().replace(/[.!]$/, '');
  return speech.parts.some((part) => part.toLowerCase().includes(lower));
}

const givenByState = new WeakMap<Prepared, ReadonlySet<string>>();

/**
 * The reasons the conversation has heard after "Because" (lower case): the positions it quotes
 * ("1 → trains (74% sure). Because I would rather …"). A seat that changed its mind gave the
 * same reason for both positions ("Because I would rather disappoint people now …" for trains,
 * then for trail), and a reason another seat gave earlier is that seat's, not this one's; the
 * conversation's record of what was said holds the quoted line, not the reason as a sentence.
 */
function reasonsGiven(prepared: Prepared): ReadonlySet<string> {
  let given = givenByState.get(prepared);
  if (given === undefined) {
    const reasons = new Set<string>();
    for (const unit of prepared.read.units) {
      if (unit.moderator || !unit.text.includes('Because ')) continue;
      for (const match of unit.text.matchAll(/\bBecause ([^.!?\n]+[.!?])/g))
        reasons.add((match[1] as string).toLowerCase());
    }
    given = reasons;
    givenByState.set(prepared, given);
  }
  return given;
}

/**
 * A position on `asked` (else the topic): a whole sentence holding one of its words ("the empty
 * station building" in "What should become of the empty station building?"), not a question
 * and not a fact of the case; else a plain stance on its main phrase.
 */
export function positionOf(
  speech: Speech,
  prepared: Prepared,
  asked: string | undefined = prepared.topic,
  /** Which of the answer's positions this is (0 for its first question). */
  nth = 0,
): string | undefined {
  const about = asked === undefined ? prepared.topicWords : contentOf(asked, prepared.nameWords);
  const answers = (said: string) =>
    about.size === 0 || writtenWords(said).some((word) => about.has(word));
  const said = speech.sayWhole(
    about,
    (sentence) =>
      !sentence.includes('?') &&
      hasVerb(sentence) &&
      isWritten(prepared, sentence) &&
      !quotesContext(prepared, sentence) &&
      answers(sentence),
  );
  if (asked === undefined) return said;
  // The talk has few sentences on any one question, and every seat finds the same one ("The
  // evening matters as much as the morning rush."): one seat a question keeps it, the others
  // take a stance (seats answer at once: which one is decided by its place at the table).
  const { place, seats } = seatPlace(prepared);
  const common = said !== undefined && TALK_SENTENCES.includes(said);
  if (said !== undefined && !(common && (place + nth) % seats !== 0)) return said;
  const phrase =
    mainPhrase(asked, prepared.weightOf, prepared.nameWords, prepared.nouns)?.text ??
    namedWord(asked, about);
  if (phrase === undefined) return said;
  if (said !== undefined) speech.withdrawLast();
  // The seats answer at once and the stances are few: each seat of the table first tries one no
  // other seat tries first on this question ("I want a costed plan for the Dene Viaduct before
  // anything else." from two seats of a debate's closing, word for word).
  // Which stance a place takes turns from run to run: before, a seat closed every run with the
  // same one ("For the Dene Viaduct, I would ask the people who use it first." from Margit).
  const own = STANCES[(place + nth + speech.runOffset(STANCES.length)) % STANCES.length];
  const order = shuffled(STANCES, speech.random).filter((stance) => stance !== own);
  const stances = [...(own === undefined ? [] : [own]), ...order].map((stance) => stance(phrase));
  // First a stance of the seat's own share of the talk, on the question's phrase: the templates
  // are five for every seat, and a 40-turn run's closing (four free questions) had two seats say
  // one template in every run ("I would not rush Millford; …", then "… the empty station building").
  const mine = ownStances(speech, prepared, phrase, about, place + nth);
  return speech.acceptFirst(
    said === undefined ? [...mine, ...stances] : [...mine, ...stances, said],
  );
}

/** A first-person stance of the talk, short enough to follow "On the Dene Viaduct, ". */
const STANCE_OPENING =
  /^(?:I would|I want|I think we should|We should|We could|We need|My instinct|Let us)\b[^?;:]*\.$/;
const LEADS = ['On', 'For', 'As for'];

/**
 * Positions in the seat's own words on `phrase`: its share of the talk's stances (see
 * talk-shares.ts: no other seat of the table may say one), those not heard tonight and on the
 * question first, led by the phrase ("On the Dene Viaduct, I would start with the cheapest step
 * that keeps every option alive.").
 */
function ownStances(
  speech: Speech,
  prepared: Prepared,
  phrase: string,
  about: ReadonlySet<string>,
  /** Which lead it takes ("On", "For", "As for"): seats answering one question differ. */
  turn: number,
): string[] {
  const given = reasonsGiven(prepared);
  const scored = shuffled(ownTalk(prepared), speech.random)
    .filter(
      (sentence) =>
        STANCE_OPENING.test(sentence) &&
        sentence.split(' ').length <= 16 &&
        !given.has(sentence.toLowerCase()) &&
        !inAnswer(speech, sentence) &&
        statesStance(prepared, sentence),
    )
    .map((sentence) => ({
      sentence,
      score:
        (prepared.view.alreadySaid(sentence.toLowerCase()) ? 0 : 2) +
        writtenWords(sentence).filter((word) => about.has(word)).length +
        // A share of the talk's 747 sentences holds one with more of the question's words
        // than the rest, which a seat then closed every run with: near ones take turns.
        1.5 * speech.random(),
    }));
  scored.sort((a, b) => b.score - a.score);
  const lead = LEADS[turn % LEADS.length] as string;
  return scored.map(({ sentence }) => `${lead} ${phrase}, ${continuing(sentence)}`);
}

/** The seat's place among the table's seats, by name (the same at every seat), and how many. */
function seatPlace(prepared: Prepared): { place: number; seats: number } {
  const self = prepared.self?.name;
  if (self === undefined) return { place: 0, seats: 1 };
  const names = [self, ...prepared.others.map((seat) => seat.name)].sort();
  return { place: names.indexOf(self), seats: names.length };
}
