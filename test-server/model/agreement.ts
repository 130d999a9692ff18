// Where the table agreed, as a summary may say it: only what the discussion shows. A phrase
// everyone mentioned is no agreement (every seat quotes the question, "the walking and cycling
// trail" among its options); what counts is a closing position that seats chose alike, or turns
// in which two seats or more spoke for the same thing ("I agree with Tomasz about the track",
// "we should build the trail"). Otherwise the summary names the differing views.
import { hasPhrase } from './grammar-words.js';
import type { BookPhrase } from './phrasebook.js';
import { mentionsIn } from './phrasebook.js';
import { sentencesOf } from './sentences.js';
import { normalWords } from './words.js';

/** A seat's turn (or closing answers) as the summarizer heard it. */
export interface Heard {
  readonly speaker: string;
  readonly text: string;
  /** Its sentences that speak for something (backingOf its text), when kept with the turn. */
  readonly backing?: readonly Backing[] | undefined;
}

/** A closing answer that picked one of a question's options. */
export interface Choice {
  readonly speaker: string;
  readonly question: string;
  readonly option: string;
}

/** "Question? → option (80% sure; I changed my mind). Because …", one a line. */
const POSITION = /^(.+?) → (.+?) \(\d+% sure[^)\n]*\)/;
/** An option is a label ("trail", "rural-connectivity grant"), not a sentence. */
const OPTION = /^[^.!?]{1,60}$/;

/** The closing answers that chose an option, by seat and question. */
export function choicesOf(heard: readonly Heard[]): Choice[] {
  const choices: Choice[] = [];
  for (const { speaker, text } of heard) {
    // Most turns answer no closing question: no line of theirs has the arrow.
    if (!text.includes(' → ')) continue;
    for (const line of text.split('\n')) {
      const found = POSITION.exec(line.trim());
      if (found === null) continue;
      const [, question = '', option = ''] = found;
      if (OPTION.test(option) && option.split(' ').length <= 5)
        choices.push({ speaker, question, option });
    }
  }
  return choices;
}

/**
 * The choices by question: each seat's last on each (a debate's closing statement, not its
 * opening one), in the order they were given.
 */
export function choicesByQuestion(heard: readonly Heard[]): Map<string, Choice[]> {
  const last = new Map<string, Choice>();
  for (const choice of choicesOf(heard)) {
    const key = `${choice.speaker}\u0000${choice.question}`;
    last.delete(key);
    last.set(key, choice);
  }
  const byQuestion = new Map<string, Choice[]>();
  for (const choice of last.values())
    byQuestion.set(choice.question, [...(byQuestion.get(choice.question) ?? []), choice]);
  return byQuestion;
}

/** A question's options with the seats that chose each, most chosen first. */
export function rankedOptions(choices: readonly Choice[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const { option, speaker } of choices)
    groups.set(option, [...(groups.get(option) ?? []), speaker]);
  return [...groups].sort((a, b) => b[1].length - a[1].length);
}

/**
 * Saying so: support, in a sentence that is not a question and has no negation. FOR's phrases
 * are /\b(?:i agree with|is right about|i (?:would |will |can |could )?(?:back|…|argue for)|i am
 * (?:in favour of|all for)|we should)\b/i read by phrase (grammar-words.ts): that pattern cost
 * ~3 M instructions to compile at the summary.
 */
