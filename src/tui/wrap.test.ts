import { describe, expect, it } from 'vitest';
import { displayWidth, tailLines, wrapParagraph } from './wrap.js';

describe('wrapParagraph', () => {
  it('breaks at spaces and keeps every line within the width', () => {
    const lines = wrapParagraph('the quick brown fox jumps over the lazy dog', 10);
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
  });

  it('breaks a word longer than the line', () => {
    expect(wrapParagraph('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('counts wide characters as two columns', () => {
    expect(displayWidth('日本')).toBe(4);
    const lines = wrapParagraph('日本語の文章', 4);
    expect(lines.every((line) => displayWidth(line) <= 4)).toBe(true);
    expect(lines.join('')).toBe('日本語の文章');
  });
});

describe('tailLines', () => {
  it('returns everything when it fits', () => {
    expect(tailLines('one\ntwo', 20, 5)).toEqual({ lines: ['one', 'two'], clipped: false });
  });

  it('keeps blank lines between paragraphs', () => {
    expect(tailLines('a\n\nb', 20, 5).lines).toEqual(['a', '', 'b']);
    expect(tailLines('\nb', 20, 5).lines).toEqual(['', 'b']);
  });

  it('returns the last lines of a long text and says it clipped', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    expect(tailLines(text, 20, 3)).toEqual({
      lines: ['line 47', 'line 48', 'line 49'],
      clipped: true,
    });
  });

  it('gives the same lines as wrapping the whole text', () => {
    const text = 'alpha beta gamma delta epsilon\nzeta eta theta iota kappa lambda mu\nnu xi';
    const whole = text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, 12));
    expect(tailLines(text, 12, 4).lines).toEqual(whole.slice(-4));
  });
});
