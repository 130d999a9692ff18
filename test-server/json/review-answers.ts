// A peer review as a reviewer would write one (llm-council's: "Response A: …" labelled answers,
// then an evaluation and a ranking): the answers ranked by how well each fits the reviewer, and an
// evaluation that says of each, in that order, what it does well or leaves out.
import { mainPhrase } from '../model/main-phrase.js';
import type { Prepared } from '../model/prepare.js';
import { continuing } from '../model/sentence-form.js';
import { saidThat, toldStance } from '../model/summary-stances.js';
import { isContentWord, normalWords } from '../model/words.js';
import type { Random } from '../prng.js';
import { fitOf } from './leanings.js';
import { normal, POSITION_LINE } from './quoted-positions.js';

export interface Reviewed {
  readonly label: string;
  readonly text: string;
}

const RESPONSE = /(?:^|\n)Response ([A-Z]):[ \t]*\n/g;

/** The labelled answers a review request shows, in the order it shows them. */
export function reviewedIn(ask: string | undefined): Reviewed[] {
  if (ask === undefined) return [];
  const heads = [...ask.matchAll(RESPONSE)];
  return heads.map((head, k) => {
    const from = (head.index ?? 0) + head[0].length;
    const next = heads[k + 1]?.index ?? ask.length;
    // The answer is its first paragraph: the request's own instructions follow the last one.
    const text =
      ask
        .slice(from, next)
        .split(/\n[ \t]*\n/)[0]
        ?.trim() ?? '';
    return { label: head[1] as string, text };
  });
}

/** What the reviewer itself answered: its position on the question, its reason, its words. */
export interface OwnView {
  /** Its position (see quoted-positions normal), where its answer quotes one. */
  readonly position: string | undefined;
  /** Its position is one of the question's options ("trains"), not a sentence of its own. */
  readonly option: boolean;
  /** The reason it gave ("I would rather start small …"), as a sentence. */
  readonly reason: string | undefined;
  /** The content words of its answer, to find the answers that say what it said. */
  readonly words: ReadonlySet<string>;
}

const OWN_ANSWER = /(?:^|\n)Your own answer:[ \t]*\n([^\n]+)/;

/** The reviewer's own answer, as the review request gives it (src/engine/phases/review.ts). */
export function ownViewOf(prepared: Prepared): OwnView | undefined {
  const text = OWN_ANSWER.exec(prepared.read.ask ?? '')?.[1]?.trim();
  if (text === undefined || text === '') return undefined;
  const quoted = POSITION_LINE.exec(text);
  const reason = /\bBecause ([^.!?\n]+[.!?])/.exec(text)?.[1];
  return {
    position: quoted === null ? undefined : bare(quoted[2] as string),
    option: quoted !== null && isOption((quoted[2] as string).trim()),
    reason: reason === undefined ? undefined : continuing(capitalised(reason)),
    words: new Set(normalWords(text).filter(isContentWord)),
  };
}

const bare = (position: string) => normal(position).replace(/[.!]+$/u, '');

/** A position that is an option ("trains"), not a sentence of its own. */
const isOption = (position: string) => position.split(' ').length <= 4 && !/[.!?]$/.test(position);

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The answer argues for what the reviewer chose (both quote a position, the same one). */
function sharesView(answer: Reviewed, own: OwnView | undefined): boolean {
  if (own?.position === undefined) return false;
  const quoted = POSITION_LINE.exec(answer.text.trim());
  return quoted !== null && bare(quoted[2] as string) === own.position;
}

/** How much of what the reviewer said an answer says too (its content words). */
function echoOf(answer: Reviewed, own: OwnView | undefined): number {
  if (own === undefined) return 0;
  let shared = 0;
  for (const word of new Set(normalWords(answer.text).filter(isContentWord)))
    if (own.words.has(word)) shared++;
  return shared;
}

/** Arguing the reviewer's own position weighs above anything the answer's words fit. */
const SHARED_VIEW = 10;

/**
 * The answers best first: those arguing the reviewer's own position (where the request quotes its
 * answer), then by how well each fits the reviewer (see fitOf). Ranked by fit alone, a reviewer
 * for housing put an answer for trail first while another argued for housing (council, init
 * table, seeds 1-12: 16 of 35 reviewers with a like-minded answer to rank).
 */
