// The phases in which every seat states its positions as structured answers: the closing (and,
// with `closing` on, the opening, so changes of mind can be told). Asked with response_format
// json_schema and in words; read with zod; one repair request for an answer that cannot be read;
// still unreadable → kept as said and marked unparsed. A seat's failure is its own: never a crash.
import {
  positionsInstruction,
  positionsText,
  repairInstruction,
} from '../../outcome/position-prompts.js';
import type { PositionsRead, QuestionRef } from '../../outcome/positions.js';
import { positionsJsonSchema } from '../../outcome/positions-schema.js';
import { readPositions } from '../../outcome/read-positions.js';
import type { DiscussionEvent, EventOf } from '../events.js';
import { isHeard } from '../heard.js';
import type { ModelRequest, Usage } from '../model.js';
import type { Outcome } from '../outcome.js';
import type { PositionsMoment } from '../outcome-events.js';
import { maxTokensFor } from '../request.js';
import type { Seat } from '../seats.js';
import { paidFor } from '../spending.js';
import type { BatchReply, DiscussionState } from '../state.js';
import { streamReplies } from '../stream-reply.js';
import { addUsage } from '../usage.js';
import { answerRequest, runBatch } from './parallel.js';
import { phaseTitle } from './prompts.js';
import type { PhaseKindOf } from './spec.js';

/** Room for one question's entry in a structured answer, in tokens. */
const TOKENS_PER_POSITION = 120;

/**
 * The questions the seats take positions on: every question discussed so far and the current
 * topic, in the table's order.
 */
export function questionsAsked(state: DiscussionState): QuestionRef[] {
  const { questions, options } = state.table.task;
  return questions.flatMap((text, index) =>
    (state.topicTurns[index] ?? 0) > 0 || state.topic.index === index
      ? [{ index, text, options: options?.[index] ?? [] }]
      : [],
  );
}

/** A structured answer needs room for every question's entry, whatever the reply budget. */
export function positionsMaxTokens(state: DiscussionState, seat: Seat, questions: number): number {
  return Math.max(
    maxTokensFor(seat.participant, state.settings),
    TOKENS_PER_POSITION * questions + 60,
  );
}

async function* positionsRequest(
  state: DiscussionState,
  seat: Seat,
  turn: number,
  questions: readonly QuestionRef[],
  moment: PositionsMoment,
  prompt: string | undefined,
): AsyncGenerator<DiscussionEvent, ModelRequest> {
  const vote = state.settings.vote ?? 'ranked';
  const instruction = positionsInstruction(questions, vote, moment);
  const asked = yield* answerRequest(
    state,
    seat,
    turn,
    prompt === undefined ? instruction : `${prompt}\n\n${instruction}`,
  );
  return {
    ...asked,
    maxTokens: positionsMaxTokens(state, seat, questions.length),
    responseFormat: {
      type: 'json_schema',
      name: 'positions',
      schema: positionsJsonSchema(questions, vote),
      strict: true,
    },
  };
}

interface FirstRead {
  readonly request: ModelRequest;
  readonly read: PositionsRead;
  readonly raw: string;
}

/** Runs an opening or closing phase of structured positions. */
export async function* runPositionsPhase(
  state: DiscussionState,
  spec: PhaseKindOf<'opening'> | PhaseKindOf<'closing'>,
  moment: 'opening' | 'closing',
): AsyncGenerator<DiscussionEvent, Outcome> {
  const questions = questionsAsked(state);
  const vote = state.settings.vote ?? 'ranked';
  const first = new Map<number, FirstRead>();
  const requests = new Map<number, ModelRequest>();
  return yield* runBatch(state, {
    kind: spec.kind,
    title: phaseTitle(spec),
    seats: state.speakers(),
    questions: questions.map(({ index, text }) => ({ index, text })),
    quiet: true,
    request: async function* (seat, turn) {
      const request = yield* positionsRequest(state, seat, turn, questions, moment, spec.prompt);
      requests.set(turn, request);
      return request;
    },
    interpret: (_seat, turn, text) => {
      const read = readPositions(text, questions, vote);
      const request = requests.get(turn);
      if (request !== undefined) first.set(turn, { request, read, raw: text });
      return { text: read.ok ? positionsText(read.positions, questions) : text };
    },
    settle: (kept) => settlePositions(state, kept, first, questions, moment, spec.prompt),
  });
}

