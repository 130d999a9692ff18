// A seat's turn: an introduction when it is its first, a word to the last speaker now and then,
// a few sentences of its own on the topic, and what the moderator asked for (an invitation to
// others by name, a wrap-up), then the control word a knob asks for.

import { isSpace } from '../../src/unicode-properties.js';
import type { Random } from '../prng.js';
import { announces, opensOnThat, quotesContext } from './clause.js';
import { type Knobs, REPEAT_MARKER } from './knobs.js';
import { isCapitalisedWord } from './letters.js';
import {
  ASIDES,
  answerOpeners,
  firstInvitation,
  INTRODUCTIONS,
  invitationForm,
  REACTIONS,
  type Slots,
  shuffled,
  WRAP_UPS,
} from './lines.js';
import { tooEarlyToLookBack } from './looking-back.js';
import { mainPhrase, mainPhraseOf } from './main-phrase.js';
import { type BookPhrase, joinBooks, mentionsOf, phrasebook } from './phrasebook.js';
import type { Prepared } from './prepare.js';
import type { Unit } from './read-request.js';
import { ownTurns } from './seat-turns.js';
import { continuing } from './sentence-form.js';
import { Speech } from './speech.js';
import { beforeClosing, firstLine, inviteLast, statesAside, wrapUpTurn } from './turn-end.js';
import { topicMemo, topicPhrases } from './turn-reading.js';
import type { Voicing } from './voicing.js';
import { nameTest, normalWords } from './words.js';

/** A reply: its text, where more comes from, and whether it runs on to max_tokens. */
export interface ReplyText {
  readonly text: string;
  /** Another sentence in the same voice (for ignore_eos, or a reply that rambles). */
  readonly more: (() => string) | undefined;
  /** The ramble knob fired: the reply keeps going until max_tokens. */
  readonly runsOn: boolean;
}

/** How often a seat names someone unprompted: now and then, more when it runs hot. */
export function defaultMention(temperature: number): number {
  return 0.1 + 0.3 * Math.min(temperature, 1.5);
}

function mentions(text: string, name: string): boolean {
  return nameTest([name]).test(text);
}

/** A sentence's end (see asks): . ! or ? with whitespace (as \s matches it) after it. */
function endsAt(text: string, at: number): boolean {
  const mark = text.charCodeAt(at);
  return (mark === 0x2e || mark === 0x21 || mark === 0x3f) && isSpace(text.charCodeAt(at + 1));
}

/** Only whitespace (what trim() strips) from `from` on. */
function blankFrom(text: string, from: number): boolean {
  for (let at = from; at < text.length; at++) if (!isSpace(text.charCodeAt(at))) return false;
  return true;
}

/**
 * A sentence of `text` (split after . ! or ? and whitespace) that names `name` ends with a
 * question mark: it was put to them. Read from each question mark back to the sentence's start:
 * splitting a long turn with a lookbehind pattern cost more than all the rest of a turn's reading,
 * and a \s pattern tested on each character read back ~3% of composing a turn.
 */
function asks(text: string, name: string): boolean {
  for (let mark = text.indexOf('?'); mark !== -1; mark = text.indexOf('?', mark + 1)) {
    // A question ends its sentence where whitespace, or the text's end, follows it.
    if (!blankFrom(text, mark + 1) && !endsAt(text, mark)) continue;
    let start = mark - 1;
    while (start >= 0 && !(isSpace(text.charCodeAt(start)) && endsAt(text, start - 1))) start--;
    if (mentions(text.slice(start + 1, mark + 1), name)) return true;
  }
  return false;
}

/** Others, those who have not been heard for longest first (never heard: first of all). */
function leastRecent(prepared: Prepared): string[] {
  // From the last turn back, until every other seat has been met: a long discussion's window
  // holds dozens of turns, and only each seat's last one counts.
  const lastAt = new Map<string, number>();
  const { turns, others } = prepared;
  let met = 0;
  for (let index = turns.length - 1; index >= 0 && met < others.length; index--) {
    const speaker = turns[index]?.speaker;
    if (speaker === undefined || lastAt.has(speaker)) continue;
    lastAt.set(speaker, index);
    if (others.some((seat) => seat.name === speaker)) met++;
  }
  return prepared.others
    .map((seat) => seat.name)
    .sort((a, b) => (lastAt.get(a) ?? -1) - (lastAt.get(b) ?? -1));
}

/** Whom to address: the `to` knob, else whom the moderator named, else someone not heard lately. */
function targets(prepared: Prepared, knobs: Knobs, random: Random): string[] {
  const names = prepared.others.map((seat) => seat.name);
  const wanted = knobs.to?.toLowerCase();
  const chosen = names.find((name) => name.toLowerCase() === wanted);
  if (chosen !== undefined) return [chosen];
  const named = prepared.guidance?.named ?? [];
  if (named.length > 0) return [...named];
  const ranked = leastRecent(prepared);
  const pool = ranked.slice(0, Math.min(2, ranked.length));
  const first = pool[Math.floor(random() * pool.length)];
  return first === undefined ? [] : [first, ...ranked.filter((name) => name !== first)];
}

