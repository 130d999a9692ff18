import { describe, expect, it } from 'vitest';
import { parseSearch } from './search-query.js';
import { MATCH_END, MATCH_START, snippetOf } from './snippet.js';

const show = (text: string) => text.replaceAll(MATCH_START, '[').replaceAll(MATCH_END, ']');
const snip = (text: string, query: string, words?: number) =>
  show(snippetOf(text, parseSearch(query).terms, words).text);

describe('parseSearch', () => {
  it('quotes every term so that no input is FTS syntax', () => {
    expect(parseSearch('viaduct repair').fts).toBe('"viaduct" "repair"');
    expect(parseSearch('"bus lane" rail*').fts).toBe('"bus lane" "rail"*');
    expect(parseSearch('NOT (a OR b) "unclosed').fts).toBe('"not" "a" "or" "b" "unclosed"');
    expect(parseSearch('Café-Über').fts).toBe('"cafe" "uber"');
    expect(() => parseSearch('*** "" --')).toThrow(/nothing to search for/);
  });
});

describe('snippetOf', () => {
  it('marks every word, phrase and prefix, ignoring case and accents', () => {
    expect(snip('The Viaduct needs repair; viaducts cost money.', 'viaduct')).toBe(
      'The [Viaduct] needs repair; viaducts cost money.',
    );
    expect(snip('The Viaduct needs repair; viaducts cost money.', 'viaduct*')).toBe(
      'The [Viaduct] needs repair; [viaducts] cost money.',
    );
    expect(snip('A bus lane, then a lane for bus drivers.', '"bus lane"')).toBe(
      'A [bus] [lane], then a lane for bus drivers.',
    );
    expect(snip('Le café est fermé.', 'CAFE ferme')).toBe('Le [café] est [fermé].');
  });

  it('cuts a window around the first match in a long passage', () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    words[25] = 'needle';
    const text = words.join(' ');
    expect(snip(text, 'needle', 8)).toBe('…w23 w24 [needle] w26 w27 w28 w29 w30…');
    expect(snip(text, 'nothing', 5)).toBe('w0 w1 w2 w3 w4…');
  });

  it('counts the terms a passage holds', () => {
    const terms = parseSearch('tram viaduct housing').terms;
    expect(snippetOf('The tram crosses the viaduct.', terms).terms).toBe(2);
  });
});
