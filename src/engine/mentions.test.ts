import { describe, expect, it } from 'vitest';
import { MentionFinder } from './mentions.js';

describe('MentionFinder', () => {
  const others = new MentionFinder(['Ann', 'Bob', 'Cy']);

  it('finds a name or @name, case-insensitive', () => {
    expect(others.last('I agree with Bob here.')).toBe('Bob');
    expect(others.last('What do you think, @cy?')).toBe('Cy');
    expect(others.last('ANN, your turn.')).toBe('Ann');
  });

  it('matches whole words only', () => {
    expect(others.last('The Annual report says Bobby was right about cycling.')).toBeUndefined();
    expect(others.last('Write to bob@ann.example about it.')).toBeUndefined();
    expect(others.last("Ann's point stands.")).toBe('Ann');
  });

  it('takes the mention nearest the end', () => {
    expect(others.last('Ann said so, but Bob disagreed. Cy?')).toBe('Cy');
    expect(others.last('@Cy thinks so; Ann, do you?')).toBe('Ann');
  });

  it('returns nothing when nobody is named', () => {
    expect(others.last('Nobody in particular.')).toBeUndefined();
    expect(new MentionFinder([]).last('Ann')).toBeUndefined();
  });

  it('treats names as literal text, punctuation and spaces included', () => {
    const odd = new MentionFinder(['C.J.', 'Mary Ann', 'Bob+', 'Zoë']);
    expect(odd.last('Ask C.J. about it.')).toBe('C.J.');
    expect(odd.last('Ask CxJx about it.')).toBeUndefined();
    expect(odd.last('Thanks, Mary  Ann.')).toBe('Mary Ann');
    expect(odd.last('And Bob+ too')).toBe('Bob+');
    expect(odd.last('zoë?')).toBe('Zoë');
  });

  it('prefers the longer name where two overlap', () => {
    const overlap = new MentionFinder(['Jo', 'Jo Ann']);
    expect(overlap.last('Over to Jo Ann.')).toBe('Jo Ann');
    expect(overlap.last('Over to Jo.')).toBe('Jo');
  });

  it('with requireAt, counts only @Name', () => {
    const moderator = new MentionFinder(['Ann', 'Bob'], { requireAt: true });
    expect(moderator.last('Bob, what about @ann?')).toBe('Ann');
    expect(moderator.last('Bob and Ann, go on.')).toBeUndefined();
  });
});