/** The topic's question, to put to someone: "should the branch carry trains again?" */
function questionOf(topic: string | undefined): string | undefined {
  if (topic === undefined || !topic.trim().endsWith('?')) return undefined;
  const words = topic.trim().split(/\s+/);
  if (words.length > 24) return undefined;
  const first = words[0] ?? '';
  return isCapitalisedWord(first) ? `${first.toLowerCase()} ${words.slice(1).join(' ')}` : topic;
}

/** The topic's question, unless it quotes the context (a fact of the case put as a question). */
function ownQuestion(prepared: Prepared): string | undefined {
  const question = questionOf(prepared.topic);
  return question === undefined || quotesContext(prepared, question) ? undefined : question;
}

function speakerOf(prepared: Prepared, turn: Unit | undefined): string | undefined {
  if (turn === undefined || turn.own || turn.speaker === undefined) return undefined;
  return prepared.others.some((seat) => seat.name === turn.speaker) ? turn.speaker : undefined;
}

/** The things the seat's texts and a topic name, by seat and topic (32 topics a seat). */
const booksByTopic = topicMemo<readonly BookPhrase[]>(32);

function bookOf(prepared: Prepared): readonly BookPhrase[] {
  const { seat, topic } = prepared;
  if (topic === undefined) return seat.book;
  return booksByTopic(seat, topic, () => joinBooks(seat.book, phrasebook([topic], prepared.nouns)));
}

/**
 * What a turn was about, named as the table's texts name it (a phrase of the context, the
 * persona or the topic that the turn mentions, the weightiest), else its main phrase.
 */
function namedIn(
  text: string,
  prepared: Prepared,
  exclude: ReadonlySet<string>,
): string | undefined {
  // Only phrases all of whose words the text holds can be mentioned in it: the rest of the book
  // need not be looked for at every place in a long turn.
  const words = new Set(normalWords(text));
  const present = bookOf(prepared).filter((phrase) => phrase.key.every((word) => words.has(word)));
  const named = mentionsOf(text, present).filter(
    (phrase) => !phrase.key.some((word) => exclude.has(word)),
  );
  let best = named[0];
  for (const phrase of named)
    if (prepared.weightOf(phrase.head) > prepared.weightOf(best?.head ?? '')) best = phrase;
  return best?.text ?? mainPhrase(text, prepared.weightOf, exclude, prepared.nouns)?.text;
}

function introduces(prepared: Prepared): boolean {
  if (prepared.guidance?.introduce === true) return true;
  // Counted over the whole conversation: a first turn can have left the context window.
  const spokeBefore = ownTurns(prepared) > 0;
  const opening = prepared.view.chain.units.find((unit) => unit.moderator);
  return !spokeBefore && opening !== undefined && /\bintroduce yourselves\b/i.test(opening.text);
}

/**
 * The invitation forms (places in INVITATIONS) this seat ended its turns on in the conversation's
 * window, and the last speaker's: tried after the others (see invitations).
 */
function invitedLately(prepared: Prepared): Set<number> {
  const used = new Set<number>();
  const last = prepared.turns.at(-1);
  for (const turn of prepared.turns) {
    if (!turn.own && turn !== last) continue;
    const end = turn.text.slice(turn.text.lastIndexOf('. ') + 1).trim();
    const form = end.endsWith('?') ? invitationForm(end) : -1;
    if (form >= 0) used.add(form);
  }
  return used;
}

/** Control words at the end of a turn ("[pass]"), which a repeat does not repeat. */
const CONTROL_WORDS = /(?:\s*\[(?:pass|leave|end)\])+\s*$/i;

/** The control word a knob asks for, if any this turn. */
function controlWord(knobs: Knobs, random: Random): string | undefined {
  if (knobs.end > 0 && random() < knobs.end) return '[end]';
  if (knobs.leave > 0 && random() < knobs.leave) return '[leave]';
  if (knobs.pass > 0 && random() < knobs.pass) return '[pass]';
  return undefined;
}

