// What a reply has said so far, and what a sentence joining it must not do: say a sentence of
// it again, open as one of it did, say a clause of it twice, or quote a second fact of the case.
import type { Candidate } from './candidates.js';
import { quadsOf } from './chain/source.js';
import { quotesContext } from './clause.js';
import type { Prepared } from './prepare.js';
import { quotedBy } from './sentence-bank.js';

/** A sentence as a reply keeps it once said: its four-word stretches as written, and its opening. */
export interface Written {
  readonly quads: readonly string[];
  readonly opening: string;
  /** The sentence in lower case, as the reply's record looks it up (see ReplyState.said). */
  readonly lower: string;
}

export function writtenOf(sentence: string, lower = sentence.toLowerCase()): Written {
  const words = sentence.split(' ');
  return {
    quads: quadsOf(words).map((quad) => quad.toLowerCase()),
    opening: opening(words),
    lower,
  };
}

/** What a reply has said so far: a new sentence must not recite across it nor repeat it. */
export interface ReplyState {
  readonly tail: readonly string[];
  readonly ownQuads: ReadonlySet<string>;
  readonly openings: ReadonlySet<string>;
  /** Whether the reply already holds this sentence (lower case). */
  readonly said: (lower: string) => boolean;
  /** The reply is of a turn's length (a few sentences), not a ramble's: no clause twice. */
  readonly turnLength: boolean;
  /** Whether the reply quotes the context already (see quotesContext); asked only when needed. */
  readonly quotedFact: () => boolean;
}

/** How a sentence opens: its first two words, in lower case. */
export function opening(words: readonly string[]): string {
  return words.slice(0, 2).join(' ').toLowerCase();
}

/** A candidate made without a reply in view may join this one: no echo, no repeated opening. */
export function fitsReply(candidate: Candidate, reply: ReplyState): boolean {
  if (reply.said(candidate.lower)) return false;
  if (reply.openings.has(candidate.opening)) return false;
  return !repeatsReply(candidate.quads, reply);
}

/**
 * The sentence quotes the context (a table without one has nothing to quote). Kept for the seat
 * (see quotedBy): it depends only on the sentence and the seat's context.
 */
export function quotesFact(prepared: Prepared, sentence: string): boolean {
  const { seat } = prepared;
  return seat.allowed.size > 0 && quotedBy(seat, sentence, () => quotesContext(prepared, sentence));
}

/**
 * Whether a sentence's four-word stretches (lower case) say again two of the reply's: a clause
 * of it said twice ("I think we should say that plainly. I think we should say so.").
 */
export function repeatsReply(quads: readonly string[], reply: ReplyState): boolean {
  // A ramble running on to max_tokens has said every clause the seat has: it may repeat.
  if (!reply.turnLength) return false;
  let shared = 0;
  for (const quad of quads) if (reply.ownQuads.has(quad) && ++shared >= 2) return true;
  return false;
}
