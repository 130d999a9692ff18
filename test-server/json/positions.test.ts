// What a question is about, as a position must answer it: its words as written, where "don't"
// is no topic and "the children's" names nothing on its own.
import { describe, expect, it } from 'vitest';
import { contentOf, namedWord } from './positions.js';

const none = new Set<string>();

describe('contentOf: the words a position must hold one of', () => {
  it('keeps a possessive of a content word whole, and no contraction', () => {
    const words = contentOf("What's the plan for the children’s corner, if we don't act?", none);
    expect([...words].sort()).toEqual(["children's", 'corner', 'plan']);
  });

  it("leaves out names and their possessives, and a function word's 's", () => {
    const words = contentOf(
      "Is Margit's budget what it's worth, or is there's a catch?",
      new Set(['margit']),
    );
    expect([...words].sort()).toEqual(['budget', 'catch', 'worth']);
  });
});

describe('namedWord: what a stance names when no phrase of the question is known', () => {
  it('names a proper name of the question first', () => {
    const asked = 'Should Eastgate keep its station?';
    expect(namedWord(asked, contentOf(asked, none))).toBe('Eastgate');
  });

  it('never names a possessive alone ("On the children\'s, ...")', () => {
    const asked = "What about the children's?";
    expect([...contentOf(asked, none)]).toEqual(["children's"]);
    expect(namedWord(asked, contentOf(asked, none))).toBeUndefined();
    const more = "What of the children's library?";
    expect(namedWord(more, contentOf(more, none))).toBe('the library');
  });

  it('never names a verb ("On the becomes, ...")', () => {
    const asked = 'What becomes of the depot, and who should maintain it?';
    expect(namedWord(asked, contentOf(asked, none))).toBe('the depot');
  });
});