export function composeTurn(prepared: Prepared, voicing: Voicing): ReplyText {
  const { knobs, temperature, random } = voicing;
  const speech = new Speech(prepared, temperature, random, voicing.poolSeed);
  const guidance = prepared.guidance;
  const control = controlWord(knobs, random);
  const withControl = (text: string) => (control === undefined ? text : `${text} ${control}`);

  const lastOwn = prepared.turns.findLast((turn) => turn.own);
  if (lastOwn !== undefined && knobs.repeat > 0 && random() < knobs.repeat) {
    const said = lastOwn.text.replace(CONTROL_WORDS, '').trim();
    const again = REPEAT_MARKER.test(said) ? said : `As I said, ${continuing(said)}`;
    return { text: withControl(again), more: speech.more, runsOn: false };
  }

  const rambles = knobs.ramble > 0 && random() < knobs.ramble;
  const self = prepared.self;
  if (self !== undefined && introduces(prepared)) {
    speech.acceptFirst(shuffled(INTRODUCTIONS, random).map((line) => line(self.fullName)));
  }

  const lastTurn = prepared.turns.at(-1);
  const previous = speakerOf(prepared, lastTurn);
  const addressed =
    previous !== undefined && self !== undefined && asks(lastTurn?.text ?? '', self.name);
  const chance = knobs.mention ?? defaultMention(temperature);
  const mentionNow = prepared.others.length > 0 && random() < chance;
  const who = targets(prepared, knobs, random);
  const exclude = prepared.nameWords;
  // What the last turn and the topic were about, found only when a line names them: most turns
  // have no reaction or invitation, and finding a phrase reads the whole text.
  const previousPhrase = () =>
    lastTurn === undefined ? undefined : namedIn(lastTurn.text, prepared, exclude);
  const topicPhrase = () =>
    prepared.topic === undefined
      ? undefined
      : mainPhraseOf(topicPhrases(prepared, prepared.topic), prepared.weightOf, exclude)?.text;

  const wrapUp = guidance?.wrapUp === true;
  if (wrapUp) speech.closeFacts();
  else if (tooEarlyToLookBack(guidance)) speech.holdLookingBack();
  let named = false;
  // Told to wrap up, the turn's lead-in ("To sum up where I stand, …") is its answer: an opener
  // before it would make two in a row ("Since you ask, I'll be direct. So, in short, …").
  if (addressed && !wrapUp) {
    // The seat's own openers not heard tonight, else none (see answerOpeners): "Fair question,
    // and here is my answer." twice in five turns reads as a tic, not an answer.
    const heard = (line: string) => prepared.view.alreadySaid(line.toLowerCase());
    const others = prepared.others.map((seat) => seat.name);
    speech.acceptFirst(answerOpeners(self?.name, others, heard, random));
  } else if (mentionNow && previous !== undefined && who[0] === previous) {
    named = firstLine(speech, REACTIONS, { name: previous, phrase: previousPhrase() });
  }

  // Two to four sentences of its own, as a table asks (a model asked for that writes 60 to 90
  // tokens); fewer when wrapping up.
  const count =
    knobs.sentences ?? (wrapUp ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 2));
  for (let i = 0; i < count; i++) {
    const focus = i === 0 && addressed ? prepared.recentWords : undefined;
    speech.sayAnything(focus);
  }
  // An announcement last promises what never comes: another sentence takes its place.
  if (speech.parts.length > 1 && announces(speech.parts.at(-1) ?? '')) {
    const announcement = speech.withdrawLast();
    if (speech.sayAnything() === announcement) speech.withdrawLast();
    if (announces(speech.parts.at(-1) ?? '')) speech.withdrawLast();
  }

  if (wrapUp) {
    wrapUpTurn(speech, prepared, guidance?.lastTurn === true);
  }

  if (rambles) return { text: speech.text, more: speech.more, runsOn: true };

  const [first, second] = who;
  if (guidance?.invite === true && first !== undefined) {
    const slots: Slots = {
      name: first,
      second: who.length > 1 && random() < 0.25 ? second : undefined,
      phrase: topicPhrase() ?? previousPhrase(),
      // Told to wrap up, a seat quotes no fact of the case (see closeFacts), not even in the
      // topic's question: "Ines, the Dene Viaduct needs €2.4 million of repairs …?" recites it.
      question: wrapUp ? ownQuestion(prepared) : questionOf(prepared.topic),
    };
    const heard = (line: string) => prepared.view.alreadySaid(line.toLowerCase());
    inviteLast(speech, () => {
      const used = invitedLately(prepared);
      if (firstInvitation(slots, used, heard, random, (line) => speech.accept(line)) === undefined)
        speech.parts.push(`What do you think, ${first}?`);
    });
    named = true;
  }
  if (mentionNow && !named && first !== undefined) {
    beforeClosing(
      speech,
      (closed) =>
        // Not before a wrap-up's lead-in: "Margit, so, in short, …" opens twice.
        (!closed &&
          !WRAP_UPS.some((lead) => speech.parts.at(-1)?.startsWith(lead) === true) &&
          // Nor before one that opens on what was just said: "Greta, that is where the real
          // cost hides." points at the speaker's own sentence as if it were Greta's.
          !opensOnThat(speech.parts.at(-1) ?? '') &&
          speech.rewriteLast((last) => `${first}, ${continuing(last)}`)) ||
        // Before a closing, no question: "Right, Ines? That is where I stand." leaves it hanging.
        firstLine(speech, closed ? ASIDES.filter(statesAside) : ASIDES, { name: first }),
    );
  }
  return { text: withControl(speech.text), more: speech.more, runsOn: false };
}
