// The fixed lines a turn is framed with: introductions, answers, reactions, invitations,
// wrap-ups. Each is one of several, chosen at random, and each still has to pass the reply's
// recitation check (a table's instructions might happen to contain one).

export type Line = (slots: Slots) => string | undefined;

export interface Slots {
  /** The person addressed. */
  readonly name: string;
  /** A second person addressed (invitations to two). */
  readonly second?: string | undefined;
  /** A phrase of the turn being answered or of the topic: "the Dene Viaduct". */
  readonly phrase?: string | undefined;
  /** The topic's question, when it is one, with its first letter in lower case. */
  readonly question?: string | undefined;
}

const withPhrase =
  (make: (name: string, phrase: string) => string): Line =>
  ({ name, phrase }) =>
    phrase === undefined ? undefined : make(name, phrase);

export const INTRODUCTIONS: readonly ((fullName: string) => string)[] = [
  (full) => `I'm ${full}.`,
  (full) => `Good evening, I'm ${full}.`,
  (full) => `Hello, everyone, I'm ${full}.`,
  (full) => `My name is ${full}.`,
];

/** The sentence is a turn's introduction (one of INTRODUCTIONS). */
export function isIntroduction(sentence: string): boolean {
  return /^(?:(?:Good evening|Hello, everyone), )?I'm |^My name is /.test(sentence);
}

/** Opening an answer to a question put to this seat in the last turn. */
export const ANSWERS: readonly string[] = [
  'Good question.',
  "Since you ask, I'll be direct.",
  'Let me answer that.',
  'Fair question, and here is my answer.',
  "I'm glad you asked.",
  'I have thought about that one.',
  'Here is my honest answer.',
  'Happy to answer that.',
];

/**
 * The openers a seat may answer with now: its own share of ANSWERS (dealt by its place among the
 * table's names, sorted, so two seats never open alike), each once a conversation. Once it has
 * said them all, none: the seat answers straight, with a sentence of its own on what it was
 * asked. In 40-turn runs a seat is asked a question four or five times, and the five openers
 * every seat drew from came round again ("Good question." from Tomasz twice, after Margit).
 */
export function answerOpeners(
  self: string | undefined,
  others: readonly string[],
  heard: (line: string) => boolean,
  random: () => number,
): string[] {
  const names = [...new Set([self, ...others])]
    .filter((name): name is string => name !== undefined && name !== '')
    .sort();
  const place = self === undefined ? -1 : names.indexOf(self);
  const own =
    place < 0 || names.length < 2
      ? ANSWERS
      : ANSWERS.filter((_, index) => index % names.length === place);
  return shuffled(own, random).filter((line) => !heard(line));
}

/** Taking up what the last speaker said, by name. */
export const REACTIONS: readonly Line[] = [
  withPhrase((name, phrase) => `I agree with ${name} about ${phrase}.`),
  withPhrase((name, phrase) => `${name} is right about ${phrase}, up to a point.`),
  withPhrase((name, phrase) => `I see ${phrase} differently from ${name}.`),
  withPhrase((name, phrase) => `${name}, I hear you on ${phrase}.`),
  ({ name }) => `That is a fair point, ${name}.`,
  ({ name }) => `I'm not so sure, ${name}.`,
  ({ name }) => `${name}, you have a point there.`,
];

/** Naming someone at the end of a turn, without inviting a long answer. */
export const ASIDES: readonly Line[] = [
  ({ name }) => `Don't you agree, ${name}?`,
  ({ name }) => `${name} knows what I mean.`,
  ({ name }) => `Right, ${name}?`,
  ({ name }) => `I think ${name} would say the same.`,
];

/** The topic's question put to someone: "Ines, should the branch carry trains again?" */
const putsQuestion: Line = ({ name, question }) =>
  question === undefined ? undefined : `${name}, ${question}`;

