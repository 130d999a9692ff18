import type { Random } from '../prng.js';
import { quadsOf } from './chain/source.js';
import { Walker } from './chain/walker.js';
import { FALLBACKS, shuffled } from './lines.js';
import type { Prepared } from './prepare.js';
import { TALK_SENTENCES } from './talk.js';
import { isContentWord, namePattern, normalWords, RUN_WORDS, STOPWORDS } from './words.js';

/** Sentences generated for each one a reply keeps; the best on point and fresh wins. */
const CANDIDATES = 4;
/** More walks allowed while none of the candidates reads well yet. */
const MORE_CANDIDATES = 6;

/** "the viaduct is …" → "The viaduct is …"; a closing mark where the walk left none. */
export function tidy(words: readonly string[]): string {
  let text = words.join(' ').replace(/[,;:–—-]+$/u, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    if (text.split(open).length !== text.split(close).length)
      text = text.replaceAll(open, '').replaceAll(close, '');
  }
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) text = text.replaceAll('"', '');
  if ((text.match(/[“”]/g)?.length ?? 0) % 2 === 1) text = text.replace(/[“”]/g, '');
  text = text.trim();
  if (!/[.!?…]["'”’)\]]*$/u.test(text)) text += '.';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases a sentence's first word to follow a lead-in, unless it is "I" or a name. */
export function continuing(sentence: string): string {
  const first = /^[\p{L}'’]+/u.exec(sentence)?.[0] ?? '';
  if (first === 'I' || /^I['’]/.test(first)) return sentence;
  return STOPWORDS.has(first.toLowerCase())
    ? sentence.charAt(0).toLowerCase() + sentence.slice(1)
    : sentence;
}

/** How a sentence opens: its first two words, in lower case. */
function opening(words: readonly string[]): string {
  return words.slice(0, 2).join(' ').toLowerCase();
}

/**
 * One reply being written: its sentences so far and the walker that adds more. Every sentence,
 * generated or fixed, goes through `accept`, which refuses one that would recite a forbidden
 * run across the boundary with what came before.
 */
export class Speech {
  readonly walker: Walker;
  readonly parts: string[] = [];
  private normal: string[] = [];
  /** Four-word stretches of this reply so far, and how its sentences open. */
  private readonly ownQuads = new Set<string>();
  private readonly openings = new Set<string>();
  private readonly names: RegExp | undefined;

  constructor(
    readonly prepared: Prepared,
    readonly temperature: number,
    readonly random: Random,
  ) {
    this.walker = new Walker(prepared.walk, temperature, random, prepared.guard);
    const seats = [prepared.self, ...prepared.others].filter((seat) => seat !== undefined);
    const names = seats.map((seat) => seat.name).filter((name) => name !== '');
    this.names = names.length === 0 ? undefined : namePattern(names);
  }

  get text(): string {
    return this.parts.join(' ');
  }

  /** Whether `sentence` (its normal words) may follow what was said so far. */
  fits(sentence: string, normal: readonly string[] = normalWords(sentence)): boolean {
    return this.prepared.guard.firstForbidden(normal, this.normal) === undefined;
  }

  /** Adds the sentence if it fits; returns whether it did. */
  accept(sentence: string, normal: readonly string[] = normalWords(sentence)): boolean {
    if (!this.fits(sentence, normal)) return false;
    this.parts.push(sentence);
    const words = sentence.split(' ');
    for (const quad of quadsOf(words)) this.ownQuads.add(quad.toLowerCase());
    this.openings.add(opening(words));
    this.normal.push(...normal);
    if (this.normal.length > RUN_WORDS) this.normal = this.normal.slice(-RUN_WORDS);
    return true;
  }

  /** The first of `options` that fits, added; undefined when none does. */
  acceptFirst(options: readonly string[]): string | undefined {
    for (const option of options) if (this.accept(option)) return option;
    return undefined;
  }

  /** Replaces the last sentence (to add a lead-in or a name to it), if the result fits. */
  rewriteLast(rewrite: (sentence: string) => string): boolean {
    const last = this.parts.pop();
    if (last === undefined) return false;
    const before = this.normal;
    this.normal = normalWords(this.parts.join(' ')).slice(-RUN_WORDS);
    if (this.accept(rewrite(last))) return true;
    this.normal = before;
    this.parts.push(last);
    return false;
  }

  /** Someone at the table is named in the text. */
  namesSomeone(text: string): boolean {
    return this.names?.test(text) === true;
  }

  /**
   * A sentence of the seat's own, the best of a few walks: complete, of a speaking length, on the
   * topic and the last turn, in the persona's concerns, fresh. Undefined when every walk fails.
   */
  generate(focus?: ReadonlySet<string>): { sentence: string; normal: string[] } | undefined {
    const { prepared } = this;
    let best: { sentence: string; normal: string[] } | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    const tries = this.walker.greedy ? 3 : CANDIDATES;
    let readable = false;
    for (let attempt = 0; attempt < tries + (readable ? 0 : MORE_CANDIDATES); attempt++) {
      const walked = this.walker.sentence(this.normal, this.parts.length + attempt);
      if (!walked.ended || walked.words.length < 3) continue;
      const sentence = tidy(walked.words);
      if (this.namesSomeone(sentence)) continue;
      const lower = sentence.toLowerCase();
      if (this.parts.some((part) => part.toLowerCase() === lower)) continue;
      const normal = normalWords(sentence);
      const content = normal.filter(isContentWord);
      const quads = quadsOf(walked.words);
      let fluent = 0;
      let repeated = 0;
      let rough = 0;
      for (const [index, quad] of quads.entries()) {
        if (this.ownQuads.has(quad.toLowerCase())) repeated += 2;
        if (prepared.view.attests(quad)) {
          repeated++;
          fluent++;
        } else if (prepared.attests(quad)) fluent++;
        // A sentence that opens or ends on a splice reads broken however fluent its middle.
        else if (index === 0 || index === quads.length - 1) rough++;
      }
      if (this.openings.has(opening(walked.words))) repeated += 2;
      const hits = (set: ReadonlySet<string>) => content.filter((word) => set.has(word)).length;
      const topical = hits(prepared.topicWords);
      // A splice where two sources meet mid-phrase is where Markov text stops reading as speech:
      // one is fine, each more costs.
      const splices = Math.max(0, quads.length - fluent - 1);
      let score = 3 - 1.5 * splices - 1.5 * rough;
      score -= 0.8 * Math.max(0, repeated - 1);
      const short = normal.length < 6;
      const long = normal.length > 26;
      if (short) score -= 2;
      if (long) score -= (normal.length - 26) / 4;
      score += 1.2 * Math.min(2, topical);
      score += 0.6 * Math.min(2, hits(prepared.recentWords));
      score += 0.5 * Math.min(2, hits(prepared.seat.concerns));
      score += 0.4 * Math.min(3, hits(prepared.tableWords));
      if (focus !== undefined) score += 1.5 * Math.min(2, hits(focus));
      const said = prepared.view.alreadySaid(lower);
      if (said) score -= 4;
      if (!this.walker.greedy) score += this.random() * this.temperature * 1.5;
      if (splices === 0 && rough === 0 && !short && !long) readable = true;
      if (score > bestScore && this.fits(sentence, normal)) {
        best = { sentence, normal };
        bestScore = score;
        // Good enough to stop looking: fluent, fresh, of a speaking length, on the topic.
        const onTopic = prepared.topicWords.size === 0 || topical > 0;
        if (
          splices === 0 &&
          rough === 0 &&
          repeated <= 1 &&
          !short &&
          !long &&
          !said &&
          onTopic &&
          focus === undefined
        )
          break;
      }
    }
    return best;
  }

  /** Adds a generated sentence; false when none could be made. */
  say(focus?: ReadonlySet<string>): boolean {
    const generated = this.generate(focus);
    return generated !== undefined && this.accept(generated.sentence, generated.normal);
  }

  /**
   * Adds a sentence whatever happens: a generated one, else one of the built-in talk not yet
   * said, else a short stock line. Returns it.
   */
  sayAnything(focus?: ReadonlySet<string>): string {
    if (this.say(focus)) return this.parts.at(-1) ?? '';
    const talk = shuffled(TALK_SENTENCES, this.random).slice(0, 12);
    const fresh = talk.filter(
      (sentence) => !this.prepared.view.alreadySaid(sentence.toLowerCase()),
    );
    const chosen = this.acceptFirst([...fresh, ...shuffled(FALLBACKS, this.random)]);
    if (chosen !== undefined) return chosen;
    this.parts.push('I agree.');
    return 'I agree.';
  }

  /** More of the same reply, for one that runs on to max_tokens. */
  readonly more = (): string => this.sayAnything();
}
