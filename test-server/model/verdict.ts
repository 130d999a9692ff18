// A debate's verdict and a council's synthesis: asked "which side made the stronger case, and
// why" or "what the council recommends, and why", the judge or chair says what the table chose,
// as a decision, then why in words of its own. A turn of loose sentences there ("Verdict by
// Margit: I think we are closer to an answer than we were an hour ago.") is no verdict.
import { choicesByQuestion, peopleList, rankedOptions, sideFor, theOption } from './agreement.js';
import { isReason } from './clause.js';
import type { Prepared } from './prepare.js';
import { continuing } from './sentence-form.js';
import { Speech } from './speech.js';
import type { ReplyText } from './turn.js';
import type { Voicing } from './voicing.js';

/**
 * What the table chose on the first question two seats or more answered with an option, each
 * sentence with a shorter form (the run guard may refuse one).
 */
function decision(prepared: Prepared, council: boolean): string[][] {
  const self = prepared.self?.name;
  const heard = prepared.view.chain.units
    .slice(0, prepared.view.to)
    .flatMap((unit) =>
      unit.moderator || unit.speaker === undefined
        ? []
        : [{ speaker: unit.speaker, text: unit.text }],
    );
  const choices = [...choicesByQuestion(heard).values()].find((chosen) => chosen.length >= 2);
  if (choices === undefined)
    return [
      [council ? 'The council did not settle on one answer.' : 'Neither side carried it clearly.'],
    ];
  const ranked = rankedOptions(choices);
  const [[option, chose] = ['', []], runnerUp] = ranked;
  if (runnerUp !== undefined && runnerUp[1].length === chose.length) {
    const sides = ranked.map(([label, names]) => sideFor(names, label, self)).join('; ');
    const opening = council ? 'The council is divided' : 'Neither side carried it';
    return [[`${opening}: ${sides}.`, `${opening}.`]];
  }
  const rest = choices.filter((c) => !chose.includes(c.speaker)).map((c) => c.speaker);
  const against = rest.length === 0 ? '' : `, and ${peopleList(rest, self)} did not`;
  const chosen = theOption(option);
  return [
    council
      ? [`The council recommends ${chosen}.`, `We recommend ${chosen}.`]
      : [`My verdict: the case for ${chosen} was the stronger one.`, `The case for ${chosen} won.`],
    [`${peopleList(chose, self)} chose ${chosen}${against}.`],
  ];
}

export function composeVerdict(prepared: Prepared, voicing: Voicing, council: boolean): ReplyText {
  const { temperature, random } = voicing;
  const speech = new Speech(prepared, temperature, random, voicing.poolSeed);
  for (const forms of decision(prepared, council)) speech.acceptFirst(forms);
  // Why, in its own words: a sentence that could follow "Because" (see isReason).
  if (speech.sayWhole(prepared.topicWords, (said) => isReason(prepared, said)) !== undefined)
    speech.rewriteLast((said) => `What weighs most with me: ${continuing(said)}`);
  return { text: speech.text, more: speech.more, runsOn: false };
}
