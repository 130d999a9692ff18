import { topicOf } from '../guidance.js';
import type { Unit } from '../read-request.js';
import { sentencesOf } from '../sentences.js';
import { normalWords, runKeys } from '../words.js';
import { ConversationView } from './conversation-view.js';
import { OccurrenceIndex, textHash } from './occurrences.js';
import { SpokenRuns } from './spoken-runs.js';
import { unaddressed } from './unaddressed.js';

/** A unit's sentences kept for the spoken runs: the array and its slices of the unit's text. */
const SENTENCES_BYTES = 200;

/**
 * What was said in one conversation, read once and extended in place as the conversation
 * grows: a request that repeats an earlier one plus a few turns adds only those turns. Every
 * entry remembers the unit it came from, so a view can read the chain as it stood after any
 * unit (an earlier request of the same conversation gets the same reply as before) and only
 * within its context window.
 */
export class ConversationChain {
  readonly units: Unit[] = [];
  /** Words spoken before each unit (seats' turns only), for the context window. */
  private readonly wordsBefore: number[] = [0];
  /** What followed what, by the unit it was said in. */
  readonly index = new OccurrenceIndex();
  /** Runs of moderator lines (never to be recited), by the unit they first appeared in. */
  private readonly moderatorRuns = new Map<string, number>();
  /** Every word the moderator said (a superset is fine: it only speeds up the exact test). */
  readonly moderatorWords = new Set<string>();
  /** Runs of the topics the moderator announced (which may be quoted). */
  private readonly topicRuns = new Map<string, number>();
  /** Topics announced, with the unit that announced them. */
  readonly topics: { readonly text: string; readonly unit: number }[] = [];
  /**
   * Each topic once, with the unit that first announced it, in that order: the topics heard
   * before a unit are those of these announced before it. A moderator repeats the topic in most
   * of its lines (51 announcements of 7 topics in a 200-turn discussion), and every request
   * listed the distinct ones out of all of them.
   */
  readonly firstTopics: { readonly text: string; readonly unit: number }[] = [];
  /** Sentences spoken (fingerprints of their lower case), by first unit: not to be parroted. */
  private readonly spoken = new Map<number, number>();
  /** Four-word stretches spoken (fingerprints), by first unit: what a reply would repeat. */
  private readonly quads = new Map<number, number>();
  /** The seats' runs, for the guard against finishing another seat's persona (read lazily). */
  readonly spokenRuns = new SpokenRuns((unit) => this.takeSentences(unit));
  /**
   * Each seat unit's sentences as `append` split them, until the spoken runs read them (once,
   * on a table's next request): splitting a turn into sentences again cost as much as reading it.
   */
  private readonly unitSentences = new Map<number, readonly string[]>();
  private textBytes = 512;

  /**
   * What requests made of this conversation (prepared states, with their sentence pools), kept
   * with it so that they leave the cache with it; `sized` says how big each has grown.
   */
  readonly states = new Map<string, { readonly bytes: number }>();

  /** `contextWords`: the model's window; a longer unit is read from its last words only. */
  constructor(private readonly contextWords: number) {}

  get length(): number {
    return this.units.length;
  }

  /** Rough heap size, for the cache that holds the chain. */
  get bytes(): number {
    let states = 0;
    for (const state of this.states.values()) states += state.bytes;
    return (
      this.textBytes +
      this.index.bytes +
      this.spokenRuns.bytes +
      (this.spoken.size + this.quads.size) * 40 +
      states
    );
  }

  append(unit: Unit): void {
    const index = this.units.length;
    this.units.push(unit);
    this.textBytes += 96 + unit.text.length * 2;
    let words = 0;
    if (unit.moderator) {
      for (const key of runKeys(unit.text)) this.noteRun(this.moderatorRuns, key, index);
      for (const word of normalWords(unit.text)) this.moderatorWords.add(word);
      const topic = topicOf(unit.text);
      if (topic !== undefined) {
        // A topic repeated is the string announced first: the requests after compare them.
        const first = this.firstTopics.find((t) => t.text === topic);
        const announced = { text: first?.text ?? topic, unit: index };
        this.topics.push(announced);
        if (first === undefined) this.firstTopics.push(announced);
        for (const key of runKeys(topic)) this.noteRun(this.topicRuns, key, index);
      }
    } else {
      const sentences = this.lastSentences(unit.text);
      this.unitSentences.set(index, sentences);
      this.textBytes += SENTENCES_BYTES;
      for (const sentence of sentences) {
        const lower = sentence.toLowerCase();
        this.noteSpoken(lower, index);
        // "Kofi, we should start small." then "We should start small.": a repeat all the same.
        const bare = unaddressed(lower);
        if (bare !== undefined) this.noteSpoken(bare, index);
        const list = sentence.split(' ');
        words += list.length;
        // The ids the index just gave the words: a quad's key from them, not four lookups.
        const ids = this.index.addSentence(list, index);
        for (let end = 3; end < list.length; end++) {
          const quad = quadOf(ids, end);
          if (!this.quads.has(quad)) this.quads.set(quad, index);
        }
      }
    }
    this.wordsBefore.push((this.wordsBefore[index] ?? 0) + words);
  }

