// The end of a discussion with closing positions: the summarizer's structured record (action items
// with owners, open questions, free-text positions grouped) and the decision record itself.
import type { CostLedger, LedgerRow } from '../cost/ledger.js';
import { DEFAULT_CONSENSUS_THRESHOLD, type SeatAnswer } from '../outcome/consensus.js';
import { repairInstruction } from '../outcome/position-prompts.js';
import { buildOutcome } from '../outcome/record.js';
import type { OutcomeRecord } from '../outcome/record-schema.js';
import {
  readSummaryRecord,
  type StructuredSummary,
  summaryRecordInstruction,
  summaryRecordJsonSchema,
} from '../outcome/summary-record.js';
import { MODERATOR } from './clean-reply.js';
import type { DiscussionEvent, EndReason, EventOf } from './events.js';
import type { ModelRequest } from './model.js';
import { errorEvent } from './outcome.js';
import type { PositionsMoment } from './outcome-events.js';
import { questionsAsked } from './phases/positions.js';
import { recordMaxTokens } from './record-size.js';
import type { Seat } from './seats.js';
import { fits, skipped } from './spending.js';
import type { DiscussionState } from './state.js';
import { streamReplies } from './stream-reply.js';
import { addUsage } from './usage.js';

const EMPTY: StructuredSummary = { actionItems: [], openQuestions: [], groups: [] };

/**
 * After the summary: the summarizer is asked, in a request nobody hears, for the record's
 * structured part. One repair; an answer still unreadable leaves the lists empty, marked so.
 */
export async function* askSummaryRecord(
  state: DiscussionState,
  seat: Seat,
  turn: number,
  summary: ModelRequest,
  spoken: string,
): AsyncGenerator<DiscussionEvent, void> {
  const questions = state.questionsAsked ?? questionsAsked(state);
  const free = questions.filter((q) => q.options.length === 0);
  const people = state.table.participants;
  const names = people.map((p) => p.name);
  const request: ModelRequest = {
    ...summary,
    maxTokens: recordMaxTokens(state, summary.maxTokens),
    messages: [
      ...summary.messages,
      { role: 'assistant', content: spoken },
      { role: 'user', content: `${MODERATOR}: ${summaryRecordInstruction(free, names)}` },
    ],
    responseFormat: {
      type: 'json_schema',
      name: 'record',
      schema: summaryRecordJsonSchema(free, names),
      strict: true,
    },
  };
  if (!fits(state, seat, request.maxTokens)) {
    yield skipped(
      state,
      turn,
      'skip',
      'the record (action items, open questions) is not asked for: it would not fit in the budget',
    );
    return;
  }
  const [reply] = yield* streamReplies(state, [{ request, turn, seat, quiet: true }]);
  if (reply?.failure !== undefined) yield errorEvent(reply.failure, turn, seat.participant);
  let usage = reply?.usage ?? { promptTokens: 0, completionTokens: 0, estimated: false };
  const raw = reply?.cleaned.text ?? '';
  let read = reply?.status === 'complete' ? readSummaryRecord(raw, free, people) : undefined;
  let status: EventOf<'summary-record'>['status'] =
    read === undefined ? 'failed' : read.ok ? 'parsed' : 'unparsed';
  // Spent before the repair is weighed: what the first answer cost counts against the budget.
  state.usage = addUsage(state.usage, usage);
  if (read !== undefined && !read.ok) {
    // The repair hears the record's request, the answer and the problems: twice the reply's room.
    if (fits(state, seat, request.maxTokens * 2)) {
      const [again] = yield* streamReplies(state, [
        {
          request: {
            ...request,
            messages: [
              ...request.messages,
              { role: 'assistant', content: raw },
              { role: 'user', content: repairInstruction(read.problems) },
            ],
          },
          turn,
          seat,
          quiet: true,
        },
      ]);
      if (again !== undefined) {
        usage = addUsage(usage, again.usage);
        state.usage = addUsage(state.usage, again.usage);
      }
      if (again?.failure !== undefined) yield errorEvent(again.failure, turn, seat.participant);
      read =
        again?.status === 'complete' ? readSummaryRecord(again.cleaned.text, free, people) : read;
      status = read.ok ? 'repaired' : 'unparsed';
    } else {
      yield skipped(
        state,
        turn,
        'skip-repair',
        "the summarizer's unreadable record is not asked again: a repair would not fit in the budget",
      );
    }
  }
  const event: EventOf<'summary-record'> = {
    type: 'summary-record',
    turn,
    seat: seat.participant.seat,
    speaker: seat.participant.name,
    status,
    record: read?.ok === true ? read.record : EMPTY,
    ...(status === 'unparsed' ? { raw } : {}),
    usage,
  };
  state.summaryRecord = event;
  yield event;
}

function answers(state: DiscussionState, moment: PositionsMoment): SeatAnswer[] | undefined {
  const recorded = state.positions.get(moment);
  if (recorded === undefined) return undefined;
  return [...recorded.values()]
    .sort((a, b) => a.seat - b.seat)
    .map((e) => ({
      seat: e.seat,
      speaker: e.speaker,
      status: e.status,
      positions: e.positions,
      ...(e.raw === undefined ? {} : { raw: e.raw }),
    }));
}

function usageRow(row: LedgerRow): OutcomeRecord['cost']['total'] {
  return {
    tokens: {
      prompt: row.promptTokens,
      completion: row.completionTokens,
      estimated: row.estimated,
    },
    cost: {
      usd: row.cost.usd,
      complete: row.cost.unpricedTokens === 0,
      pricedTokens: row.cost.pricedTokens,
      unpricedTokens: row.cost.unpricedTokens,
    },
  };
}

/** Positions were asked at the closing, or at the opening of a format without a closing. */
export function positionsTaken(state: DiscussionState): boolean {
  return state.positions.has('closing') || state.positions.has('opening');
}

/**
 * The decision record, when positions were asked; undefined otherwise. A format whose last
 * positions are its opening ones (council: the answers, then review and synthesis) is recorded
 * with those.
 */
export function outcomeEvent(
  state: DiscussionState,
  ledger: CostLedger,
  endReason: EndReason,
): EventOf<'outcome'> | undefined {
  const opening = answers(state, 'opening');
  const closing = answers(state, 'closing') ?? opening;
  if (closing === undefined) return undefined;
  const record = state.summaryRecord;
  const record_ = buildOutcome({
    questions: state.questionsAsked ?? questionsAsked(state),
    vote: state.settings.vote ?? 'ranked',
    threshold: state.settings.consensusThreshold ?? DEFAULT_CONSENSUS_THRESHOLD,
    closing,
    opening: closing === opening ? undefined : opening,
    summary: state.summaryText,
    summaryRecord:
      record === undefined
        ? undefined
        : {
            status: record.status,
            actionItems: record.record.actionItems,
            openQuestions: record.record.openQuestions,
            groups: record.record.groups,
          },
    participants: state.table.participants.map((p) => ({ seat: p.seat, name: p.name })),
    endReason,
    stoppedBy: state.stoppedBy,
    cost: {
      total: usageRow(ledger.total),
      perSeat: [...ledger.seats].map(([seat, row]) => ({
        seat,
        speaker: row.speaker,
        ...usageRow(row),
      })),
      perPhase: [...ledger.phases].map(([phase, row]) => ({ phase, ...usageRow(row) })),
    },
  });
  return { type: 'outcome', record: record_ };
}
