// How a turn ends: a wrap-up's lead-in or closing line, a question to someone put last, an aside
// before the closing. Each keeps a turn from ending on something left hanging.
import { announces, lostReferent, quotesContext, standsAlone, statesStance } from './clause.js';
import { lettersAndSpaces } from './letters.js';
import { CLOSINGS, type Line, type Slots, shuffled, WRAP_UPS } from './lines.js';
import type { Prepared } from './prepare.js';
import { continuing } from './sentence-form.js';
import type { Speech } from './speech.js';

/** An aside that is no question ("Ines knows what I mean."). */
export const statesAside = (line: Line) => !(line({ name: 'X' }) ?? '').endsWith('?');

export function firstLine(speech: Speech, lines: readonly Line[], slots: Slots): boolean {
  const options: string[] = [];
  for (const line of shuffled(lines, speech.random)) {
    const text = line(slots);
    if (text !== undefined) options.push(text);
  }
  return speech.acceptFirst(options) !== undefined;
}

/** The closing line that takes leave of everyone: nothing said to one person can follow it. */
const FAREWELL = 'Thank you, everyone.';

/**
 * Puts a question to someone at the end of the turn, after its closing line if it has one: a
 * closing after a question leaves the question hanging ("Ines, would you back that? That is
 * where I stand."). The closing then hands over ("That is where I stand. Ines, …?"); a
 * farewell to everyone cannot ("Thank you, everyone. Ines, what …?" turns back after sitting
 * down), so another closing takes its place, or none where none fits.
 */
export function inviteLast(speech: Speech, invite: () => void): void {
  if (speech.parts.at(-1) === FAREWELL) {
    speech.withdrawLast();
    // Nor one the turn has said in part ("To sum up where I stand, … That is where I stand.").
    const others = CLOSINGS.filter((line) => line !== FAREWELL && !echoes(line, speech.text));
    speech.acceptFirst(shuffled(others, speech.random));
  }
  invite();
}

/**
 * Adds an aside naming someone (`add`, told whether the turn ended on a closing line; returns
 * whether it added one) before the closing line, which goes back after it. A closing with no
 * fitting line after the aside stays, and the aside gives way.
 */
export function beforeClosing(speech: Speech, add: (closed: boolean) => boolean): void {
  const closing = CLOSINGS.includes(speech.parts.at(-1) ?? '') ? speech.withdrawLast() : undefined;
  const added = add(closing !== undefined);
  if (closing === undefined) return;
  // Another closing line may follow where this one would recite.
  const others = CLOSINGS.filter((line) => line !== closing && !echoes(line, speech.text));
  if (speech.acceptFirst([closing, ...shuffled(others, speech.random)]) !== undefined) return;
  if (added) speech.withdrawLast();
  speech.parts.push(closing);
}

/** The closing line's last three words are in the turn already. */
function echoes(line: string, text: string): boolean {
  const words = lettersAndSpaces(line.toLowerCase()).split(/\s+/);
  return text.toLowerCase().includes(words.slice(-3).join(' '));
}

/**
 * The end of a turn told to wrap up: a lead-in before its last sentence ("All in all, …"), or a
 * closing line, or both.
 */
export function wrapUpTurn(speech: Speech, prepared: Prepared, lastTurn: boolean): void {
  const { random } = speech;
  const lead = shuffled(WRAP_UPS, random);
  // A lead-in goes before a statement that reads alone only: "So, in short, let me be blunt:
  // …" opens twice, and "All in all, that is where the real cost hides." sums up nothing. Nor
  // before a fact of the case: "All in all, the Dene Viaduct (1871, nine stone arches) carries
  // the line …" recites the context; nor before a splice ("My last word on this: I would start
  // with the town would carry forever.").
  // It ends on where the seat stands: "I would like to hear how this works for …" or "I think
  // that idea deserves more credit …" then "That is where I stand." says no stance.
  const stance = (sentence: string) =>
    statesStance(prepared, sentence) && !lostReferent(prepared.seat, sentence);
  // From the seat's bank or the talk only: a fresh walk can splice ("If the numbers are in.").
  if (!stance(speech.parts.at(-1) ?? '')) speech.sayWhole(prepared.topicWords, stance, false);
  const last = speech.parts.at(-1);
  // Nor after an announcement: "Let me add something from my own work, because it changes the
  // picture. To sum up where I stand, …" sums up instead of adding what it promised.
  const led =
    last !== undefined &&
    !announces(speech.parts.at(-2) ?? '') &&
    standsAlone(last) &&
    !quotesContext(prepared, last) &&
    prepared.seat.mix.fivesHold(last.split(' ')) &&
    lead.some((words) => speech.rewriteLast((said) => words + continuing(said)));
  // A turn told to wrap up says so: with a lead-in, else with a closing line (after a shorter
  // turn, if its last sentence lets none follow).
  if (!led || lastTurn || random() < 0.5) {
    // Not after a question or an announcement: "… what changes for us next year? That is
    // where I stand." leaves it hanging. Such a sentence gives way, or is followed by another.
    const open = () => {
      const last = speech.parts.at(-1) ?? '';
      return last.endsWith('?') || announces(last);
    };
    const settle = () => {
      while (speech.parts.length > 1 && open()) speech.withdrawLast();
      if (open()) speech.sayAnything();
    };
    settle();
    // Not a closing the turn has said in part: "To sum up where I stand, … That is where I stand."
    // One heard tonight only when every one was, and the last turn's last of all: "Thank you,
    // everyone." on two turns in a row is a chorus of farewells.
    const before = prepared.turns.at(-1)?.text ?? '';
    const rank = (line: string) =>
      before.includes(line) ? 2 : prepared.view.alreadySaid(line.toLowerCase()) ? 1 : 0;
    const closing = () => {
      if (open()) return false;
      const lines = shuffled(CLOSINGS, random).filter((line) => !echoes(line, speech.text));
      // A stable sort: the shuffle decides among lines of one rank.
      return speech.acceptFirst(lines.sort((a, b) => rank(a) - rank(b))) !== undefined;
    };
    if (!closing() && !led && speech.parts.length > 1) {
      speech.withdrawLast();
      settle();
      closing();
    }
  }
}