  /** A seat unit's sentences (see `unitSentences`), no longer kept once taken. */
  private takeSentences(unit: number): readonly string[] {
    const sentences = this.unitSentences.get(unit);
    if (sentences === undefined) return this.lastSentences(this.units[unit]?.text ?? '');
    this.unitSentences.delete(unit);
    this.textBytes -= SENTENCES_BYTES;
    return sentences;
  }

  /** The unit's sentences, but only its last `contextWords` words of them. */
  private lastSentences(text: string): string[] {
    const sentences = sentencesOf([text]);
    let words = 0;
    let first = sentences.length;
    while (first > 0) {
      const count = spaces(sentences[first - 1] ?? '') + 1;
      if (words + count > this.contextWords) {
        if (words === 0) {
          const tail = (sentences[first - 1] ?? '').split(' ').slice(-this.contextWords);
          return [tail.join(' ')];
        }
        break;
      }
      words += count;
      first--;
    }
    return first === 0 ? sentences : sentences.slice(first);
  }

  private noteSpoken(sentence: string, unit: number): void {
    const spoken = textHash(sentence);
    if (!this.spoken.has(spoken)) this.spoken.set(spoken, unit);
  }

  private noteRun(map: Map<string, number>, key: string, unit: number): void {
    if (!map.has(key)) {
      map.set(key, unit);
      this.textBytes += 80 + key.length * 2;
    }
  }

  /** The fingerprint of words[end-3..end], or undefined when a word was never said. */
  quadKey(words: readonly string[], end: number): number | undefined {
    let key = 0;
    for (let i = end - 3; i <= end; i++) {
      const id = this.index.id(words[i] ?? '');
      if (id === undefined) return undefined;
      key = quadStep(key, id, i - end);
    }
    return key & 0x3fffffff;
  }

  /** The chain as it stood after `length` units, reading only its last `contextWords` words. */
  view(length: number, key = ''): ConversationView {
    let from = length;
    let words = 0;
    while (from > 0) {
      const count = (this.wordsBefore[from] ?? 0) - (this.wordsBefore[from - 1] ?? 0);
      if (words > 0 && words + count > this.contextWords) break;
      words += count;
      from--;
    }
    return new ConversationView(this, from, length, key);
  }

  /** @internal for views */
  runBefore(map: 'moderator' | 'topic', key: string, length: number): boolean {
    const first = (map === 'moderator' ? this.moderatorRuns : this.topicRuns).get(key);
    return first !== undefined && first < length;
  }

  /** @internal for views */
  quadBefore(words: readonly string[], end: number, length: number): boolean {
    const key = this.quadKey(words, end);
    const first = key === undefined ? undefined : this.quads.get(key);
    return first !== undefined && first < length;
  }

  /**
   * @internal for views: whether each four-word stretch of `words` (the one ending at word
   * i + 3 in `into[i]`) was said before unit `length`, as `quadBefore` answers each, with each
   * word's id looked up once (a sentence of n words: n lookups, not 4(n - 3)).
   */
  quadsBefore(words: readonly string[], length: number, into: Uint8Array): void {
    // The stretches begun at the last three words, one to three words in (see quadStep: the
    // same steps, in the same order, as quadKey takes them).
    let one = 0;
    let two = 0;
    let three = 0;
    // Words in a row with an id, up to this one: a stretch said needs four.
    let known = 0;
    for (let end = 0; end < words.length; end++) {
      const id = this.index.id(words[end] as string);
      if (id === undefined) {
        known = 0;
        if (end >= 3) into[end - 3] = 0;
        continue;
      }
      known++;
      const four = quadStep(three, id, 0);
      three = quadStep(two, id, -1);
      two = quadStep(one, id, -2);
      one = quadStep(0, id, -3);
      if (end < 3) continue;
      const first = known >= 4 ? this.quads.get(four & 0x3fffffff) : undefined;
      into[end - 3] = first !== undefined && first < length ? 1 : 0;
    }
  }

  /** @internal for views */
  spokenBefore(sentence: string, length: number): boolean {
    return this.spokenHashBefore(textHash(sentence), length);
  }

  /** @internal for views: spokenBefore by the sentence's textHash, kept by the caller. */
  spokenHashBefore(hash: number, length: number): boolean {
    const first = this.spoken.get(hash);
    return first !== undefined && first < length;
  }
}

/** The spaces in a text: a sentence's words (sentencesOf joins them by one) less one. */
function spaces(text: string): number {
  let count = 0;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) count++;
  return count;
}

/** One word's step of a quad's fingerprint: its id, `offset` words before the quad's end. */
function quadStep(key: number, id: number, offset: number): number {
  return (Math.imul(key ^ id, 0x9e3779b1) + offset) >>> 0;
}

/** The fingerprint of the quad ending at `end`, from the words' ids (as quadKey makes it). */
function quadOf(ids: Int32Array, end: number): number {
  let key = 0;
  for (let i = end - 3; i <= end; i++) key = quadStep(key, ids[i] as number, i - end);
  return key & 0x3fffffff;
}
