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

describe('MentionFinder.naming: addressed, or spoken of in passing', () => {
  const table = new MentionFinder(['Margit', 'Ines', 'Juno']);
  const addressed = (text: string) => table.naming(text).addressed;

  it.each([
    ['Margit, what do you make of the viaduct?', 'vocative'],
    ['What would you do about it, Margit?', 'vocative'],
    ["Don't you agree, Margit?", 'vocative'],
    ['Right, Margit?', 'vocative'],
    ['That is a fair point, Margit.', 'vocative'],
    ['Well, Margit, what now?', 'vocative'],
    ['I think, Margit, that we should wait.', 'vocative'],
    ['Margit - your view?', 'vocative'],
    ['@margit has the figures.', 'at'],
    ['Does Margit agree?', 'question'],
    ["I'd love to hear Margit's thoughts on this.", 'request'],
    ['I wonder what Margit thinks.', 'request'],
    ['Over to Margit.', 'request'],
    ['Margit should weigh in here.', 'request'],
  ])('%s: %s', (text, how) => {
    expect(addressed(text)).toEqual({ name: 'Margit', how });
  });

  it.each([
    'Margit knows what I mean.',
    'I agree with Margit about the viaduct.',
    'Margit is right about the costs, up to a point.',
    'I see the costs differently from Margit.',
    'I think Margit would say the same.',
    'As Margit said, the costs matter.',
    "Margit's point stands.",
    // A question to "you" about Margit asks someone else.
    'Do you agree with Margit?',
    // Thanks looks back at what was said; it hands nothing over.
    'Thank you, Margit. The costs are high.',
    'Thank you, Margit, for the figures.',
    // A list is no vocative.
    'Margit, Ines and Juno all agree.',
  ])('%s: in passing', (text) => {
    expect(table.naming(text)).toEqual({ passing: text.includes('Juno') ? 'Juno' : 'Margit' });
  });

  it('takes the last seat addressed, over a seat named in passing after it', () => {
    expect(table.naming('Juno, where do you stand? Margit knows what I mean.')).toEqual({
      addressed: { name: 'Juno', how: 'vocative' },
    });
    expect(addressed('Margit and Ines, what do you think?')).toEqual({
      name: 'Ines',
      how: 'vocative',
    });
    // In a sentence with a vocative, the others named in it are spoken of.
    expect(addressed('Juno, do you think Margit is right?')).toEqual({
      name: 'Juno',
      how: 'vocative',
    });
  });

  it('reads a name with dots in it as one name, not a sentence end', () => {
    const odd = new MentionFinder(['C.J.', 'Ann']);
    expect(odd.naming('I asked around. C.J., what do you think?').addressed).toEqual({
      name: 'C.J.',
      how: 'vocative',
    });
    expect(odd.naming('C.J. knows what I mean.')).toEqual({ passing: 'C.J.' });
  });
});
