// What the offline LLM moderator decides from: who has had the floor (read from a request's
// `Name:` paragraphs), why it gives the floor to someone next (reasons that say something of this
// discussion: who asked whom, who has been quiet since raising what, what the last speaker put on
// the table; not one line for every turn), and when it ends the discussion.
import type { Prepared } from '../model/prepare.js';
import { nameTest } from '../model/words.js';
import type { Random } from '../prng.js';

const CONTINUE = /continue|speak|next_?speaker|keep|go_?on|none|proceed|discuss/i;
const NEXT_TOPIC = /topic|move|switch|change/i;
const END = /end|stop|close|finish|wrap/i;

/** "Turns left: 4." (roundtable's moderator request) or "4 turns left", the last one said. */
const TURNS_LEFT = /\bturns? left:?\s*(\d+)|\b(\d+) turns? left\b/gi;
/** Someone at the table proposed to end ("Proposed to end: Ann, Bob."). */
const PROPOSED_END = /\bproposed to end:\s*\S/i;

/**
 * How likely a moderator is to end the discussion now. Not while there is time: it lets the
 * discussion use its turns, and ends it early only as the budget runs out (a quarter of the time
 * with one turn left, 1 in 16 with two, 1 in 324 with nine, never with ten or more: 1 in 400 and
 * less each turn still ended a 60-turn discussion before its last ten in ~2% of runs), or sooner
 * when the seats themselves propose to end. Without a budget in sight, rarely.
 */
export function endChance(turnsLeft: number | undefined, proposed: boolean): number {
  const base =
    turnsLeft === undefined
      ? 0.02
      : turnsLeft <= 0
        ? 0.5
        : turnsLeft >= 10
          ? 0
          : Math.min(0.5, 0.25 / turnsLeft ** 2);
  return proposed ? Math.min(0.6, 4 * base + 0.05) : base;
}

/** Where each candidate last spoke (paragraph index), and whom the last turn named. */
export interface Floor {
  readonly lastSpoke: ReadonlyMap<string, number>;
  readonly lastSpeaker: string | undefined;
  readonly addressed: readonly string[];
  /** Turns taken by anyone after each candidate's last one. */
  readonly turnsSince: ReadonlyMap<string, number>;
  /** Each candidate's last turn. */
  readonly lastSaid: ReadonlyMap<string, string>;
}

export function pick<T>(items: readonly T[], random: Random): T | undefined {
  return items[Math.floor(random() * items.length)];
}

/** Who spoke when, from `Name:` paragraphs anywhere in the request. */
export function floorOf(prepared: Prepared, candidates: readonly string[]): Floor {
  const paragraphs: string[] = [];
  for (const unit of prepared.read.units) {
    if (unit.speaker !== undefined) paragraphs.push(`${unit.speaker}: ${unit.text}`);
    else paragraphs.push(...unit.text.split(/\n+/));
  }
  if (prepared.read.ask !== undefined) paragraphs.push(...prepared.read.ask.split(/\n+/));
  const lastSpoke = new Map<string, number>();
  const lastSaid = new Map<string, string>();
  const turnsAt: number[] = [];
  let lastSpeaker: string | undefined;
  let lastText = '';
  paragraphs.forEach((paragraph, index) => {
    for (const name of candidates) {
      if (paragraph.toLowerCase().startsWith(`${name.toLowerCase()}:`)) {
        lastSpoke.set(name, index);
        turnsAt.push(index);
        lastSpeaker = name;
        lastText = paragraph.slice(name.length + 1);
        lastSaid.set(name, lastText);
      }
    }
  });
  const addressed = candidates.filter(
    (name) => name !== lastSpeaker && nameTest([name]).test(lastText),
  );
  const turnsSince = new Map<string, number>();
  for (const [name, at] of lastSpoke) turnsSince.set(name, turnsAt.filter((i) => i > at).length);
  return { lastSpoke, lastSpeaker, addressed, turnsSince, lastSaid };
}

/** What the moderator knows of the discussion when it says why someone speaks next. */
export interface ReasonFacts {
  readonly floor: Floor;
  /** The topic at hand, as a phrase ("the Dene Viaduct"). */
  readonly topic: string | undefined;
  /** What each seat's last turn was about, its main phrase first. */
  readonly stoodFor: ReadonlyMap<string, readonly string[]>;
  /** Candidates not heard yet. */
  readonly unheard: readonly string[];
}

