import { describe, expect, it } from 'vitest';
import { parseModeratorInput } from './moderator-input.js';

const facts = { names: ['Alice', 'Bob', 'Carol'], questionCount: 3 };
const parse = (text: string) => parseModeratorInput(text, facts);

describe('parseModeratorInput', () => {
  it('turns plain text into an interjection', () => {
    expect(parse('  What about bikes?  ')).toEqual({
      kind: 'command',
      command: { type: 'interject', text: 'What about bikes?' },
    });
  });

  it('accepts known @mentions in any case and rejects unknown ones with a suggestion', () => {
    expect(parse('@bob, your view?')).toMatchObject({ kind: 'command' });
    const outcome = parse('@Bobb, your view?');
    expect(outcome).toEqual({
      kind: 'error',
      message: 'No one called @Bobb at the table (did you mean @Bob?)',
    });
  });

  it('does not read an e-mail address as a mention', () => {
    expect(parse('write to x@example.org')).toMatchObject({ kind: 'command' });
  });

  it('parses /topic with a question number or free text', () => {
    expect(parse('/topic 2')).toEqual({
      kind: 'command',
      command: { type: 'set-topic', topic: 2 },
    });
    expect(parse('/topic Night buses')).toEqual({
      kind: 'command',
      command: { type: 'set-topic', topic: 'Night buses' },
    });
    expect(parse('/topic 4')).toEqual({
      kind: 'error',
      message: 'There is no question 4: use 1–3, or type a topic in words',
    });
    expect(parse('/topic')).toMatchObject({ kind: 'error' });
  });

  it('parses /ask with the participant’s own spelling, and lists the table for a stranger', () => {
    expect(parse('/ask carol')).toEqual({
      kind: 'command',
      command: { type: 'ask', name: 'Carol' },
    });
    expect(parse('/ask @Bob')).toEqual({ kind: 'command', command: { type: 'ask', name: 'Bob' } });
    expect(parse('/ask Zed')).toEqual({
      kind: 'error',
      message: 'No one called Zed at the table (at the table: Alice, Bob, Carol)',
    });
  });

  it('maps /wrap, /end, /next and /skip, and rejects unknown commands', () => {
    expect(parse('/wrap')).toEqual({ kind: 'command', command: { type: 'wrap-up' } });
    expect(parse('/end')).toEqual({ kind: 'command', command: { type: 'stop' } });
    expect(parse('/next')).toEqual({ kind: 'command', command: { type: 'next-topic' } });
    expect(parse('/skip')).toEqual({ kind: 'command', command: { type: 'skip' } });
    expect(parse('/dance')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('/dance'),
    });
  });

  it('treats an empty line as nothing to send', () => {
    expect(parse('   ')).toEqual({ kind: 'empty' });
  });
});
