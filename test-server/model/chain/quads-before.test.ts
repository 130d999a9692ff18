// Judging a sentence reads whether each of its four-word stretches was said (attestsEach), with
// each word's id looked up once: it must answer as attests does, stretch by stretch.
import { describe, expect, it } from 'vitest';
import type { Unit } from '../read-request.js';
import { ConversationChain } from './conversation-chain.js';

const turn = (speaker: string, text: string): Unit => ({
  speaker,
  moderator: false,
  own: false,
  text,
});

const said = [
  turn('Ann', 'The first step should be cheap, visible and easy to reverse.'),
  turn('Bo', 'I think the first step should be a survey of the line.'),
  turn('Ann', 'A survey is cheap, and it is easy to reverse if we are wrong.'),
];

/** Sentences as a bank would hold them (words as walked): said, half said, never said. */
const sentences = [
  'The first step should be cheap, visible and easy to reverse.',
  'I think the first step should be cheap and easy to reverse.',
  'A survey of the line is cheap, visible and easy to reverse.',
  'Nobody here has mentioned the viaduct or its arches at all.',
  'Cheap and visible and easy and wrong.',
  'The first step',
].map((sentence) => sentence.split(' '));

describe('ConversationView.attestsEach', () => {
  it('answers as attests does for every stretch, at every point of the conversation', () => {
    const chain = new ConversationChain(1000);
    for (const unit of said) chain.append(unit);
    let found = 0;
    for (let length = 0; length <= said.length; length++) {
      const view = chain.view(length);
      for (const words of sentences) {
        const each = Array.from(view.attestsEach(words).subarray(0, Math.max(0, words.length - 3)));
        const one = words.slice(3).map((_, i) => (view.attests(words, i + 3) ? 1 : 0));
        expect(each).toEqual(one);
        found += one.filter((hit) => hit === 1).length;
      }
    }
    // The sentences meet the conversation's stretches, so the comparison is not of zeros alone.
    expect(found).toBeGreaterThan(10);
  });
});
