// Turn text is the models' own prose, often with Markdown of its own. Inline emphasis and lists are
// kept; only what would break the transcript's structure is neutralised: headings that would look
// like our topics, code fences that would swallow every later turn, setext underlines, raw HTML
// (an unclosed `<!--` hides the rest of the file) and link definitions that vanish when rendered.
// Control characters are made visible (terminalSafe), so neither a viewer nor `cat` obeys them.
import { terminalSafe } from '../render/terminal-safe.js';

const BLOCK_START = /^( {0,3})(#|>|```|~~~|\[[^\]]*\]:)/;
const SETEXT_UNDERLINE = /^( {0,3})(=+|-+)[ \t]*$/;
const ENTITY = /&(?=#?[a-z0-9]+;)/gi;

/** Turn text as Markdown paragraphs that cannot open structure of their own. */
export function escapeBlock(text: string): string {
  return terminalSafe(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => {
      const safe = line.replace(ENTITY, '&amp;').replaceAll('<', '&lt;');
      if (BLOCK_START.test(safe)) return safe.replace(BLOCK_START, '$1\\$2');
      if (SETEXT_UNDERLINE.test(safe)) return safe.replace(SETEXT_UNDERLINE, '$1\\$2');
      return safe;
    })
    .join('\n');
}

/** Text for one line of structure (a heading, a table cell, an italic note): plain, on one line. */
export function escapeInline(text: string): string {
  return terminalSafe(text.replace(/\s+/g, ' ').trim())
    .replace(/[\\`*_[\]|]/g, '\\$&')
    .replace(ENTITY, '&amp;')
    .replaceAll('<', '&lt;');
}
