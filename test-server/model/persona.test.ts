import { describe, expect, it } from 'vitest';
import { firstPerson } from './persona.js';

describe('firstPerson', () => {
  it('turns a persona written to the model into what the person would say', () => {
    expect(
      firstPerson([
        'You are Margit Aalto, treasurer of Larkhaven for the last eleven years.',
        'Your first question about any plan is who pays for it in year ten.',
        "You're impatient, but you listen when someone shows you a real constraint.",
        'Most of your friends have left, and the town owes you nothing.',
        'You were a signal engineer; the line is yours as much as anyone’s.',
      ]),
    ).toEqual([
      'I am Margit Aalto, treasurer of Larkhaven for the last eleven years.',
      'My first question about any plan is who pays for it in year ten.',
      "I'm impatient, but I listen when someone shows me a real constraint.",
      'Most of my friends have left, and the town owes me nothing.',
      'I was a signal engineer; the line is mine as much as anyone’s.',
    ]);
  });

  it('drops the directions to the model', () => {
    expect(
      firstPerson([
        'Speak in first person, 2–4 sentences, and address others by name.',
        'Answer as Odile would, briefly.',
        'Never break character.',
        'You love the building.',
      ]),
    ).toEqual(['I love the building.']);
  });
});
