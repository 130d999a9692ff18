// What the moderator says in each phase: default titles and instructions, and the guidance a
// seat gets in a phase where everyone speaks.
import { MODERATOR } from '../clean-reply.js';
import type { PhaseKind, TopicRef } from '../events.js';
import type { DiscussionState } from '../state.js';
import type { Participant } from '../table.js';
import type { PhaseSpec, SummaryBy } from './spec.js';

const TITLES: Readonly<Record<PhaseKind, string>> = {
  opening: 'Opening',
  discussion: 'Discussion',
  rounds: 'Rounds',
  review: 'Peer review',
  closing: 'Closing positions',
  summary: 'Summary',
};

export function phaseTitle(spec: PhaseSpec, round?: number, rounds?: number): string {
  const title = spec.title ?? TITLES[spec.kind];
  return round === undefined ? title : `${spec.title ?? 'Round'} ${round} of ${rounds ?? round}`;
}

export const OPENING_PROMPT =
  'State your position on the topic: what you think and why, in your own words. You have not heard the others yet.';
export const FIRST_ROUND_PROMPT = 'Give your answer to the topic, with your reasoning.';
export const NEXT_ROUND_PROMPT =
  'Above are the answers from the last round. Using the others’ reasoning as additional advice, give your updated answer.';
export const CLOSING_PROMPT =
  'State your final position on the topic: where you stand now, and whether the discussion changed your mind.';
export const REVIEW_PROMPT =
  'Evaluate each response: what it does well and what it does poorly. Then rank them from best to worst.';

const SUMMARY_PROMPTS: Readonly<Record<Exclude<SummaryBy, 'most-heard'>, string>> = {
  judge:
    'As the judge, weigh the arguments of each side and give your verdict: which side made the stronger case, and why.',
  chair:
    'As the chair, synthesize the answers and the peer review into one final answer to the question: what the council recommends, and why.',
};

/** The summary's instruction: the phase's own, the judge's or chair's, else task/summarize.txt. */
export function summaryPrompt(spec: PhaseSpec, summarize: string, by: SummaryBy): string {
  if (judgeMissing(spec, by)) return summarize;
  if (spec.prompt !== undefined) return spec.prompt;
  return by === 'most-heard' ? summarize : SUMMARY_PROMPTS[by];
}

/** The seat whose side a summary asks for (`judge`, `chair`), when one is at the table. */
export function officialFor(state: DiscussionState, by: SummaryBy): number | undefined {
  if (by === 'most-heard') return undefined;
  return [...state.officials].find(
    (index) => state.seat(index).participant.side?.trim().toLowerCase() === by,
  );
}

/**
 * A summary phase's title. A verdict asked of a judge who is not at the table is not given: a
 * debater would judge its own side. The table's summary takes its place, under its own title and
 * instruction (the phase's were written for the judge).
 */
export function summaryTitle(state: DiscussionState, spec: PhaseSpec): string {
  const by = spec.kind === 'summary' ? (spec.by ?? 'most-heard') : 'most-heard';
  return by === 'judge' && officialFor(state, by) === undefined ? TITLES.summary : phaseTitle(spec);
}

/** `by` is what the phase was given to after its judge was found missing (see `summaryTitle`). */
const judgeMissing = (spec: PhaseSpec, by: SummaryBy): boolean =>
  spec.kind === 'summary' && spec.by === 'judge' && by !== 'judge';

export interface PhaseGuidance {
  readonly prompt: string;
  readonly topic: TopicRef;
  readonly introduce: boolean;
}

/** The built-in instructions, each a sentence of its own that the moderator addresses to a seat. */
const BUILT_IN = new Set([OPENING_PROMPT, FIRST_ROUND_PROMPT, NEXT_ROUND_PROMPT, CLOSING_PROMPT]);

/**
 * The instruction as said after the seat's name: "Margit, give your answer…", not "Margit, Give
 * your answer…". Only the built-in ones: a table's own prompt may open with a name.
 */
function addressed(name: string, prompt: string): string {
  const said = BUILT_IN.has(prompt)
    ? `${prompt.charAt(0).toLowerCase()}${prompt.slice(1)}`
    : prompt;
  return `${name}, ${said}`;
}

/** The last message of a parallel phase's request: whose turn, the topic, what to do. */
export function phaseGuidanceText(participant: Participant, guidance: PhaseGuidance): string {
  const lines = [
    `${MODERATOR}: ${addressed(participant.name, guidance.prompt)}`,
    `Topic: ${guidance.topic.text}`,
  ];
  if (guidance.introduce) {
    lines.push('This is your first turn: introduce yourself in a sentence, then answer.');
  }
  lines.push('Speak only for yourself: no name tag, and no lines for anyone else.');
  return lines.join('\n');
}
