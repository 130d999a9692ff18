// What a seat stood for, in the summary, when none of the table's phrases is characteristic of
// it: a stance of its own turns told in the third person ("Greta would rather start small",
// "Kofi thinks we should ask the people who use it"). At a library panel a summary named one or
// two of five seats by a phrase and said of the rest only that they "weighed in as well".
import { WRAP_UPS } from './lines.js';

/** Openings a stance is told by, first person to third ("I would" to "Greta would"). */
const TOLD: readonly [RegExp, (who: string) => string][] = [
  [/^I think (?=we |the |it |people |there |this |that |a |an )/, (who) => `${who} thinks `],
  [/^I would rather /, (who) => `${who} would rather `],
  [/^I would (?!like to hear|like to come back|like to thank)/, (who) => `${who} would `],
  [/^I want /, (who) => `${who} wants `],
  [/^I support /, (who) => `${who} supports `],
  [/^I lean towards /, (who) => `${who} leans towards `],
  [/^I can (?=support|accept|live with|see a way)/, (who) => `${who} can `],
  [
    /^I am (?=in favour|against|firmly|not against|open to|hopeful|optimistic|persuaded)/,
    (who) => `${who} is `,
  ],
  [/^I have (?=seen|learned|watched|made|changed|met|sat|lived)/, (who) => `${who} has `],
  [/^I (?=learned|changed|started|came|once)/, (who) => `${who} `],
  [/^I do not (?=want|think|see|mind|need|trust)/, (who) => `${who} does not `],
  [/^I hear /, (who) => `${who} hears `],
  [/^I hope /, (who) => `${who} hopes `],
  [/^I worry (?=that|about)/, (who) => `${who} worries `],
  [/^I trust /, (who) => `${who} trusts `],
  [/^I suggest /, (who) => `${who} suggests `],
  [/^We should /, (who) => `${who} thinks we should `],
  [/^We need /, (who) => `${who} thinks we need `],
  [/^We could /, (who) => `${who} thinks we could `],
  [/^Let us (?!be |not )/, (who) => `${who} wants us to `],
];

/** Words that, left in a stance told of someone else, would speak for the summarizer. */
const FIRST_OR_SECOND = /\b(?:I|me|my|mine|myself|you|your)\b/;

/** A stance ending on a word that points back: alone, it says nothing. */
const POINTS_BACK = /\b(?:it|that|this|them|these|those|so)\s*$/;

/**
 * Where a told stance stops: its first clause is the stance, what follows qualifies it. A comma
 * ends the clause only before a word that opens another ("…small, and see"; "…cost, we"): a
 * comma inside a phrase ("how much a warm, quiet room means") cut there told half a phrase.
 */
const CLAUSE_END =
  /[;:]| because | but | if | so that |, (?=(?:and|but|or|so|because|while|though|although|which|as|when|if|since|unless|then|not|we|they|it|I|you|he|she|there|this|that)\b)/;

/** A sentence of `text` told of `who` (a seat's name), or undefined when none tells well. */
function toldOf(sentence: string, who: string): string | undefined {
  let said = sentence.trim();
  for (const lead of WRAP_UPS)
    if (said.startsWith(lead)) said = said.slice(lead.length).replace(/^./, (c) => c.toUpperCase());
  if (!said.endsWith('.') || said.includes('?') || said.includes('"')) return undefined;
  for (const [opening, teller] of TOLD) {
    const match = opening.exec(said);
    if (match === null) continue;
    let rest = said.slice(match[0].length, -1);
    const end = CLAUSE_END.exec(rest);
    if (end !== null) rest = rest.slice(0, end.index);
    const words = rest.trim().split(/\s+/);
    // Nor a short one whose last word points back at what was said before it ("Kofi can live
    // with that"); in a longer one it points inside ("… as good as the people running it").
    if (
      words.length < 2 ||
      words.length > 16 ||
      FIRST_OR_SECOND.test(rest) ||
      (words.length <= 5 && POINTS_BACK.test(rest))
    )
      return undefined;
    return `${teller(who)}${rest.trim()}`;
  }
  return undefined;
}

/**
 * What `speaker` stood for, told in the third person from its turns (`texts`, in order): the
 * latest stance that tells well (where it ended up), one on the table's words (`about`) first.
 */
export function toldStance(
  texts: readonly string[],
  who: string,
  about: (sentence: string) => boolean,
): string | undefined {
  let fallback: string | undefined;
  for (let t = texts.length - 1; t >= 0; t--) {
    const sentences = (texts[t] as string).split(/(?<=[.!?])\s+/);
    for (let s = sentences.length - 1; s >= 0; s--) {
      const told = toldOf(sentences[s] as string, who);
      if (told === undefined) continue;
      if (about(sentences[s] as string)) return told;
      fallback ??= told;
    }
  }
  return fallback;
}

/** Openings of a sentence that leans on the one before it, or only introduces its speaker. */
const LEANS = /^(?:That|This|These|Those|So|Yes|Part|And|But|My name|I'm|Hello|Good evening)\b/;

/**
 * What an answer says, for a review that can tell no stance of it: its latest sentence that
 * reads alone and speaks for nobody in particular, as "it says that …" takes it ("it says that
 * the plan has to survive the first winter").
 */
export function saidThat(text: string): string | undefined {
  const sentences = text.split(/(?<=[.!?])\s+/);
  for (let s = sentences.length - 1; s >= 0; s--) {
    const sentence = (sentences[s] as string).trim();
    const words = sentence.split(/\s+/);
    if (!sentence.endsWith('.') || LEANS.test(sentence) || FIRST_OR_SECOND.test(sentence)) continue;
    if (words.length < 4 || words.length > 16 || sentence.includes('"')) continue;
    return `it says that ${sentence.charAt(0).toLowerCase()}${sentence.slice(1, -1)}`;
  }
  return undefined;
}
