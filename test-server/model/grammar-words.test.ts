import { describe, expect, it } from 'vitest';
import { randomFrom } from '../prng.js';
import { PIECES } from '../test-utils/unicode-texts.js';
import { asksFirst, hasVerbWord, opensQuestion } from './grammar-words.js';
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
