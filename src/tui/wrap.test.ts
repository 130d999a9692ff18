import { describe, expect, it } from 'vitest';
import { displayWidth, splitGraphemes, tailLines, wrapParagraph, wrapText } from './wrap.js';

describe('wrapParagraph', () => {
  it('breaks at spaces and keeps every line within the width', () => {
    const lines = wrapParagraph('the quick brown fox jumps over the lazy dog', 10);
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
  });

  it('never starts or ends a line with the space it broke at, nor keeps runs of spaces', () => {
    const text = 'one  two   three four five six seven eight nine ten eleven twelve';
    for (let width = 4; width < 30; width++) {
      for (const line of wrapParagraph(text, width)) {
        expect(line).not.toMatch(/^ | $| {2}/);
        expect(displayWidth(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('indents the lines after the first (a hanging indent) within the width', () => {
    const lines = wrapParagraph('● Margit Margit Aalto, town treasurer · creativity 0.2', 20, {
      hangingIndent: 2,
    });
    expect(lines).toEqual([
      '● Margit Margit',
      '  Aalto, town',
      '  treasurer ·',
      '  creativity 0.2',
    ]);
  });

  it('breaks a word longer than the line', () => {
    expect(wrapParagraph('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('counts wide characters as two columns and never splits a grapheme', () => {
    expect(displayWidth('日本')).toBe(4);
    const lines = wrapParagraph('日本語の文章', 4);
    expect(lines.every((line) => displayWidth(line) <= 4)).toBe(true);
    expect(lines.join('')).toBe('日本語の文章');
    const flags = wrapParagraph('🇵🇹🇵🇹🇵🇹', 4);
    expect(flags).toEqual(['🇵🇹🇵🇹', '🇵🇹']);
  });

  it('keeps blank lines of a text', () => {
    expect(wrapText('a\n\nb', 10)).toEqual(['a', '', 'b']);
  });
});

describe('splitGraphemes', () => {
  it('keeps a flag, an emoji with a skin tone and a combining accent whole', () => {
    expect(splitGraphemes('a🇵🇹👍🏽é')).toEqual(['a', '🇵🇹', '👍🏽', 'é']);
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

  it('says it clipped when exactly the last paragraphs fill the rows', () => {
    expect(tailLines('a\nb\nc', 20, 2)).toEqual({ lines: ['b', 'c'], clipped: true });
  });

  it('gives the same lines as wrapping the whole text', () => {
    const text = 'alpha beta gamma delta epsilon\nzeta eta theta iota kappa lambda mu\nnu xi';
    const whole = text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, 12));
    expect(tailLines(text, 12, 4).lines).toEqual(whole.slice(-4));
  });
});
