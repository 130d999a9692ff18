// The `bid` speaker policy: every eligible seat is asked, in a tiny parallel request, how
// urgently it wants to speak (0–9); the highest bid speaks, ties by `fair`.
import { MODERATOR } from '../clean-reply.js';
import type { ChatMessage, ModelRequest } from '../model.js';
import { assemble, seatRequest } from '../request.js';
import type { EngineSettings, Participant } from '../table.js';

/** A bid is one digit; a few tokens leave room for a model that says "7." or "I'd say 7". */
export const BID_TOKENS = 8;
/** A person is not interrupted to bid: their seat counts as this. */
export const HUMAN_BID = 5;

export function bidQuestion(participant: Participant): string {
  return `${MODERATOR}: ${participant.name}, how urgently do you want to speak next, 0-9? Answer with one digit.`;
}

export function bidRequest(
  settings: EngineSettings,
  participant: Participant,
  system: string,
  conversation: readonly ChatMessage[],
): ModelRequest {
  const request = seatRequest(
    settings,
    participant,
    'bid',
    assemble(system, conversation, bidQuestion(participant)),
  );
  return { ...request, maxTokens: BID_TOKENS };
}

/** The first digit of the answer; undefined when there is none. */
export function readBid(text: string): number | undefined {
  const digit = /\d/u.exec(text)?.[0];
  return digit === undefined ? undefined : Number(digit);
}

/** The seats that bid highest (a seat without a bid counts as 0). */
export function highestBidders(
  bids: readonly { readonly index: number; readonly bid?: number | undefined }[],
): number[] {
  const top = Math.max(...bids.map((b) => b.bid ?? 0));
  return bids.filter((b) => (b.bid ?? 0) === top).map((b) => b.index);
}