export const FOR = ['', 'would ', 'will ', 'can ', 'could '].flatMap((modal) =>
  'back,support,favour,favor,prefer,choose,vote for,lean towards,argue for'
    .split(',')
    .map((verb) => `i ${modal}${verb}`),
);
FOR.push('i agree with', 'is right about', 'i am in favour of', 'i am all for', 'we should');
const NEGATION = /\b(?:not|never|no|nor|against|cannot)\b|n['’]t\b/i;
/** "I agree with Tomasz about …", "Tomasz is right about …": Tomasz stood for it too. */
let withPattern: RegExp | undefined;
/** Made on first use too: V8 parses a pattern when it is made (\p{L} under iu through ICU). */
const WITH = () =>
  (withPattern ??= /\b(?:i agree with (\p{L}+) about|(\p{L}+) is right about)\b/iu);

/**
 * Whether WITH can match: its words stand in `sentence`, in any case. V8 compiles a pattern at its
 * first use, and WITH (\p{L} closed under case folding) cost ~9.5 M instructions of an offline
 * run that never named anyone so. Under `iu` only ASCII letters match these words' letters (of
 * the characters outside ASCII, only K and ſ fold into it, to k and s, which they lack), so the
 * lower-cased sentence holds them wherever WITH matches.
 */
function mayName(sentence: string): boolean {
  const lower = sentence.toLowerCase();
  return lower.includes('agree with') || lower.includes('right about');
}

/** A sentence of a turn that speaks for something: its normal words, and whom it agrees with. */
export interface Backing {
  readonly words: readonly string[];
  /** "I agree with Tomasz about …", "Tomasz is right about …": the name as written, or ''. */
  readonly with: string;
}

/** The sentences of a turn that speak for something (see supportOf); none in closing answers. */
export function backingOf(text: string): Backing[] {
  const found: Backing[] = [];
  if (text.includes(' → ')) return found;
  for (const sentence of sentencesOf([text])) {
    if (sentence.endsWith('?') || !hasPhrase(sentence, FOR) || NEGATION.test(sentence)) continue;
    const match = mayName(sentence) ? WITH().exec(sentence) : null;
    found.push({ words: normalWords(sentence), with: match?.[1] ?? match?.[2] ?? '' });
  }
  return found;
}

/** Each phrase of the book that seats spoke for, with who did (seat names as given). */
export function supportOf(
  heard: readonly Heard[],
  book: readonly BookPhrase[],
  names: readonly string[],
): Map<string, { readonly text: string; readonly speakers: Set<string> }> {
  const support = new Map<string, { text: string; speakers: Set<string> }>();
  for (const { speaker, text, backing } of heard) {
    for (const sentence of backing ?? backingOf(text)) {
      const other = names.find((name) => name.toLowerCase() === sentence.with.toLowerCase());
      for (const phrase of mentionsIn(sentence.words, book)) {
        const key = phrase.text.toLowerCase();
        const entry = support.get(key) ?? { text: phrase.text, speakers: new Set<string>() };
        entry.speakers.add(speaker);
        if (other !== undefined && other !== speaker) entry.speakers.add(other);
        support.set(key, entry);
      }
    }
  }
  return support;
}

export interface AgreementInput {
  readonly heard: readonly Heard[];
  readonly book: readonly BookPhrase[];
  /** Every seat's name. */
  readonly names: readonly string[];
  /** The summarizer's name: it says "I". */
  readonly self: string | undefined;
  /** What each seat stood for, most characteristic first (see summary.ts). */
  readonly stances: readonly { readonly speaker: string; readonly phrases: readonly string[] }[];
  /** A short name for a question ("the Larkhaven Branch"). */
  readonly questionPhrase: (question: string) => string | undefined;
}

export function list(items: readonly string[], and = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** Names as a list, the speaker as "I" and last: "Margit and I", never "I and Margit". */
export function peopleList(names: Iterable<string>, self: string | undefined): string {
  return list(
    [...names]
      .sort((a, b) => Number(a === self) - Number(b === self))
      .map((name) => (name === self ? 'I' : name)),
  );
}

/**
 * A side with its verb: "Tomasz and Juno are for trains", "I am for trail" ("I for trail" drops
 * the verb where a reader hears it missing).
 */
export function sideFor(names: readonly string[], label: string, self: string | undefined): string {
  const be = names.length > 1 ? 'are' : names[0] === self ? 'am' : 'is';
  return `${peopleList(names, self)} ${be} for ${theOption(label)}`;
}

/** The question offers `phrase` (lower case) as one of its alternatives: "X or Y", "or X". */
function offers(question: string, phrase: string): boolean {
  const text = question.toLowerCase();
  return (
    text.includes(`${phrase} or `) ||
    new RegExp(`\\bor (?:the |a |an )?${escaped(phrase)}\\b`).test(text)
  );
}

const escaped = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/**
 * An option as a sentence names it: "the rural-connectivity grant" (a label of two words or
 * more is one thing), "trains" and "housing" as they are.
 */
export function theOption(label: string): string {
  return /\s/.test(label.trim()) && !/^(?:the|a|an|our|their|no)\s/i.test(label)
    ? `the ${label}`
    : label;
}

/**
 * What the summary may say of agreement: each entry a sentence, with shorter alternatives
 * (the run guard may refuse one). Agreement only where seats chose or spoke alike; where they
 * did not, who stood where.
 */
export function agreementLines(input: AgreementInput): string[][] {
  const who = (name: string) => (name === input.self ? 'I' : name);
  const people = (names: Iterable<string>) => peopleList(names, input.self);
  const lines: string[][] = [];

  const byQuestion = choicesByQuestion(input.heard);
  let agreed: string[] | undefined;
  let split: string[] | undefined;
  for (const [question, choices] of byQuestion) {
    if (choices.length < 2) continue;
    const ranked = rankedOptions(choices);
    const [top, runnerUp] = ranked;
    if (top === undefined) continue;
    const options = ranked.map(([label]) => label.toLowerCase());
    const about = input.questionPhrase(question);
    const bare = about?.toLowerCase().replace(/^(?:the|our) /, '');
    // "On the active-travel grant, …" would name an option as if it were the question: one
    // chosen, or one the question offers ("… the active-travel grant or the rural-connectivity
    // grant …": "On the active-travel grant, we all chose the rural-connectivity grant.").
    const named =
      bare !== undefined &&
      !options.some((label) => label.includes(bare) || bare.includes(label)) &&
      !offers(question, bare);
    const on = (text: string) =>
      named ? `On ${about}, ${text}` : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    const [option, chose] = top;
    if (chose.length * 2 > choices.length && chose.length >= 2 && agreed === undefined) {
      const rest = choices.filter((c) => !chose.includes(c.speaker)).map((c) => c.speaker);
      const others = ranked.slice(1).map(([label]) => label);
      const over = others.length === 0 ? '' : ` over ${list(others.map(theOption), 'or')}`;
      agreed = [
        rest.length === 0
          ? on(`we all chose ${theOption(option)}.`)
          : on(`${people(chose)} chose ${theOption(option)}${over}, and ${people(rest)} did not.`),
        on(`most of us chose ${theOption(option)}.`),
      ];
    } else if (
      runnerUp !== undefined &&
      chose.length * 2 <= choices.length &&
      split === undefined
    ) {
      const sides = ranked.map(([label, names]) => sideFor(names, label, input.self));
      // Not a bare "We did not agree." after "we all chose trains" on another question.
      const between = `We were split between ${list(ranked.map(([label]) => theOption(label)))}.`;
      split = [on(`we are split: ${sides.join('; ')}.`), named ? on('we did not agree.') : between];
    }
  }
  if (agreed !== undefined) lines.push(agreed);

  if (byQuestion.size === 0) {
    const backed = [...supportOf(input.heard, input.book, input.names).values()]
      .filter((entry) => entry.speakers.size >= 2)
      .sort((a, b) => b.speakers.size - a.speakers.size);
    const best = backed[0];
    if (best !== undefined) {
      lines.push([
        `${people(best.speakers)} agree on ${best.text}.`,
        `There is common ground on ${best.text}.`,
      ]);
    }
  }
  if (split !== undefined) {
    lines.push(split);
  } else {
    // Two seats who put different things first: the views the summary must not paper over.
    const firsts = input.stances.flatMap((stance) =>
      stance.phrases[0] === undefined
        ? []
        : [{ speaker: stance.speaker, first: stance.phrases[0] }],
    );
    const a = firsts[0];
    const b = firsts.find((other) => other.first.toLowerCase() !== a?.first.toLowerCase());
    if (a !== undefined && b !== undefined) {
      const puts = (name: string) => (name === input.self ? 'put' : 'puts');
      lines.push([
        // Not "…, I Larkhaven.": the second clause keeps its verb too.
        `We still differ: ${who(a.speaker)} ${puts(a.speaker)} ${a.first} first, while ${who(b.speaker)} ${puts(b.speaker)} ${b.first} first.`,
        `We still differ on ${a.first} and ${b.first}.`,
      ]);
    }
  }
  if (lines.length === 0) lines.push(['We did not come to an agreement tonight.']);
  return lines;
}
