// Prompt text → clean sentences: no speaker tags, markdown, URLs or code; the chain's raw material.
import { hasLetterOrDigit } from './letters.js';

const CODE_FENCE = /```[\s\S]*?(?:```|$)/g;
const LINK = /!?\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"\n]*")?\)/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const HTML_TAG = /<\/?[a-z][^>\n]*>/gi;
const LINE_MARKERS = /^\s*(?:>\s*)*(?:#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)]\s+)?/;
// "Alice:", "**Dr. Lee**:", "[Bob]:", "@carol:" at the start of a line: speaker tags, not speech.
// Made on first use: V8 parses a pattern when it is made, its three \p{L} classes through ICU
// (~47 kB of parse tree), and most runs read no line that may hold a tag.
let nameTag: RegExp | undefined;
const NAME_TAG = () =>
  (nameTag ??=
    /^\s*(?:\[[^\]\n]{1,40}\]|(?:\*\*|__)?@?\p{L}[\p{L}\p{N}'’._-]*(?:\s+\p{L}[\p{L}\p{N}'’._-]*){0,2}(?:\*\*|__)?)\s*:(?:\*\*|__)?\s+/u);
const TABLE_RULE = /^[\s|:-]+$/;
const EMPHASIS = /[*`~|]+/g;
const UNDERSCORE_EMPHASIS = /(^|\s)_+|_+(?=\s|$|[.,;:!?])/g;
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]*)\s+/;
const TERMINAL = /[.!?…]["'”’)\]]*$/;
const WHITESPACE_RUN = /\s+/;
const SPACE_BEFORE_MARK = / +(?=[.,;:!?…]+(?: |$))/g;
/** Whitespace other than one space between two words. */
const IRREGULAR_SPACE = /[^\S ]| {2}|^ | $/;

/**
 * Whether NAME_TAG may match `line`: a tag's colon is the line's first (no name holds one) and
 * comes after at most three words, unless the name is in brackets. Most lines hold no colon;
 * for them V8 never makes or compiles the pattern (its \p{L} sets cost ~19 M instructions).
 */
function mayHaveNameTag(line: string): boolean {
  const colon = line.indexOf(':');
  if (colon < 0) return false;
  const before = line.slice(0, colon).trim();
  return before.startsWith('[') || before.split(WHITESPACE_RUN).length <= 3;
}

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
      line = line.replace(LINE_MARKERS, '');
      if (mayHaveNameTag(line)) line = line.replace(NAME_TAG(), '');
      line = line.replace(EMPHASIS, ' ').replace(UNDERSCORE_EMPHASIS, '$1');
      for (const piece of line.split(SENTENCE_END)) {
        // Its words joined by one space: the piece itself when that is how they stand already
        // (most are), without splitting it and joining again.
        let joined = piece;
        if (IRREGULAR_SPACE.test(piece)) {
          const words = piece.split(WHITESPACE_RUN).filter((word) => word !== '');
          joined = words.join(' ');
        }
        if (joined === '' || !hasLetterOrDigit(piece)) continue;
        // Removing a tag or URL can leave a space before a mark ("<b>more</b>." → "more .").
        let sentence = joined.replace(SPACE_BEFORE_MARK, '');
        if (!TERMINAL.test(sentence)) sentence += '.';
        sentences.push(sentence);
      }
    }
  }
  return sentences;
}
