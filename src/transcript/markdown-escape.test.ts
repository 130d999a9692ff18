import { describe, expect, it } from 'vitest';
import { escapeBlock, escapeInline } from './markdown-escape.js';

describe('escapeBlock', () => {
  it('neutralises headings, fences, setext lines, raw HTML and link definitions', () => {
    const odd = [
      '# Not a heading',
      '  ## Nor this',
      '```js',
      'Title',
      '===',
      '---',
      '<!-- hides the rest',
      '> quoted',
      '[ref]: https://example.com',
      '&lt; stays literal',
      '- a list **stays** a list',
    ].join('\n');
    expect(escapeBlock(odd).split('\n')).toEqual([
      '\\# Not a heading',
      '  \\## Nor this',
      '\\```js',
      'Title',
      '\\===',
      '\\---',
      '&lt;!-- hides the rest',
      '\\> quoted',
      '\\[ref]: https://example.com',
      '&amp;lt; stays literal',
      '- a list **stays** a list',
    ]);
  });

  it('escapeInline keeps structure text on one plain line', () => {
    expect(escapeInline('a | b\n*c* <d> [e]_f_ `g`')).toBe(
      'a \\| b \\*c\\* &lt;d> \\[e\\]\\_f\\_ \\`g\\`',
    );
  });
});
