import { describe, expect, it } from 'vitest';
import { buildCorpus, lastWords, MIN_CORPUS_WORDS, sentencesOf } from './corpus.js';
import { FALLBACK_TEXT } from './fallback-corpus.js';

describe('sentencesOf', () => {
  it('drops speaker tags at the start of lines', () => {
    expect(
      sentencesOf([
        'Ada: We should start.\n**Dr. Lee**: I disagree here.\n[Bruno]: Fine then.\n@dara: And me.',
      ]),
    ).toEqual(['We should start.', 'I disagree here.', 'Fine then.', 'And me.']);
  });

  it('strips markdown, links, URLs, HTML and code blocks but keeps the words', () => {
    const text = [
      '# A heading',
      '- a **bold** point with _emphasis_ and `code`',
      '> quoted [link text](https://example.com/page) here',
      'See https://example.com/x?y=1 or www.example.org for <b>more</b>.',
      '```ts',
      'const notProse = 1;',
      '```',
      '| cell one | cell two |',
      '|---|---|',
    ].join('\n');
    expect(sentencesOf([text])).toEqual([
      'A heading.',
      'a bold point with emphasis and code.',
      'quoted link text here.',
      'See or for more.',
      'cell one cell two.',
    ]);
  });

  it('splits sentences on terminal punctuation and line breaks, ending each with a mark', () => {
    expect(sentencesOf(['One here. Two there! Three? "Four," she said.\nno mark'])).toEqual([
      'One here.',
      'Two there!',
      'Three?',
      '"Four," she said.',
      'no mark.',
    ]);
  });

  it('keeps nothing from text without words', () => {
    expect(sentencesOf(['🙂🎉 👍', '...', '   ', ''])).toEqual([]);
  });
});

describe('lastWords', () => {
  it('keeps the last n words across texts, in order', () => {
    expect(lastWords(['one two three', 'four  five\nsix'], 4)).toEqual([
      'three',
      'four  five\nsix',
    ]);
    expect(lastWords(['one two three', 'four five six'], 2)).toEqual(['five six']);
    expect(lastWords(['a b', 'c'], 10)).toEqual(['a b', 'c']);
  });
});

describe('buildCorpus', () => {
  const prose =
    'Cities change slowly. People need buses before they give up cars. Shops fear the first months. ' +
    'Nobody likes roadworks. The council must pay for the transition. Every plan needs a budget and a date. ' +
    'Cities change slowly. Parking spaces take up land that could hold trees and benches for everyone.';

  it('de-duplicates sentences and maps words to ids', () => {
    const corpus = buildCorpus([prose], 2000);
    expect(corpus.fallback).toBe(false);
    expect(corpus.sentences).toHaveLength(7);
    const first = corpus.sentences[0]?.map((id) => corpus.words[id]);
    expect(first).toEqual(['Cities', 'change', 'slowly.']);
    expect(corpus.known.has('cities change slowly.')).toBe(true);
  });

  it('only lets the last contextWords words in', () => {
    const corpus = buildCorpus([prose], 8);
    const words = corpus.sentences.flat().map((id) => corpus.words[id]);
    // The window cuts mid-sentence; only the tail of the prose can appear (plus fallback text).
    expect(words).not.toContain('Shops');
    expect(corpus.fallback).toBe(true);
  });

  it.each([['hi'], [''], ['🙂🎉👍'], ['https://example.com only a link']])(
    'falls back to the built-in text for %j',
    (prompt) => {
      const corpus = buildCorpus([prompt], 2000);
      expect(corpus.fallback).toBe(true);
      expect(corpus.sentences.flat().length).toBeGreaterThanOrEqual(MIN_CORPUS_WORDS);
      expect(corpus.known.has(sentencesOf([FALLBACK_TEXT])[0]?.toLowerCase() ?? '')).toBe(true);
    },
  );
});
