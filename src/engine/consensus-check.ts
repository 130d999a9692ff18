// `stopWhen: consensus`: every `consensusCheckEvery` discussion turns the seats are asked for
// their positions, quietly (the table hears nothing of it), and the discussion ends when every
// question with options has consensus. The check costs what the requests cost, and says so.
import {
  consensusOnAll,
  DEFAULT_CONSENSUS_THRESHOLD,
  type SeatAnswer,
  standingOn,
} from '../outcome/consensus.js';
import { positionsInstruction } from '../outcome/position-prompts.js';
import { positionsJsonSchema } from '../outcome/positions-schema.js';
import { readPositions } from '../outcome/read-positions.js';
import type { DiscussionEvent, EventOf } from './events.js';
import type { ModelRequest } from './model.js';
import { errorEvent } from './outcome.js';
import { answerRequest } from './phases/parallel.js';
import { positionsMaxTokens, questionsAsked } from './phases/positions.js';
import type { ReplyJob } from './reply.js';
import type { DiscussionState } from './state.js';
import { streamReplies } from './stream-reply.js';
import { addUsage } from './usage.js';

export const DEFAULT_CHECK_EVERY = 4;

/** After a discussion turn: is a check due, and did it find consensus (the phase then ends)? */
export async function* consensusReached(
  state: DiscussionState,
  turn: number,
  turnsLeft: number,
): AsyncGenerator<DiscussionEvent, boolean> {
  const { settings } = state;
  if (settings.stopWhen !== 'consensus' || turnsLeft <= 0) return false;
  const every = settings.consensusCheckEvery ?? DEFAULT_CHECK_EVERY;
  if (state.phaseTurns % every !== 0) return false;
  const questions = questionsAsked(state).filter((q) => q.options.length > 0);
  if (questions.length === 0) return false;
  const vote = settings.vote ?? 'ranked';
  const instruction = positionsInstruction(questions, vote, 'check');
  const seats = state.speakers().map((index) => state.seat(index));
  const jobs: ReplyJob[] = [];
  for (const seat of seats) {
    const asked: ModelRequest = yield* answerRequest(state, seat, turn, instruction);
    jobs.push({
      request: {
        ...asked,
        maxTokens: positionsMaxTokens(state, seat, questions.length),
        responseFormat: {
          type: 'json_schema' as const,
          name: 'positions',
          schema: positionsJsonSchema(questions, vote),
          strict: true,
        },
      },
      turn,
      seat,
      quiet: true,
    });
  }
  const replies = yield* streamReplies(state, jobs);
  const answers: SeatAnswer[] = [];
  for (const [i, seat] of seats.entries()) {
    const reply = replies[i];
    if (reply === undefined) continue;
    state.usage = addUsage(state.usage, reply.usage);
    if (reply.failure !== undefined) yield errorEvent(reply.failure, turn, seat.participant);
    const read =
      reply.status === 'complete' ? readPositions(reply.cleaned.text, questions, vote) : undefined;
    const event: EventOf<'positions'> = {
      type: 'positions',
      moment: 'check',
      turn,
      seat: seat.participant.seat,
      speaker: seat.participant.name,
      status: read === undefined ? 'failed' : read.ok ? 'parsed' : 'unparsed',
      positions: read?.ok === true ? read.positions : [],
      missing: read?.ok === true ? read.missing : questions.map((q) => q.index),
      ...(read !== undefined && !read.ok
        ? { problems: read.problems, raw: reply.cleaned.text }
        : {}),
      // The check's own request: counted like a repair, by the seat that answered.
      repairUsage: reply.usage,
    };
    yield event;
    answers.push({
      seat: event.seat,
      speaker: event.speaker,
      status: event.status,
      positions: event.positions,
    });
  }
  const threshold = settings.consensusThreshold ?? DEFAULT_CONSENSUS_THRESHOLD;
  const standings = questions.map((q) => standingOn(q, answers, vote, threshold));
  const reached = consensusOnAll(standings) === true;
  yield {
    type: 'consensus-check',
    turn,
    reached,
    threshold,
    questions: standings.map((s) => ({
      index: s.question.index,
      outcome: s.count?.winner,
      support: s.count?.support ?? 0,
      reached: s.reached === true,
    })),
  };
  if (reached) {
    state.wrapUp = true;
    state.wrapUpReason = 'consensus';
    state.stoppedBy ??= `consensus, found after turn ${turn}`;
  }
  return reached;
}
