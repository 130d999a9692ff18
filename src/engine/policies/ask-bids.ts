// Asks the eligible seats for their bids at once (quiet requests: nobody hears them) and gives
// the floor to the highest; ties go by `fair`.
import { conversationFor } from '../conversation.js';
import type { DiscussionEvent } from '../events.js';
import type { Random } from '../random.js';
import type { ReplyJob } from '../reply.js';
import type { DiscussionState } from '../state.js';
import { streamReplies } from '../stream-reply.js';
import { addUsage, noUsage } from '../usage.js';
import { bidQuestion, bidRequest, HUMAN_BID, highestBidders, readBid } from './bid.js';
import type { Decision, TurnPlace } from './choose.js';
import { pickFair } from './fair.js';

export async function* askBids(
  state: DiscussionState,
  eligible: readonly number[],
  random: Random,
  place: TurnPlace,
): AsyncGenerator<DiscussionEvent, Decision> {
  // A resumed run takes the bids it recorded for this turn, rather than asking again.
  const recorded = state.decisions.get(place.turn)?.bids;
  if (recorded !== undefined) {
    const bids = eligible.map((index) => ({
      index,
      bid: recorded.bids.find((b) => b.seat === state.seat(index).participant.seat)?.bid,
    }));
    return highest(state, bids, random, place);
  }
  const jobs: ReplyJob[] = [];
  for (const index of eligible) {
    const seat = state.seat(index);
    if (seat.participant.human === true) continue;
    const question = bidQuestion(seat.participant);
    const conversation = yield* conversationFor(state, place.turn, seat, question);
    const request = bidRequest(state.settings, seat.participant, seat.system, conversation);
    jobs.push({ request, turn: place.turn, seat, quiet: true });
  }
  const replies = yield* streamReplies(state, jobs);
  let usage = noUsage;
  const answered = new Map<number, number | undefined>();
  replies.forEach((reply, k) => {
    usage = addUsage(usage, reply.usage);
    const seat = jobs[k]?.seat;
    if (seat !== undefined) answered.set(state.seats.indexOf(seat), readBid(reply.cleaned.text));
  });
  state.usage = addUsage(state.usage, usage);
  const bids = eligible.map((index) => ({
    index,
    bid: state.seat(index).participant.human === true ? HUMAN_BID : answered.get(index),
  }));
  yield {
    type: 'bids',
    turn: place.turn,
    bids: bids.map(({ index, bid }) => ({
      seat: state.seat(index).participant.seat,
      speaker: state.seat(index).participant.name,
      bid,
    })),
    usage,
  };
  return highest(state, bids, random, place);
}

function highest(
  state: DiscussionState,
  bids: readonly { readonly index: number; readonly bid?: number | undefined }[],
  random: Random,
  place: TurnPlace,
): Decision {
  const top = highestBidders(bids);
  const index =
    top.length === 1 ? (top[0] as number) : pickFair(state.record, top, place.step, random);
  const bid = bids.find((b) => b.index === index)?.bid ?? 0;
  const tie = top.length > 1 ? `, a tie of ${top.length} settled by fair` : '';
  return {
    kind: 'speak',
    choice: { index, reason: 'bid', why: `bid ${bid} of 9${tie}` },
    nextTopic: false,
  };
}
