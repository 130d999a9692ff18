// A seat must not say a sentence another seat said, with or without a name before it.
import { describe, expect, it } from 'vitest';
import { unicodeTexts } from '../../test-utils/unicode-texts.js';
import { WRAP_UPS } from '../lines.js';
import type { Unit } from '../read-request.js';
import { TALK_SENTENCES } from '../talk.js';
import { ConversationChain } from './conversation-chain.js';
import { unaddressed } from './unaddressed.js';

const turn = (speaker: string, text: string): Unit => ({
  speaker,
  moderator: false,
  own: false,
  text,
});

describe('unaddressed', () => {
  it('cuts a one- or two-word address, and nothing else', () => {
    expect(unaddressed('kofi, we should start small.')).toBe('we should start small.');
    expect(unaddressed('jo ann, we should start small.')).toBe('we should start small.');
    expect(unaddressed('if the numbers are close, i would wait.')).toBeUndefined();
    expect(unaddressed('we should start small.')).toBeUndefined();
    expect(unaddressed('kofi, 2 things.')).toBeUndefined();
  });

  it('cuts the address the pattern it replaces cut', () => {
    const ADDRESS = /^\p{L}+(?: \p{L}+)?, (?=\p{L})/u;
    const addressed = [
      'ann, we',
      'ann , we',
      'jo ann, we',
      'zoë, é',
      'jo  ann, we',
      'ann,we',
      'ann, 2',
      'a b c, d',
    ];
    const lowered = TALK_SENTENCES.map((sentence) => sentence.toLowerCase());
    const leads = WRAP_UPS.map((lead) => lead.toLowerCase());
    for (const sentence of unicodeTexts('unaddressed.test.ts', [...addressed, ...lowered])) {
      // A wrap-up lead-in is cut before any address is looked for.
      if (leads.some((lead) => sentence.startsWith(lead))) continue;
      const match = ADDRESS.exec(sentence);
      const expected = match === null ? undefined : sentence.slice(match[0].length);
      expect(unaddressed(sentence), JSON.stringify(sentence)).toBe(expected);
    }
  });

  it('cuts a wrap-up lead-in', () => {
    expect(unaddressed('to sum up where i stand, doing nothing has a cost too.')).toBe(
      'doing nothing has a cost too.',
    );
    expect(unaddressed('my last word on this: we should start small.')).toBe(
      'we should start small.',
    );
  });
});

describe('alreadySaid', () => {
  it('knows a sentence said after a name as said', () => {
    const chain = new ConversationChain(1000);
    chain.append(turn('Ann', 'I like the plan. Kofi, we should start small.'));
    const view = chain.view(1);
    expect(view.alreadySaid('kofi, we should start small.')).toBe(true);
    expect(view.alreadySaid('we should start small.')).toBe(true);
    expect(view.alreadySaid('we should start big.')).toBe(false);
    // Only from the unit that said it on: a view of the conversation before it has not heard it.
    chain.append(turn('Bo', 'Margit, I agree.'));
    expect(chain.view(1).alreadySaid('i agree.')).toBe(false);
    expect(chain.view(2).alreadySaid('i agree.')).toBe(true);
  });
});
