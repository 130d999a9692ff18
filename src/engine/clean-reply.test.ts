import { describe, expect, it } from 'vitest';
import { ownTagSource, ReplyCleaner } from './clean-reply.js';
import { fixtureParticipants } from './test-utils/fixture.js';

const [ann] = fixtureParticipants;
if (ann === undefined) throw new Error('fixture has no first seat');
const cleaner = new ReplyCleaner(ann, fixtureParticipants);

describe('ReplyCleaner.clean', () => {
  it.each([
    ['Ann: I disagree.', 'I disagree.'],
    ['**Ann:** I disagree.', 'I disagree.'],
    ['**Ann**: I disagree.', 'I disagree.'],
    ['*Ann:* I disagree.', 'I disagree.'],
    ['[Ann]: I disagree.', 'I disagree.'],
    ['Ann (Ann Lee): I disagree.', 'I disagree.'],
    ['**Ann (Ann Lee):** I disagree.', 'I disagree.'],
    ['Ann Lee: I disagree.', 'I disagree.'],
    ['ann:\nI disagree.', 'I disagree.'],
    ['  \n Ann:   I disagree.  \n', 'I disagree.'],
  ])('removes the leading own tag from %j', (raw, text) => {
    expect(cleaner.clean(raw)).toEqual({ text });
  });

  it.each([
    'Annual budgets: they matter.',
    'Ann is not a tag here: it has no colon right after.',
    'I say: Ann: yes.',
    '- Bob: a good point, and mine.',
  ])('leaves %j alone (no tag, no cut)', (raw) => {
    expect(cleaner.clean(raw)).toEqual({ text: raw });
  });

  it('cuts where a new line starts speaking as another participant', () => {
    expect(cleaner.clean('Ann: We need data.\n\nBob: I agree with Ann.\nCy: Me too.')).toEqual({
      text: 'We need data.',
      cut: { as: 'Bob', removed: 'Bob: I agree with Ann.\nCy: Me too.' },
    });
  });

  it('cuts at the moderator, tagged names with markup, and full names', () => {
    expect(cleaner.clean('Fine.\nModerator: Next topic.').cut?.as).toBe('Moderator');
    expect(cleaner.clean('Fine.\n**Cy:** sure').cut?.as).toBe('Cy');
    expect(cleaner.clean('Fine.\n  Deirdre Ng (futurist): wow').cut?.as).toBe('Dee');
    expect(cleaner.clean('Fine.\nrobert brown: hm').cut?.as).toBe('Bob');
  });

  it('never cuts the first line, and a tag-only first line leaves an empty reply', () => {
    expect(cleaner.clean('Bob: you are wrong.')).toEqual({ text: 'Bob: you are wrong.' });
    expect(cleaner.clean('Ann:\nBob: hi')).toEqual({
      text: '',
      cut: { as: 'Bob', removed: 'Bob: hi' },
    });
    expect(cleaner.clean('**Ann:**')).toEqual({ text: '' });
  });

  it('does not cut at its own name on a later line, or a name without a colon', () => {
    expect(cleaner.clean('First.\nAnn: still me.').text).toBe('First.\nAnn: still me.');
    expect(cleaner.clean('First.\nBob would say otherwise.').cut).toBeUndefined();
  });
});

describe('ReplyCleaner.stream', () => {
  const samples = [
    'Ann: I disagree.',
    '**Ann (Ann Lee):** I disagree, Bob.\nWe need data.',
    'We need data.\n\nBob: I agree with Ann.\nCy: Me too.',
    'Annual budgets: they matter.\nB is for budget.\nBo',
    '  \n  Plain reply\nwith lines\n',
    'Ann:\nBob: hi',
    'Hi.\n**Moderator:** next',
    '**Ann:**',
    'Bob',
    'Ann',
    'Text then\nDee',
  ];

  function streamed(raw: string, cuts: readonly number[]): { text: string; cut: boolean } {
    const stream = cleaner.stream();
    let text = '';
    let from = 0;
    for (const at of [...cuts, raw.length]) {
      text += stream.push(raw.slice(from, at));
      from = at;
    }
    text += stream.end();
    return { text, cut: stream.cut };
  }

  it.each(samples)('shows what clean() keeps, however %j is chunked', (raw) => {
    const final = cleaner.clean(raw);
    const splits: number[][] = [[]];
    for (let i = 1; i < raw.length; i++) splits.push([i]);
    splits.push(Array.from({ length: raw.length }, (_, i) => i));
    for (const split of splits) {
      const shown = streamed(raw, split);
      expect(shown.text.trimEnd()).toBe(final.text);
      expect(shown.cut).toBe(final.cut !== undefined);
    }
  });

  it('holds back a possible tag only until it cannot be one', () => {
    const stream = cleaner.stream();
    expect(stream.push('An')).toBe('');
    expect(stream.push('n')).toBe('');
    expect(stream.push('ual')).toBe('Annual');
    expect(stream.push(' report\nB')).toBe(' report');
    expect(stream.push('ut')).toBe('\nBut');
    expect(stream.push('\nBob')).toBe('');
    expect(stream.push(':')).toBe('');
    expect(stream.cut).toBe(true);
    expect(stream.push(' more')).toBe('');
    expect(stream.end()).toBe('');
  });
});

// The own tag's pattern is built only for a reply that can hold the tag: a colon, and a name's
// first character where the pattern would look for it. Whatever the names, the answer is the
// pattern's.
describe('ReplyCleaner.ownTagLength without its pattern', () => {
  it('answers as the pattern for names and replies of every kind of first character', () => {
    const names = [
      ['Ann', 'Ann Lee'],
      ['ſam', 'Kit'],
      ['\u212aay', 'Éva Kovács'],
      ['_x', '[Bot]'],
      ['*Star', '  Bo '],
      ['Zoë', '19 Ave'],
      ['', ' '],
    ];
    const leads = ['', ' ', '\t', '**', '__', '*', '_', '[', ' **[', '***', ' [[', '\n'];
    const bodies = ['Ann:', 'ann Lee:', 'SAM:', 'sam:', 'kay:', 'KIT:', '_x:', '[Bot]:', 'star:'];
    bodies.push(
      ': hi',
      'éva kovács:',
      'Éva Kovács:',
      'zoë (chair):',
      '19 ave:',
      'bo:',
      'Bob: hi',
      'x',
    );
    let tags = 0;
    for (const [name, fullName] of names) {
      const speaker = { ...ann, name: name ?? '', fullName: fullName ?? '' };
      const reference = new RegExp(ownTagSource([speaker.name, speaker.fullName]), 'iu');
      const seatCleaner = new ReplyCleaner(speaker, [speaker]);
      for (const lead of leads) {
        for (const body of bodies) {
          const text = `${lead}${body} and more`;
          const expected = text.includes(':') ? (reference.exec(text)?.[0].length ?? 0) : 0;
          expect(seatCleaner.ownTagLength(text), `${name}: ${JSON.stringify(text)}`).toBe(expected);
          if (expected > 0) tags++;
        }
      }
    }
    expect(tags).toBeGreaterThan(50);
  });
});