/** Why `name` has the floor next, one of the reasons that fit what the request shows. */
export function moderatorReason(name: string, facts: ReasonFacts, random: Random): string {
  const { floor, topic } = facts;
  const last = floor.lastSpeaker;
  const theirs = facts.stoodFor.get(name)?.find((phrase) => phrase !== topic);
  const lastRaised = last === undefined ? undefined : facts.stoodFor.get(last)?.[0];
  const on = topic === undefined ? '' : ` on ${topic}`;
  const reasons: string[] = [];
  if (floor.addressed.includes(name) && last !== undefined) {
    reasons.push(
      `${last} just asked ${name} a question, and it deserves an answer.`,
      `${name} was put a direct question by ${last}.`,
    );
    if (lastRaised !== undefined) reasons.push(`${last} asked ${name} about ${lastRaised}.`);
    return pick(reasons, random) as string;
  }
  if (!floor.lastSpoke.has(name)) {
    reasons.push(
      `We have not heard from ${name} yet${on}.`,
      `${name} has not had the floor yet.`,
      `Time we heard from ${name}, who has not spoken yet.`,
      `${name} has yet to speak tonight.`,
      `Let us bring ${name} in.`,
    );
    if (facts.unheard.length === 1) reasons.push(`${name} is the only one not heard yet.`);
    if (topic !== undefined)
      reasons.push(
        `${name} should have a say on ${topic} before we go on.`,
        `Let us hear ${name} on ${topic}.`,
      );
    if (last !== undefined) reasons.push(`${last} has had a say; ${name} has not spoken yet.`);
    return pick(reasons, random) as string;
  }
  const since = floor.turnsSince.get(name) ?? 0;
  if (since >= 2)
    reasons.push(
      pick(
        [
          `${name} has not spoken for ${since} turns.`,
          `${name} last spoke ${since} turns ago.`,
          `${since} turns have gone by since ${name} spoke.`,
        ],
        random,
      ) as string,
    );
  if (theirs !== undefined) {
    reasons.push(`${name} has been quiet since raising ${theirs}.`);
    if (topic !== undefined)
      reasons.push(
        `${name} spoke about ${theirs} and may see ${topic} differently.`,
        `${name} raised ${theirs} earlier, and it bears on ${topic}.`,
      );
  }
  if (last !== undefined && lastRaised !== undefined)
    reasons.push(
      `${last} made a point about ${lastRaised} that ${name} should answer.`,
      `${name} may want to answer what ${last} said about ${lastRaised}.`,
    );
  if (topic !== undefined)
    reasons.push(
      `${name} can bring a view we are missing on ${topic}.`,
      `We need ${name}'s view on ${topic}.`,
    );
  if (reasons.length < 2)
    reasons.push(`${name} has not spoken for a while and has a stake in this.`);
  return pick(reasons, random) as string;
}

/** Every text of the request, the conversation's and the ask's. */
function textsOf(prepared: Prepared): string[] {
  const { read } = prepared;
  return [...read.systemTexts, ...read.units.map((unit) => unit.text), read.ask ?? ''];
}

/** The turns the request says are left, if it says. */
function turnsLeft(texts: readonly string[]): number | undefined {
  let left: number | undefined;
  for (const text of texts)
    for (const match of text.matchAll(TURNS_LEFT)) left = Number(match[1] ?? match[2]);
  return left;
}

/** The moderator's action among `values` (continue, next topic, end): mostly to go on. */
export function moderatorAction(
  prepared: Prepared,
  values: readonly unknown[],
  random: Random,
): unknown {
  const names = values.filter((value): value is string => typeof value === 'string');
  const texts = textsOf(prepared);
  const end = endChance(
    turnsLeft(texts),
    texts.some((text) => PROPOSED_END.test(text)),
  );
  const actions: readonly [RegExp, number][] = [
    [END, end],
    [NEXT_TOPIC, 0.1],
    [CONTINUE, 1],
  ];
  const roll = random();
  let total = 0;
  for (const [pattern, chance] of actions) {
    total += chance;
    const match = names.find((name) => pattern.test(name));
    if (match !== undefined && roll < total) return match;
  }
  return names.find((name) => CONTINUE.test(name)) ?? values[0];
}
