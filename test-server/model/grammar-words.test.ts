import { describe, expect, it } from 'vitest';
import { randomFrom } from '../prng.js';
import { PIECES } from '../test-utils/unicode-texts.js';
import { FOR as FOR_LIST } from './agreement.js';
import { NOT_A_STATEMENT as NOT_A_STATEMENT_PHRASES } from './clause.js';
import {
  asksFirst,
  hasPhrase,
  hasVerbWord,
  opensQuestion,
  opensWithPhrase,
} from './grammar-words.js';
import { DIRECTION_OPENINGS, DIRECTION_PHRASES } from './persona.js';
import { TALK_SENTENCES } from './talk.js';

// The patterns these functions replace, as clause.ts had them.
const VERB =
  /\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|should|could|can|may|might|must|shall|need|needs|want|wants|think|know|see|seems|makes|means|matters|decides|works|costs|pays|helps|carries|comes|goes|gets|takes|gives|says|stands|leaves|keeps|runs|ends|falls|owe|care|like|trust|remember|forget|get|pay|make|take|give|go|come|use|keep|work|cost|help|matter|decide|mean|build|run|fix|change|lose|win|live|wait|start|try|put)\b|['’](?:s|re|ve|ll|d|m)\b|n['’]t\b/iu;
const AUXILIARY_FIRST =
  "(?:could|can|would|will|shall|should|do|does|did|is|are|was|were|have|has|had|may|might|must|isn['’]t|aren['’]t|don['’]t|doesn['’]t|won['’]t|wouldn['’]t|couldn['’]t|shouldn['’]t)\\s+(?:we|you|i|they|it|he|she|anyone|anybody|someone|somebody|this|that|these|those|there|the|a|an|our|your|their|my)\\b";
const QUESTION = new RegExp(
  `(?:^|[,:;]\\s+)(?:${AUXILIARY_FIRST}|(?:what|why|how|who|whom|whose|where|when|which)\\b)`,
  'i',
);
const ASKS_FIRST = new RegExp(`^${AUXILIARY_FIRST}`, 'i');

// Words and parts of words the patterns look for, in both cases, with what sits around them:
// apostrophes, digits, _, marks, white space past ASCII, ſ and K (which `iu` folds to s and k).
const PARTS = [
  ..."Could could CAN we I the There isn isn’t don't n’t n ' ’ t s re ve ll d m what Whose whom".split(
    ' ',
  ),
  ...'is was run puts put ing 2 _ , ; : . ? é ſ K \u212a'.split(' '),
  ' ',
  '  ',
  '\t',
  '\u00a0',
  ', ',
  ': ',
  ';\u3000',
  ...PIECES,
];

const FIRST = ['Could', 'isn’t', "Don't", 'WAS', 'must', 'shouldn’t', 'Can'];

function sentences(): string[] {
  const random = randomFrom('grammar-words.test.ts');
  const all = [...TALK_SENTENCES, 'Could we?', 'Isn’t it?', 'so, what now', 'ſo we', 'Kan I'];
  for (let n = 0; n < 30_000; n++) {
    // A third open on an auxiliary, so that the auxiliary-first answers are tried often.
    let text = random() < 0.3 ? (FIRST[Math.floor(random() * FIRST.length)] ?? '') : '';
    const length = 1 + Math.floor(random() * 8);
    for (let i = 0; i < length; i++) {
      const part = PARTS[Math.floor(random() * PARTS.length)] ?? '';
      text += random() < 0.7 && text !== '' && !/^\s/.test(part) ? ` ${part}` : part;
    }
    all.push(text);
  }
  return all;
}

describe('grammar words', () => {
  it('answers as the alternations it replaces', () => {
    let verbs = 0;
    let questions = 0;
    let asks = 0;
    for (const sentence of sentences()) {
      const label = JSON.stringify(sentence);
      expect(hasVerbWord(sentence), label).toBe(VERB.test(sentence));
      expect(opensQuestion(sentence), label).toBe(QUESTION.test(sentence));
      expect(asksFirst(sentence), label).toBe(ASKS_FIRST.test(sentence));
      if (VERB.test(sentence)) verbs++;
      if (QUESTION.test(sentence)) questions++;
      if (ASKS_FIRST.test(sentence)) asks++;
    }
    // Each answer both ways, many times.
    expect(Math.min(verbs, questions, asks)).toBeGreaterThan(300);
  });
});

// persona.ts's DIRECTION, clause.ts's NOT_A_STATEMENT and agreement.ts's FOR as they were: the
// oracles for the phrase lists the modules now read (imported, so the lists tested are theirs).
const DIRECTION =
  /^(?:speak|keep|use|be|answer|respond|reply|address|do not|don['’]t|never|always|avoid|write|stay|remember|make sure|try|act|play|pretend|limit|include|refer|talk|only)\b|\bfirst person\b|\bin character\b|\bsentences\b|\bwords or (?:less|fewer)\b/i;
const NOT_A_STATEMENT =
  /^(?:let|let's|could|can|would|will|shall|should|do|does|did|what|why|how|who|whom|where|when|which|so|well|yes|no|thank|thanks|please|and|but|or|also|perhaps|maybe|honestly|frankly|look|listen|before|to be|in short|all in all|for my part|for me|my last|that is a (?:fair|good)|that is exactly|i agree|i disagree|i hear|i can live|fair enough|good point)\b/i;
const FOR =
  /\b(?:i agree with|is right about|i (?:would |will |can |could )?(?:back|support|favour|favor|prefer|choose|vote for|lean towards|argue for)|i am (?:in favour of|all for)|we should)\b/i;

describe('phrases', () => {
  it('finds what the phrase patterns found', () => {
    const words = [
      ..."Do not don’t don't make sure Make Sure Speak only I agree with that is a fair good".split(
        ' ',
      ),
      ...'first person in character sentences words or less fewer would could back vote for'.split(
        ' ',
      ),
      ..."lean towards am all in favour of we should is right about i I support agree with let's let to be K \u212a ſ".split(
        ' ',
      ),
    ];
    const random = randomFrom('grammar-words.test.ts phrases');
    const texts: string[] = [...TALK_SENTENCES];
    for (let n = 0; n < 30_000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 6);
      for (let i = 0; i < length; i++) {
        const pool = random() < 0.7 ? words : PARTS;
        const part = pool[Math.floor(random() * pool.length)] ?? '';
        text += random() < 0.8 && text !== '' ? ` ${part}` : part;
      }
      texts.push(text);
    }
    const found = { direction: 0, opening: 0, for: 0 };
    for (const text of texts) {
      const label = JSON.stringify(text);
      const direction =
        opensWithPhrase(text, DIRECTION_OPENINGS) || hasPhrase(text, DIRECTION_PHRASES);
      expect(direction, label).toBe(DIRECTION.test(text));
      expect(opensWithPhrase(text, NOT_A_STATEMENT_PHRASES), label).toBe(
        NOT_A_STATEMENT.test(text),
      );
      expect(hasPhrase(text, FOR_LIST), label).toBe(FOR.test(text));
      if (DIRECTION.test(text)) found.direction++;
      if (NOT_A_STATEMENT.test(text)) found.opening++;
      if (FOR.test(text)) found.for++;
    }
    expect(Math.min(found.direction, found.opening, found.for)).toBeGreaterThan(80);
  });
});