/** Asking others for their view, the last sentence of a turn. */
export const INVITATIONS: readonly Line[] = [
  withPhrase((name, phrase) => `${name}, what do you make of ${phrase}?`),
  withPhrase((name, phrase) => `${name}, where do you stand on ${phrase}?`),
  withPhrase((name, phrase) => `What would you do about ${phrase}, ${name}?`),
  withPhrase((name, phrase) => `${name}, how would you handle ${phrase}?`),
  putsQuestion,
  ({ name, second }) =>
    second === undefined ? undefined : `${name} and ${second}, what do you think?`,
  ({ name, second, phrase }) =>
    second === undefined || phrase === undefined
      ? undefined
      : `${name} and ${second}, how do you see ${phrase}?`,
  ({ name }) => `${name}, do you see it the same way?`,
  ({ name }) => `${name}, would you back that?`,
  ({ name }) => `What do you think, ${name}?`,
];

/** Each invitation's form as a pattern of a sentence, the slots any words (see invitationForm). */
let invitationForms: RegExp[] | undefined;

/**
 * Which of INVITATIONS `sentence` is (its place), or -1. The topic's question put to someone
 * ("Ines, should the branch …?") is any question after a name and a comma, so the other forms,
 * whose words are fixed, are asked first.
 */
export function invitationForm(sentence: string): number {
  const slot = '\u0000';
  invitationForms ??= INVITATIONS.map((line) => {
    const text = line({ name: slot, second: slot, phrase: slot, question: slot }) ?? '';
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^${escaped.replaceAll(slot, '.+?')}$`, 'su');
  });
  const question = INVITATIONS.indexOf(putsQuestion);
  const found = invitationForms.findIndex((form, at) => at !== question && form.test(sentence));
  if (found >= 0) return found;
  return sentence.endsWith('?') && invitationForms[question]?.test(sentence) === true
    ? question
    : -1;
}

/**
 * The invitations a seat may end its turn on, in the order to try them: none heard tonight
 * ("What do you think, Tomasz?" twice in a run), and the forms it or the last speaker used
 * lately after the rest (`used`, places in INVITATIONS), so that a seat's invitations vary as
 * its answer openers do. In 40-turn runs a seat invites someone six or seven times, and the
 * form drawn afresh each time came round again.
 */
export function invitations(
  slots: Slots,
  used: ReadonlySet<number>,
  heard: (line: string) => boolean,
  random: () => number,
): string[] {
  const offered: string[] = [];
  firstInvitation(slots, used, heard, random, (line) => {
    offered.push(line);
    return false;
  });
  return offered;
}

/**
 * The first of `invitations` in their order that `take` takes, or undefined: a turn says one,
 * and asking whether each form was heard tonight (its text in lower case, looked up) for all
 * ten was most of inviting.
 */
export function firstInvitation(
  slots: Slots,
  used: ReadonlySet<number>,
  heard: (line: string) => boolean,
  random: () => number,
  take: (line: string) => boolean,
): string | undefined {
  const stale: string[] = [];
  for (const index of shuffled(
    INVITATIONS.map((_, i) => i),
    random,
  )) {
    const text = INVITATIONS[index]?.(slots);
    if (text === undefined || heard(text)) continue;
    if (used.has(index)) stale.push(text);
    else if (take(text)) return text;
  }
  for (const text of stale) if (take(text)) return text;
  return undefined;
}

/** Put before the last sentence of a turn that wraps up. */
export const WRAP_UPS: readonly string[] = [
  'To sum up where I stand, ',
  'So, in short, ',
  'All in all, ',
  'Let me close with this: ',
  'My last word on this: ',
];

export const CLOSINGS: readonly string[] = [
  'That is where I stand.',
  'Thank you, everyone.',
  "That's all from me.",
  "I'll leave it there.",
];

/** When nothing better can be said without reciting. */
export const FALLBACKS: readonly string[] = [
  'I agree with much of that.',
  'I need to think about that.',
  'I see it a little differently.',
  'That is worth weighing.',
  'I am not convinced yet.',
];

/**
 * The fixed lines' words, a slot (a name, a phrase) as a break: words every seat may say, in
 * runs no persona lent them.
 */
export function fixedLineTexts(): string[] {
  const slot = '|';
  const slots: Slots = { name: slot, second: slot, phrase: slot, question: slot };
  const lines: Line[] = [...REACTIONS, ...ASIDES, ...INVITATIONS];
  return [
    ...INTRODUCTIONS.map((line) => line(slot)),
    ...ANSWERS,
    ...lines.map((line) => line(slots) ?? ''),
    ...WRAP_UPS,
    ...CLOSINGS,
    ...FALLBACKS,
  ].flatMap((text) => text.split(slot));
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
