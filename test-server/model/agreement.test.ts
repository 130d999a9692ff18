import { describe, expect, it } from 'vitest';
import { agreementLines, choicesOf, type Heard, supportOf } from './agreement.js';
import { phrasebook } from './phrasebook.js';
import { nounsOf } from './phrases.js';
import { TALK_NOUNS } from './talk.js';

const CONTEXT =
  'The proposals on the table: reopen the line; lift the track and build a walking and cycling trail; or sell strips for housing. The Dene Viaduct needs repairs.';
const nouns = nounsOf([CONTEXT]);
const book = phrasebook([CONTEXT], (word) => (nouns.get(word) ?? 0) + (TALK_NOUNS.get(word) ?? 0));
const QUESTION =
  'Should the Larkhaven Branch carry trains again, become a walking and cycling trail, or make room for housing?';
const names = ['Margit', 'Tomasz', 'Ines', 'Juno'];

function lines(heard: readonly Heard[], self = 'Ines'): string[] {
  return agreementLines({
    heard,
    book,
    names,
    self,
    stances: [
      { speaker: 'Margit', phrases: ['the Dene Viaduct'] },
      { speaker: 'Juno', phrases: ['the track'] },
    ],
    questionPhrase: () => 'the Larkhaven Branch',
  }).map((forms) => forms[0] ?? '');
}

const position = (speaker: string, option: string): Heard => ({
  speaker,
  text: `${QUESTION} → ${option} (80% sure). Because the town has waited long enough.\nWhat should become of the station? → Workshops for young people. (60% sure). Because nobody uses it.`,
});

describe('choicesOf', () => {
  it('reads the options seats chose at the closing, not their free-text answers', () => {
    expect(choicesOf([position('Margit', 'trail')])).toEqual([
      { speaker: 'Margit', question: QUESTION, option: 'trail' },
    ]);
  });
});

describe('agreementLines', () => {
  it('says who chose an option most seats chose, and who did not', () => {
    const heard = ['Margit', 'Ines', 'Juno'].map((name) => position(name, 'trail'));
    heard.push(position('Tomasz', 'trains'));
    expect(lines(heard)[0]).toBe(
      'On the Larkhaven Branch, Margit, Juno and I chose trail over trains, and Tomasz did not.',
    );
  });

  it('claims no agreement on an even split: it names the sides', () => {
    const heard = [
      position('Margit', 'trail'),
      position('Juno', 'trail'),
      position('Tomasz', 'trains'),
      position('Ines', 'trains'),
    ];
    const said = lines(heard).join(' ');
    expect(said).not.toMatch(/agree on|chose/);
    expect(said).toContain(
      'we are split: Margit and Juno are for trail; Tomasz and I are for trains.',
    );
  });

  it('keeps the verb of a side that is one seat: "I am for trail", never "I for trail"', () => {
    const heard = [
      position('Margit', 'housing'),
      position('Ines', 'trail'),
      position('Tomasz', 'trains'),
      position('Juno', 'trains'),
    ];
    const said = lines(heard).join(' ');
    // Before: "we are split: Tomasz and Juno for trains; Margit for housing; I for trail."
    expect(said).toContain(
      'we are split: Tomasz and Juno are for trains; Margit is for housing; I am for trail.',
    );
  });

  it('names an option of several words as one thing: "for the rural-connectivity grant"', () => {
    const grant = (speaker: string, option: string): Heard => ({
      speaker,
      text: `We can apply for one grant: which one? → ${option} (70% sure). Because it lasts.`,
    });
    const said = lines([
      grant('Margit', 'rural-connectivity grant'),
      grant('Juno', 'rural-connectivity grant'),
      grant('Tomasz', 'active-travel grant'),
      grant('Ines', 'active-travel grant'),
    ]).join(' ');
    expect(said).toContain(
      'Margit and Juno are for the rural-connectivity grant; Tomasz and I are for the active-travel grant.',
    );
  });

  it('does not name a question by an option it offers, and a split it cannot name says between what', () => {
    const GRANT =
      'We can apply for the active-travel grant or the rural-connectivity grant, not both: which one, and why?';
    const grant = (speaker: string, option: string): Heard => ({
      speaker,
      text: `${GRANT} → ${option} (70% sure). Because it lasts.`,
    });
    const asked = (heard: readonly Heard[]) =>
      agreementLines({
        heard,
        book,
        names,
        self: 'Ines',
        stances: [],
        questionPhrase: () => 'the active-travel grant',
      });
    // Before: "On the active-travel grant, we all chose the rural-connectivity grant."
    const all = asked(names.map((name) => grant(name, 'rural-connectivity grant')));
    expect(all[0]?.[0]).toBe('We all chose the rural-connectivity grant.');
    // Before: "We did not agree." (after "On the Larkhaven Branch, we all chose trains.").
    const split = asked([
      grant('Margit', 'rural-connectivity grant'),
      grant('Juno', 'rural-connectivity grant'),
      grant('Tomasz', 'active-travel grant'),
      grant('Ines', 'active-travel grant'),
    ]);
    expect(split.flat()).not.toContain('We did not agree.');
    expect(split.flat()).toContain(
      'We were split between the rural-connectivity grant and the active-travel grant.',
    );
  });

  it('does not take the question everyone quoted for agreement: it names differing views', () => {
    // Every seat names the trail (quoting the question, or in passing): nobody spoke for it.
    const heard = names.map((speaker) => ({
      speaker,
      text: `${speaker === 'Juno' ? 'Margit' : 'Juno'}, ${QUESTION.charAt(0).toLowerCase()}${QUESTION.slice(1)} The walking and cycling trail is one of the proposals.`,
    }));
    const said = lines(heard);
    expect(said.join(' ')).not.toMatch(/agree|common ground/i);
    expect(said).toEqual([
      'We still differ: Margit puts the Dene Viaduct first, while Juno puts the track first.',
    ]);
    // Before: "We still differ: Margit puts the Dene Viaduct first, I the track."
    expect(lines(heard, 'Juno')).toEqual([
      'We still differ: Margit puts the Dene Viaduct first, while I put the track first.',
    ]);
  });

  it('says two seats agree where both spoke for the same thing', () => {
    const heard: Heard[] = [
      {
        speaker: 'Juno',
        text: 'Margit is talking sense. We should lift the track and build the trail.',
      },
      { speaker: 'Tomasz', text: 'I agree with Juno about the walking and cycling trail.' },
      { speaker: 'Margit', text: 'I am not for the walking and cycling trail.' },
    ];
    expect(lines(heard)[0]).toBe('Tomasz and Juno agree on the walking and cycling trail.');
  });

  it('counts the seat a speaker agrees with, however the words are written', () => {
    const said = [
      'I agree with Juno about the walking and cycling trail.',
      'I AGREE WITH juno ABOUT the walking and cycling trail.',
      'Juno is Right About the walking and cycling trail.',
      'I think JUNO IS RIGHT ABOUT the walking and cycling trail.',
    ];
    for (const text of said) {
      const support = supportOf([{ speaker: 'Tomasz', text }], book, names);
      expect(support.get('the walking and cycling trail')?.speakers, text).toEqual(
        new Set(['Tomasz', 'Juno']),
      );
    }
    const alone = supportOf(
      [{ speaker: 'Tomasz', text: 'We should build the walking and cycling trail.' }],
      book,
      names,
    );
    expect([...alone.values()].map((entry) => [...entry.speakers])).toEqual([['Tomasz']]);
  });
});
