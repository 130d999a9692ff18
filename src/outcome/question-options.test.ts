import { describe, expect, it } from 'vitest';
import { parseQuestionLine } from './question-options.js';

describe('options on a question line', () => {
  it('splits the question from its options', () => {
    expect(parseQuestionLine('Should the branch line reopen? | trains | trail | housing')).toEqual({
      ok: true,
      question: 'Should the branch line reopen?',
      options: ['trains', 'trail', 'housing'],
    });
  });

  it('leaves a question without bars alone', () => {
    expect(parseQuestionLine('What now?')).toEqual({
      ok: true,
      question: 'What now?',
      options: [],
    });
  });

  it('keeps unicode options as written, NFC-normalized, and reads \\| as a literal bar', () => {
    const decomposed = 'Zu\u0308ge';
    const parsed = parseQuestionLine(`Wohin? | ${decomposed} | 步道 | a \\| b | 🚆`);
    expect(parsed).toEqual({
      ok: true,
      question: 'Wohin?',
      options: ['Z\u00fcge', '步道', 'a | b', '🚆'],
    });
  });

  it.each([
    ['| a | b', /question is missing/],
    ['Q? | a | | b', /option 2 is empty/],
    ['Q? | a |', /option 2 is empty/],
    ['Q? | only', /only one option \("only"\)/],
    ['Q? | Trail | trail', /"trail" is listed twice/],
  ])('refuses %j', (line, message) => {
    const parsed = parseQuestionLine(line);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(message);
  });
});