export function rankReviewed(
  reviewed: readonly Reviewed[],
  prepared: Prepared,
  random: Random,
  own: OwnView | undefined = ownViewOf(prepared),
): Reviewed[] {
  return reviewed
    .map((answer) => ({
      answer,
      score:
        fitOf(prepared, answer.text, random) +
        (sharesView(answer, own) ? SHARED_VIEW : 0) +
        0.5 * echoOf(answer, own),
    }))
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.answer);
}

/** What an answer argues for, and the main phrase of its reason (each where it has one). */
interface Case {
  readonly label: string;
  readonly subject: string;
  /**
   * What a free-text answer argues, told of it ("it would rather start small", see
   * summary-stances.ts): its main phrase alone was a vague subject ("argues for the question",
   * "vague on the plan").
   */
  readonly claim: string | undefined;
  readonly reason: string | undefined;
  /** It argues the reviewer's own position. */
  readonly shares: boolean;
}

type Form = (c: Case) => string | undefined;

/** Forms for a free-text answer whose claim could be told: what it argues, then the verdict. */
const CLAIMED: Record<'best' | 'middle' | 'last', readonly ((c: Case, claim: string) => string)[]> =
  {
    best: [
      (c, claim) => `I put Response ${c.label} first: ${claim}, and it says why.`,
      (c, claim) => `Response ${c.label} convinced me most; ${claim}, with a reason I can check.`,
    ],
    middle: [
      (c, claim) => `Response ${c.label} has a point, ${claim}, but it leaves the risks unnamed.`,
      (c, claim) => `In Response ${c.label}, ${claim}, and it does not say who pays.`,
    ],
    last: [
      (c, claim) => `Response ${c.label} I rank last: ${claim}, with the least behind it.`,
      (c, claim) => `Response ${c.label} is the weakest; ${claim}, and it stops there.`,
    ],
  };

const BEST: readonly Form[] = [
  (c) =>
    c.reason &&
    `Response ${c.label} is the strongest: its case for ${c.subject} rests on ${c.reason}.`,
  (c) => `I put Response ${c.label} first; it argues for ${c.subject} and says why.`,
  (c) => `Response ${c.label} convinced me most, on ${c.subject}, with a reason I can check.`,
  (c) => c.reason && `Response ${c.label} is best: it goes to what this turns on, ${c.reason}.`,
];
const MIDDLE: readonly Form[] = [
  (c) => `Response ${c.label} makes a fair case for ${c.subject}, but it does not say who pays.`,
  (c) =>
    c.reason &&
    `Response ${c.label} is right to weigh ${c.reason}, though it stops short of a plan.`,
  (c) => `Response ${c.label} has a point on ${c.subject} and leaves the risks unnamed.`,
  (c) => c.reason && `Response ${c.label} names ${c.reason}, and then stops there.`,
];
const LAST: readonly Form[] = [
  (c) => `Response ${c.label} argues for ${c.subject} with the least behind it.`,
  (c) =>
    c.reason && `Response ${c.label} I rank last: ${c.reason} alone does not carry ${c.subject}.`,
  (c) => `Response ${c.label} is the weakest, vague on ${c.subject}.`,
  (c) => `Response ${c.label} asserts ${c.subject} more than it argues for it.`,
];

/** A position as roundtable quotes one: "<question> → <position> (80% sure). Because <reason>". */
const QUOTED = /(?:→\s*)?([^→]*?)\s*\((?:\d+% sure)[^)]*\)\.?\s*(?:Because\s+(.*))?$/su;

