// A seat's request holds its own persona only; another seat's persona shows in that seat's turns
// as runs of at most five words. ConversationView.carriesOn refuses the sixth word that would
// carry such a run on otherwise than it was said, reading nothing but the request's own turns.
import { describe, expect, it } from 'vitest';
import type { Unit } from '../read-request.js';
import { ConversationChain } from './conversation-chain.js';

const turn = (speaker: string, text: string): Unit => ({
  speaker,
  moderator: false,
  own: false,
  text,
});

function viewOf(units: readonly Unit[]) {
  const chain = new ConversationChain(1000);
  for (const unit of units) chain.append(unit);
  const view = chain.view(units.length);
  view.readSpoken();
  return view;
}

const nothingKnown = () => false;

describe('carriesOn', () => {
  const margit = [
    turn('Margit', 'The viaduct is a liability the town would carry for decades.'),
    turn('Margit', 'Honestly, it is a liability the town would regret.'),
  ];

  it('refuses a word after five a seat said in two turns, unless they said it there too', () => {
    const view = viewOf(margit);
    // "is a liability the town" was said twice, then "would": a persona may go on otherwise.
    expect(view.carriesOn('is a liability the town forever', nothingKnown)).toBe(true);
    expect(view.carriesOn('rail is a liability the town', nothingKnown)).toBe(true);
    expect(view.carriesOn('it is a liability the town', nothingKnown)).toBe(false);
    expect(view.carriesOn('is a liability the town would', nothingKnown)).toBe(false);
  });

  it('lets five words said in one turn only be carried on (a one-off join of the walk)', () => {
    const view = viewOf([turn('Tomasz', 'The cuttings flood every single winter here.')]);
    expect(view.carriesOn('cuttings flood every single winter now', nothingKnown)).toBe(false);
  });

  it('lets words any seat has from the talk, the context or its own persona be carried on', () => {
    const view = viewOf(margit);
    const known = (short: string) => short === 'is a liability the town';
    expect(view.carriesOn('is a liability the town forever', known)).toBe(false);
  });

  it('refuses "I" after a sentence a seat ended with: a persona\'s next sentence opens "You"', () => {
    const view = viewOf([turn('Margit', 'I have kept the books for the last eleven years.')]);
    expect(view.carriesOn('for the last eleven years i', nothingKnown)).toBe(true);
    expect(view.carriesOn('for the last eleven years my', nothingKnown)).toBe(true);
    expect(view.carriesOn('for the last eleven years we', nothingKnown)).toBe(false);
    // And the other way: a sentence a seat opened with "I", after any word.
    const opened = viewOf([turn('Ines', 'I think in systems, not in single projects.')]);
    expect(opened.carriesOn('cheap i think in systems not', nothingKnown)).toBe(true);
  });

  it('reads only the turns before the view, never the moderator', () => {
    const chain = new ConversationChain(1000);
    chain.append({ speaker: undefined, moderator: true, own: false, text: margit[0]?.text ?? '' });
    chain.append({ speaker: undefined, moderator: true, own: false, text: margit[1]?.text ?? '' });
    for (const unit of margit) chain.append(unit);
    const [early, late] = [chain.view(2), chain.view(4)];
    late.readSpoken();
    expect(early.carriesOn('is a liability the town forever', nothingKnown)).toBe(false);
    expect(late.carriesOn('is a liability the town forever', nothingKnown)).toBe(true);
  });
});
