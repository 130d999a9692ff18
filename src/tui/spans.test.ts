import { describe, expect, it } from 'vitest';
import { lineText, lineWidth, truncateLine, wrapSpans } from './spans.js';

describe('wrapSpans', () => {
  it('wraps styled text across its spans, keeping each piece in its style', () => {
    const lines = wrapSpans(
      [
        { text: '● ', color: 'cyan' },
        { text: 'Margit', color: 'cyan', bold: true },
        { text: ' Margit Aalto, town treasurer', color: 'cyan' },
        { text: ' · creativity 0.2 · offline: Markov', dim: true },
      ],
      24,
      { hangingIndent: 2 },
    );
    expect(lines.map(lineText)).toEqual([
      '● Margit Margit Aalto,',
      '  town treasurer ·',
      '  creativity 0.2 ·',
      '  offline: Markov',
    ]);
    expect(lines[0]?.find((s) => s.text.includes('Margit'))).toMatchObject({ bold: true });
    expect(lines[1]?.find((s) => s.text.includes('town'))).toMatchObject({ color: 'cyan' });
    expect(lines[1]?.find((s) => s.text.includes('·'))).toMatchObject({ dim: true });
    for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(24);
  });

  it('starts no row with the space it broke at, whatever the width', () => {
    const text = 'Topic 2/6: The Dene Viaduct needs €2.4 million of repairs whatever we choose';
    for (let width = 8; width < 60; width++) {
      const rows = wrapSpans([{ text: `── ${text}`, dim: true }], width, { hangingIndent: 3 });
      rows.slice(1).forEach((row) => {
        expect(lineText(row)).toMatch(/^ {3}\S/);
      });
      expect(lineText(rows[0] ?? [])).toMatch(/^── \S/);
    }
  });
});

describe('truncateLine', () => {
  it('cuts to the width with an ellipsis, and leaves a fitting line alone', () => {
    const line = [{ text: 'Topic 1/6: ' }, { text: 'Should the branch carry trains', bold: true }];
    expect(lineText(truncateLine(line, 20))).toBe('Topic 1/6: Should t…');
    expect(lineWidth(truncateLine(line, 20))).toBeLessThanOrEqual(20);
    expect(truncateLine(line, 80)).toBe(line);
  });
});
