import { FALLBACK_TEXT } from './fallback-corpus.js';

/** The chain's raw material: sentences as arrays of word ids, and the words themselves. */
export interface Corpus {
  readonly words: readonly string[];
  readonly sentences: readonly (readonly number[])[];
  /** Lowercased sentences as they appear in the corpus, to notice a reply that only parrots. */
  readonly known: ReadonlySet<string>;
  /** True when the prompt was too thin and the built-in text was used. */
  readonly fallback: boolean;
  /**
   * Every word occurrence in one array, -1 after each sentence; with `nextSame` (the next
   * position of the same word, -1 for none) and `firstAt` (a word's first position) it lists what
   * follows a word without a map per word.
   */
  readonly flat: Int32Array;
  readonly nextSame: Int32Array;
  readonly firstAt: Int32Array;
}

/** Below this many words (or sentences) a chain has so few branches it only repeats the prompt. */
export const MIN_CORPUS_WORDS = 40;
export const MIN_CORPUS_SENTENCES = 3;

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * The last `limit` whitespace-separated words of the texts, in order. Scans backwards so a
 * 20,000-word prompt costs only as much as the window it keeps.
 */
export function lastWords(texts: readonly string[], limit: number): string[] {
  const kept: string[] = [];
  let remaining = limit;
  for (let t = texts.length - 1; t >= 0 && remaining > 0; t--) {
    const text = texts[t] ?? '';
    let i = text.length;
    let cut = 0;
    while (i > 0) {
      while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
      if (i === 0) break;
      while (i > 0 && !isSpace(text.charCodeAt(i - 1))) i--;
      remaining--;
      if (remaining === 0) {
        cut = i;
        break;
      }
    }
    kept.push(cut === 0 ? text : text.slice(cut));
  }
  return kept.reverse();
}

const CODE_FENCE = /```[\s\S]*?(?:```|$)/g;
const LINK = /!?\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"\n]*")?\)/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const HTML_TAG = /<\/?[a-z][^>\n]*>/gi;
const LINE_MARKERS = /^\s*(?:>\s*)*(?:#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)]\s+)?/;
// "Alice:", "**Dr. Lee**:", "[Bob]:", "@carol:" at the start of a line: speaker tags, not speech.
const NAME_TAG =
  /^\s*(?:\[[^\]\n]{1,40}\]|(?:\*\*|__)?@?\p{L}[\p{L}\p{N}'’._-]*(?:\s+\p{L}[\p{L}\p{N}'’._-]*){0,2}(?:\*\*|__)?)\s*:(?:\*\*|__)?\s+/u;
const TABLE_RULE = /^[\s|:-]+$/;
const EMPHASIS = /[*`~|]+/g;
const UNDERSCORE_EMPHASIS = /(^|\s)_+|_+(?=\s|$|[.,;:!?])/g;
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]*)\s+/;
const HAS_WORD = /[\p{L}\p{N}]/u;
const TERMINAL = /[.!?…]["'”’)\]]*$/;
const WHITESPACE_RUN = /\s+/;
const SPACE_BEFORE_MARK = / +(?=[.,;:!?…]+(?: |$))/g;

/** Prompt text → clean sentences: no speaker tags, markdown, URLs or code. */
export function sentencesOf(texts: readonly string[]): string[] {
  const sentences: string[] = [];
  for (const raw of texts) {
    // Each pass only where its marker occurs: most prompts are plain prose.
    let text = raw;
    if (text.includes('```')) text = text.replace(CODE_FENCE, '\n');
    if (text.includes('](')) text = text.replace(LINK, '$1');
    if (text.includes('://') || text.includes('www.')) text = text.replace(URL, '');
    if (text.includes('<')) text = text.replace(HTML_TAG, ' ');
    for (let line of text.split('\n')) {
      if (TABLE_RULE.test(line)) continue;
      line = line.replace(LINE_MARKERS, '').replace(NAME_TAG, '');
      line = line.replace(EMPHASIS, ' ').replace(UNDERSCORE_EMPHASIS, '$1');
      for (const piece of line.split(SENTENCE_END)) {
        const words = piece.split(WHITESPACE_RUN).filter((word) => word !== '');
        if (words.length === 0 || !HAS_WORD.test(piece)) continue;
        // Removing a tag or URL can leave a space before a mark ("<b>more</b>." → "more .").
        let sentence = words.join(' ').replace(SPACE_BEFORE_MARK, '');
        if (!TERMINAL.test(sentence)) sentence += '.';
        sentences.push(sentence);
      }
    }
  }
  return sentences;
}

const FALLBACK_SENTENCES = sentencesOf([FALLBACK_TEXT]);

/**
 * Builds the corpus from the prompt: cleaned, de-duplicated sentences of its last
 * `contextWords` words, topped up with the built-in text when the prompt is too thin.
 */
export function buildCorpus(texts: readonly string[], contextWords: number): Corpus {
  let sentences = sentencesOf(lastWords(texts, contextWords));
  let wordCount = 0;
  for (const sentence of sentences) wordCount += sentence.split(' ').length;
  const fallback = wordCount < MIN_CORPUS_WORDS || sentences.length < MIN_CORPUS_SENTENCES;
  if (fallback) sentences = [...FALLBACK_SENTENCES, ...sentences];

  const known = new Set<string>();
  const vocabulary = new Map<string, number>();
  const words: string[] = [];
  const runs: number[][] = [];
  for (const sentence of sentences) {
    const key = sentence.toLowerCase();
    if (known.has(key)) continue;
    known.add(key);
    const run: number[] = [];
    for (const word of sentence.split(' ')) {
      let id = vocabulary.get(word);
      if (id === undefined) {
        id = words.length;
        vocabulary.set(word, id);
        words.push(word);
      }
      run.push(id);
    }
    runs.push(run);
  }

  let size = 0;
  for (const run of runs) size += run.length + 1;
  const flat = new Int32Array(size);
  const nextSame = new Int32Array(size).fill(-1);
  const firstAt = new Int32Array(words.length).fill(-1);
  const lastAt = new Int32Array(words.length).fill(-1);
  let at = 0;
  for (const run of runs) {
    for (const id of run) {
      flat[at] = id;
      const previous = lastAt[id] ?? -1;
      if (previous < 0) firstAt[id] = at;
      else nextSame[previous] = at;
      lastAt[id] = at;
      at++;
    }
    flat[at++] = -1;
  }
  return { words, sentences: runs, known, fallback, flat, nextSame, firstAt };
}