function caseOf(
  answer: Reviewed,
  phraseOf: (text: string) => string | undefined,
  own: OwnView | undefined,
): Case {
  const text = answer.text.slice(answer.text.lastIndexOf('→') + 1).trim();
  const quoted = QUOTED.exec(text);
  const position = (quoted?.[1] ?? text).trim().replace(/[.!?]+$/, '');
  const reasonText = quoted?.[2];
  const short = position.split(/\s+/).length <= 4;
  const subject = (short ? position : phraseOf(position)) || phraseOf(text) || 'the question';
  const reason = reasonText === undefined ? undefined : phraseOf(reasonText);
  const claim =
    short || quoted !== null
      ? undefined
      : (toldStance([text], 'it', () => false) ?? saidThat(text));
  return {
    label: answer.label,
    subject,
    claim,
    reason: reason === subject ? undefined : reason,
    shares: sharesView(answer, own),
  };
}

/**
 * One sentence an answer, best first, on what it argues for and why, so that the ranking that
 * follows reads as its conclusion.
 */
export function evaluationOf(
  ranked: readonly Reviewed[],
  phraseOf: (text: string) => string | undefined,
  random: Random,
  own?: OwnView,
): string {
  // The reviewer's own reason, said once: where it parts from an answer, in its own words.
  let reason = own?.reason;
  return ranked
    .map((answer, place) => {
      const c = caseOf(answer, phraseOf, own);
      if (c.shares && place === 0)
        return `Response ${c.label} is closest to my own view: it argues for ${c.subject}, as I do${c.reason === undefined ? '' : `, and it rests on ${c.reason}`}.`;
      // An option it did not choose, said where the reviewer parts from it, with its own reason.
      const chose = own?.position;
      if (
        place > 0 &&
        !c.shares &&
        reason !== undefined &&
        chose !== undefined &&
        isOption(chose)
      ) {
        const mine = reason;
        reason = undefined;
        return `Response ${c.label} argues for ${c.subject}; I chose ${chose}, because ${continuing(mine)}`;
      }
      const rank = place === 0 ? 'best' : place === ranked.length - 1 ? 'last' : 'middle';
      const claimed = CLAIMED[rank];
      if (c.claim !== undefined)
        return (claimed[Math.floor(random() * claimed.length)] ?? claimed[0])?.(c, c.claim);
      const forms = place === 0 ? BEST : place === ranked.length - 1 ? LAST : MIDDLE;
      const start = Math.floor(random() * forms.length);
      for (let k = 0; k < forms.length; k++) {
        const said = forms[(start + k) % forms.length]?.(c);
        if (said) return said;
      }
      return `Response ${c.label}: ${c.subject}.`;
    })
    .join(' ');
}

/** What a reviewer's answer reads from its request: the answers, ranked once, and their phrases. */
export class ReviewReading {
  private ranking: Reviewed[] | undefined;

  constructor(
    private readonly prepared: Prepared,
    private readonly random: Random,
  ) {}

  /** The answers the request shows, best first for this reviewer; none outside a review. */
  get ranked(): readonly Reviewed[] {
    this.ranking ??= rankReviewed(
      reviewedIn(this.prepared.read.ask),
      this.prepared,
      this.random,
      this.own,
    );
    return this.ranking;
  }

  /** The reviewer's own view, read once. */
  private get own(): OwnView | undefined {
    if (this.ownView === null) this.ownView = ownViewOf(this.prepared);
    return this.ownView;
  }
  private ownView: OwnView | undefined | null = null;

  evaluation(): string {
    return evaluationOf(this.ranked, (text) => this.phraseOf(text), this.random, this.own);
  }

  /** The labels ("A", "Response B") in the order the evaluation gave them, if all are labels. */
  order(values: readonly unknown[]): unknown[] | undefined {
    const labelOf = (value: unknown) =>
      typeof value === 'string' ? value.replace(/^response\s+/i, '').toUpperCase() : '';
    const order = this.ranked.map((answer) => answer.label);
    if (order.length === 0 || !values.every((value) => order.includes(labelOf(value))))
      return undefined;
    return [...values].sort((a, b) => order.indexOf(labelOf(a)) - order.indexOf(labelOf(b)));
  }

  private phraseOf(text: string): string | undefined {
    const { weightOf, nameWords, nouns } = this.prepared;
    const phrase = mainPhrase(text, weightOf, nameWords, nouns)?.text;
    // The answers have their authors' names replaced (review.ts): that is not their subject.
    return phrase === undefined || /participant/i.test(phrase) ? undefined : phrase;
  }
}
