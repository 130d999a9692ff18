// The closing summary: one seat sums up the whole discussion in a request of its own (the most
// heard seat, a debate's judge, or a council's chair).
import { conversationFor } from '../conversation.js';
import type { DiscussionEvent } from '../events.js';
import { errorEvent, type Outcome, settleReply } from '../outcome.js';
import { askSummaryRecord, positionsTaken } from '../record.js';
import { buildSummaryRequest, summaryText } from '../request.js';
import { safePoint } from '../safe-point.js';
import { chooseSummarizer, type Summarizer } from '../schedule.js';
import type { DiscussionState } from '../state.js';
import { streamReply } from '../stream-reply.js';
import { officialFor, summaryPrompt, summaryTitle } from './prompts.js';
import type { PhaseKindOf, SummaryBy } from './spec.js';

export async function* runSummaryPhase(
  state: DiscussionState,
  spec: PhaseKindOf<'summary'>,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const phase = state.phaseIndex;
  if (state.summaryDone) {
    // Resumed after the summary: nothing is said again. Its structured record is asked for now
    // when the run stopped before it was recorded, as the run would have; with it on record (or
    // not wanted), no request is sent and only the phase's end is written.
    state.summaryDone = false;
    yield* askMissingRecord(state, spec);
    state.phaseStarted = false;
    yield { type: 'phase-ended', phase, kind: 'summary', reason: 'done' };
    return 'continue';
  }
  const turn = state.turnsTaken + 1;
  const gate = yield* safePoint(state, turn);
  if (gate === 'stop') return 'stopped';
  if (gate === 'interrupted') return 'interrupted';
  const chosen = chooseSummary(state, spec.by ?? 'most-heard');
  if (chosen === undefined) return 'continue';
  const seat = state.seat(chosen.index);
  const { participant } = seat;
  if (!state.phaseStarted) {
    state.phaseStarted = true;
    yield {
      type: 'phase-started',
      phase,
      kind: 'summary',
      title: summaryTitle(state, spec),
      parallel: false,
      seats: [participant.seat],
    };
  }
  yield {
    type: 'turn-started',
    turn,
    kind: 'summary',
    seat: participant.seat,
    speaker: participant.name,
    model: participant.model,
    topic: state.topic,
    directives: [],
    turnsLeft: 0,
    reason: 'moderator',
    why: chosen.why,
    phase,
  };
  const instruction = summaryPrompt(spec, state.table.task.summarize, chosen.by);
  const request = buildSummaryRequest({
    table: state.table,
    settings: state.settings,
    participant,
    conversation: yield* conversationFor(state, turn, seat, summaryText(instruction)),
    system: seat.system,
    instruction,
  });
  const reply = yield* streamReply(state, request, turn, seat);
  state.context?.observe(participant, request, reply.usage);
  if (reply.failure !== undefined) yield errorEvent(reply.failure, turn, participant);
  yield {
    type: 'summary',
    seat: participant.seat,
    speaker: participant.name,
    text: reply.cleaned.text,
    usage: reply.usage,
    status: reply.status,
    ...(reply.cutOff === undefined ? {} : { cutOff: reply.cutOff }),
  };
  const outcome = yield* settleReply(state, reply, turn);
  if (outcome !== 'continue') return outcome;
  state.summaryText = { speaker: participant.name, text: reply.cleaned.text };
  // With positions taken, the summarizer also writes the record's structured part.
  if (positionsTaken(state) && reply.status === 'complete') {
    yield* askSummaryRecord(state, seat, turn, request, reply.cleaned.text);
  }
  state.phaseStarted = false;
  yield { type: 'phase-ended', phase, kind: 'summary', reason: 'done' };
  return 'continue';
}

/** The summary's structured record, for a resumed run whose summary is recorded but it is not. */
async function* askMissingRecord(
  state: DiscussionState,
  spec: PhaseKindOf<'summary'>,
): AsyncGenerator<DiscussionEvent, void> {
  const spoken = state.summaryText;
  if (spoken === undefined || state.summaryRecord !== undefined) return;
  if (state.resumedSummaryStatus !== 'complete' || !positionsTaken(state)) return;
  const index = state.seats.findIndex((s) => s.participant.name === spoken.speaker);
  if (index < 0) return;
  const seat = state.seat(index);
  const turn = state.turnsTaken + 1;
  const chosen = chooseSummary(state, spec.by ?? 'most-heard');
  const instruction = summaryPrompt(spec, state.table.task.summarize, chosen?.by ?? 'most-heard');
  // The summary's request as it was sent: the history is the same; a trim of the seat's context
  // that it needed was recorded before the summary, so it is not recorded twice.
  const fitted = conversationFor(state, turn, seat, summaryText(instruction));
  let next = await fitted.next();
  while (next.done !== true) next = await fitted.next();
  const request = buildSummaryRequest({
    table: state.table,
    settings: state.settings,
    participant: seat.participant,
    conversation: next.value,
    system: seat.system,
    instruction,
  });
  yield* askSummaryRecord(state, seat, turn, request, spoken.text);
}

/** Who speaks, as asked, falling back to the most heard seat; undefined when nobody was heard. */
function chooseSummary(
  state: DiscussionState,
  by: SummaryBy,
): { index: number; by: SummaryBy; why: string } | undefined {
  if (by !== 'most-heard') {
    const official = officialFor(state, by);
    if (official !== undefined) return { index: official, by, why: `the ${by}` };
    const best =
      by === 'chair' ? state.tally?.ranking.find((r) => r.averageRank !== undefined) : undefined;
    const index =
      best === undefined ? -1 : state.seats.findIndex((s) => s.participant.seat === best.seat);
    if (index >= 0) return { index, by, why: 'best reviewed' };
  }
  const chosen = chooseSummarizer(
    state.seats.map((seat) => ({
      turns: seat.heard,
      words: seat.words,
      lastTurn: seat.lastHeard,
      human: seat.participant.human === true,
    })),
  );
  if (chosen === undefined) return undefined;
  const { index } = chosen;
  const tie = tieText(state, chosen);
  // Without its judge, the debate closes with the table's summary (`summaryTitle`), and says so.
  return by === 'judge'
    ? { index, by: 'most-heard', why: `no judge: the summary, by the seat heard most${tie}` }
    : { index, by, why: `heard most${tie}` };
}

/** "; 4 turns, as many as Bob, and more words: 212 to 180": what broke a tie, if there was one. */
function tieText(state: DiscussionState, chosen: Summarizer): string {
  const { tie } = chosen;
  if (tie === undefined) return '';
  const seat = state.seat(chosen.index);
  const names = tie.with.map((index) => state.seat(index).participant.name);
  const others =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const turns = count(seat.heard, 'turn');
  return tie.by === 'words'
    ? `; ${turns}, as many as ${others}, and more words: ${seat.words} to ${tie.next}`
    : `; ${turns} and ${count(seat.words, 'word')}, as many as ${others}, and heard last`;
}