/** Repairs what could not be read, records every seat's positions, and what the table hears. */
async function* settlePositions(
  state: DiscussionState,
  kept: readonly BatchReply[],
  first: Map<number, FirstRead>,
  questions: readonly QuestionRef[],
  moment: PositionsMoment,
  prompt: string | undefined,
): AsyncGenerator<DiscussionEvent, readonly BatchReply[]> {
  const vote = state.settings.vote ?? 'ranked';
  const recorded = state.positions.get(moment) ?? new Map<number, EventOf<'positions'>>();
  state.positions.set(moment, recorded);
  const seatOf = (ended: EventOf<'turn-ended'>): Seat | undefined =>
    state.seats.find((s) => s.participant.seat === ended.seat);

  // A reply kept from a recorded run whose positions were not recorded (the run stopped between
  // the two) was recorded as the table heard it, not as the JSON said: its seat is asked again,
  // and that request's usage is counted with the repair's.
  const asked = new Map<number, Usage>();
  const reask: { request: ModelRequest; turn: number; seat: Seat; quiet: true }[] = [];
  for (const { ended } of kept) {
    const seat = seatOf(ended);
    const already = recorded.get(ended.seat);
    if (seat === undefined || first.has(ended.turn) || !isHeard(ended)) continue;
    if (already !== undefined && already.turn === ended.turn) continue;
    const request = yield* positionsRequest(state, seat, ended.turn, questions, moment, prompt);
    reask.push({ request, turn: ended.turn, seat, quiet: true });
  }
  const lost = yield* paidFor(
    state,
    reask,
    'skip',
    (job) =>
      `${job.seat.participant.name}'s ${moment} positions are not asked again: the request would not fit in the budget, so they stay unread`,
  );
  const reasks = lost.length === 0 ? [] : yield* streamReplies(state, lost);
  lost.forEach((job, i) => {
    const reply = reasks[i];
    if (reply === undefined) return;
    asked.set(job.turn, reply.usage);
    const raw = reply.cleaned.text;
    first.set(job.turn, {
      request: job.request,
      read:
        reply.status === 'complete'
          ? readPositions(raw, questions, vote)
          : { ok: false, problems: ['the request failed'] },
      raw,
    });
  });

  // Every unreadable answer gets one repair request, all of them at once.
  const repairs = kept.flatMap(({ ended }) => {
    const got = first.get(ended.turn);
    const seat = seatOf(ended);
    if (got === undefined || got.read.ok || seat === undefined || !isHeard(ended)) return [];
    const request: ModelRequest = {
      ...got.request,
      messages: [
        ...got.request.messages,
        { role: 'assistant', content: got.raw },
        { role: 'user', content: repairInstruction(got.read.problems) },
      ],
    };
    return [{ request, turn: ended.turn, seat, quiet: true }];
  });
  // A repair the budget cannot pay for is not asked: that answer stays unparsed.
  const affordable = yield* paidFor(
    state,
    repairs,
    'skip-repair',
    (job) =>
      `${job.seat.participant.name}'s unreadable answer is not asked again: a repair would not fit in the budget`,
  );
  const answered = affordable.length === 0 ? [] : yield* streamReplies(state, affordable);
  const repaired = repairs.map((job) => answered[affordable.indexOf(job)]);

  const heard: BatchReply[] = [];
  for (const reply of kept) {
    const { ended } = reply;
    const seat = seatOf(ended);
    const already = recorded.get(ended.seat);
    if (seat === undefined || (already !== undefined && already.turn === ended.turn)) {
      heard.push(
        already?.status === 'repaired' || already?.status === 'parsed'
          ? { ...reply, ended: { ...ended, text: positionsText(already.positions, questions) } }
          : reply,
      );
      continue;
    }
    const base = {
      type: 'positions',
      moment,
      turn: ended.turn,
      seat: ended.seat,
      speaker: ended.speaker,
    } as const;
    let event: EventOf<'positions'>;
    if (!isHeard(ended)) {
      event = { ...base, status: 'failed', positions: [], missing: questions.map((q) => q.index) };
    } else {
      // A reply kept from a recorded run (resumed) is read again from what it said.
      const got = first.get(ended.turn) ?? {
        request: undefined,
        read: readPositions(ended.text, questions, vote),
        raw: ended.text,
      };
      const at = repairs.findIndex((job) => job.turn === ended.turn);
      const again = at >= 0 ? repaired[at] : undefined;
      const reasked = asked.get(ended.turn);
      const repairUsage: Usage | undefined =
        reasked === undefined
          ? again?.usage
          : again === undefined
            ? reasked
            : addUsage(reasked, again.usage);
      if (repairUsage !== undefined) state.usage = addUsage(state.usage, repairUsage);
      const second =
        again !== undefined && again.status !== 'failed'
          ? readPositions(again.cleaned.text, questions, vote)
          : undefined;
      if (got.read.ok) {
        event = {
          ...base,
          status: 'parsed',
          positions: got.read.positions,
          missing: got.read.missing,
          ...(repairUsage === undefined ? {} : { repairUsage }),
        };
      } else if (second?.ok === true) {
        event = {
          ...base,
          status: 'repaired',
          positions: second.positions,
          missing: second.missing,
          problems: got.read.problems,
          repairUsage,
        };
      } else {
        event = {
          ...base,
          status: 'unparsed',
          positions: [],
          missing: questions.map((q) => q.index),
          problems: got.read.problems,
          raw: got.raw,
          ...(repairUsage === undefined ? {} : { repairUsage }),
        };
      }
    }
    recorded.set(ended.seat, event);
    yield event;
    heard.push(
      event.positions.length > 0
        ? { ...reply, ended: { ...ended, text: positionsText(event.positions, questions) } }
        : reply,
    );
  }
  state.questionsAsked = questions;
  return heard;
}
