import { describe, expect, it } from 'vitest';
import { randomFrom } from '../prng.js';
import { type BookPhrase, mentionsOf, phrasebook, repeatedPhrases } from './phrasebook.js';
import { nounsOf } from './phrases.js';
import { TALK_NOUNS } from './talk.js';
import { normalWords } from './words.js';

const CONTEXT = `Larkhaven is a market town of 11,000 people in the Lark valley. Until 2019 the Larkhaven
Branch, a 14 km single-track railway, linked it to the main line at Cressbridge. The line closed
after years of falling ridership. The regional rail company has offered to hand the whole
corridor to the town for a symbolic €1. We should say that plainly. I chair the Larkhaven youth
council. The proposals on the table: lift the track and build a walking and cycling trail. The line is
old, and the corridor is long.`;

function bookOf(...texts: string[]) {
  const nouns = nounsOf(texts);
  return phrasebook(texts, (word) => (nouns.get(word) ?? 0) + (TALK_NOUNS.get(word) ?? 0));
}

describe('phrasebook', () => {
  const book = bookOf(CONTEXT);
  const texts = book.map((phrase) => phrase.text);

  it('holds the things a text names, proper names whole', () => {
    expect(texts).toEqual(
      expect.arrayContaining([
        'the market town',
        'the Larkhaven Branch',
        'the main line',
        'Cressbridge',
        'the whole corridor',
        'the track',
      ]),
    );
  });

  it('leaves out fragments: clauses, adverbs, adjectives before a symbol, vague words', () => {
    for (const fragment of [
      'the plainly', // "say that plainly"
      'the line closed', // a verb after its noun
      'the symbolic', // "a symbolic €1"
      'the Larkhaven', // "the Larkhaven youth council": a name qualifying a noun
      'the Lark', // "the Lark valley"
      'the table', // too vague to be what someone stood for
      'the walking', // "a walking and cycling trail"
    ])
      expect(texts).not.toContain(fragment);
  });

  it('takes a phrase across "and" whole, never cut at the conjunction', () => {
    // Said three times, "walking" is well attested after a determiner; it is still no noun.
    const twice = bookOf(
      CONTEXT,
      'Should the branch become a walking and cycling trail, or make room for housing?',
      'I lean towards a walking and cycling trail, but I think in systems.',
      'We should weigh the costs and benefits.',
    ).map((phrase) => phrase.text);
    expect(twice).toContain('the walking and cycling trail');
    expect(twice).not.toContain('the walking');
    expect(twice).not.toContain('the costs');
    for (const phrase of twice) expect(phrase).not.toMatch(/ (?:and|or)$/);
  });

  it('finds mentions in a turn, the longest phrase claiming its words', () => {
    const found = mentionsOf(
      'The Larkhaven Branch is older than Larkhaven itself, and the corridor is long.',
      book,
    ).map((phrase) => phrase.text);
    expect(found).toEqual(['the Larkhaven Branch', 'Larkhaven', 'the corridor']);
  });

  it('finds, in any text, what trying each phrase of the book at each of its places finds', () => {
    // The rule stated plainly: phrases in the book's order (longest first), each at every place
    // in the text, left to right, claiming words no phrase claimed before.
    const plainly = (text: string, phrases: readonly BookPhrase[]) => {
      const words = normalWords(text);
      const claimed = words.map(() => false);
      const found: { at: number; phrase: BookPhrase }[] = [];
      for (const phrase of phrases)
        for (let at = 0; at + phrase.key.length <= words.length; at++) {
          const span = phrase.key.map((_, k) => at + k);
          if (span.every((i, k) => words[i] === phrase.key[k] && !claimed[i])) {
            for (const i of span) claimed[i] = true;
            found.push({ at, phrase });
          }
        }
      return found.sort((a, b) => a.at - b.at).map((entry) => entry.phrase);
    };
    const random = randomFrom('mentions');
    const pieces = [...CONTEXT.split(/\s+/), 'Larkhaven Branch', 'the corridor', 'line line'];
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(random() * 40);
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join(
        ' ',
      );
      expect(mentionsOf(text, book), text).toEqual(plainly(text, book));
    }
  });

  it('takes from turns only the phrases said in two of them', () => {
    const turns = [
      'I worry about the ferry pier.',
      'Nobody has read the ferry pier, and the harbour wall is failing.',
      'What about the harbour wall?',
      'I heard the plainly.',
      // Said twice, but a phrase of the built-in talk: how people talk, not what about.
      'We should keep the best of each idea.',
      'Keep the best of each idea, I say.',
    ];
    const nouns = nounsOf(turns);
    const repeated = repeatedPhrases(turns, (word) => nouns.get(word) ?? 0).map(
      (phrase) => phrase.text,
    );
    expect(repeated.sort()).toEqual(['the ferry pier', 'the harbour wall']);
  });
});
