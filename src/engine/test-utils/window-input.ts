// What the context-window tests share: a vocabulary of awkward words (punctuation, accents, an
// emoji) for the BPE counter, four seats, the moderator's guidance, and the request as sent.
import * as gpt4o from 'gpt-tokenizer/model/gpt-4o';
import { createTokenCounter } from '../../tokens/counter.js';
import type { WindowInput } from '../budget.js';
import type { ChatMessage } from '../model.js';
import { assemble } from '../request.js';

export const WORDS = [
  'the',
  'railway',
  'should',
  'become',
  'a',
  'park,',
  'housing',
  'or',
  'tram',
  'line.',
  'Cost',
  'per',
  'metre',
  'is',
  '1,250',
  'euros;',
  'bridges',
  'need',
  'work',
  '—',
  'über',
  'naïve',
  '🚋',
];
export const NAMES = ['Ann', 'Bob', 'Cy', 'Dee'];
export const counter = createTokenCounter('gpt-4o');

export const guidance = (name: string) =>
  `Moderator: ${name}, the floor is yours (turn 9 of 20).\nTopic: Who should pay for it?\nSpeak only for yourself.`;

/** The request as it will be sent, counted by the library itself. */
export function sent(input: WindowInput, conversation: readonly ChatMessage[]) {
  const messages = assemble(input.system, conversation, input.last);
  return { messages, tokens: gpt4o.countTokens(messages) };
}
