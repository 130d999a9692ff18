import { describe, expect, it } from 'vitest';
import { randomFrom } from '../prng.js';
import { sentencesOf } from './sentences.js';

describe('sentencesOf', () => {
  it('drops speaker tags at the start of lines', () => {
    expect(
      sentencesOf([
        'Ada: We should start.\n**Dr. Lee**: I disagree here.\n[Bruno]: Fine then.\n@dara: And me.',
      ]),
    ).toEqual(['We should start.', 'I disagree here.', 'Fine then.', 'And me.']);
  });

  it('drops a tag of up to three words or in brackets, and no colon of a sentence', () => {
    // The tag's pattern is tried only on lines that may hold one (see mayHaveNameTag).
    expect(
      sentencesOf([
        'Tomasz Brennan said: no.\n  Ines  :  yes.\n[Dr. A: Lee]: maybe.\nMy view is simple: keep it.\nPlan: a: b.',
      ]),
    ).toEqual(['no.', 'yes.', 'maybe.', 'My view is simple: keep it.', 'a: b.']);
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

describe('sentencesOf on spacing', () => {
  it('reads a sentence as its words joined by one space, however they were spaced', () => {
    // A piece spaced so is taken as it stands, any other is split and joined again: the two
    // must agree. Letters, commas and every kind of space, with no line or sentence breaks.
    const pieces = [...'ab,é', ' ', ' ', '  ', '\t', '\u00a0', '\u2009', '\u3000', '\r', '\v'];
    const random = randomFrom('sentences.test.ts 7');
    // A whole number below 2^32, as the generator's draws give.
    const next = () => Math.floor(random() * 0x100000000);
    for (let n = 0; n < 5_000; n++) {
      let text = '';
      const length = 1 + (next() % 16);
      for (let i = 0; i < length; i++) text += pieces[next() % pieces.length];
      const spaced = text
        .split(/\s+/)
        .filter((word) => word !== '')
        .join(' ');
      const read = sentencesOf([text]);
      expect(read, JSON.stringify(text)).toEqual(sentencesOf([spaced]));
      for (const sentence of read) expect(sentence).not.toMatch(/[^\S ]| {2}|^ | $/);
    }
  });
});
