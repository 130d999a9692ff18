// What `resume` takes from events.jsonl, checked for consistency beyond each record's schema:
// the records must describe one discussion of the recorded table (turn numbers within its turns,
// seats and speakers that sit at it, topics among its questions). A tampered log is an error
// naming its line, never a crash, a nonsense run or one that never ends.
import type { DiscussionEvent, EventOf, TopicRef } from '../engine/events.js';
import { phasesFor } from '../engine/formats.js';
import { InputError } from '../errors.js';
import type { ParsedEvents, RunRecord } from './events-file.js';

export interface RecordedDiscussion {
  /** The last run record: the settings and endpoint the discussion is continued with. */
  readonly run: RunRecord;
  readonly started: EventOf<'discussion-started'>;
  /** Every event, without its timestamp, in order. */
  readonly events: readonly DiscussionEvent[];
}

export function recordedDiscussion(parsed: ParsedEvents, source: string): RecordedDiscussion {
  const fail = (line: number | undefined, why: string): never => {
    throw new InputError(`${source}${line === undefined ? '' : `, line ${line}`}: ${why}`, source);
  };
  const first = parsed.records[0];
  if (first?.type !== 'run') {
    fail(
      parsed.lines[0],
      'the first record is not a run record: it was not written by roundtable run',
    );
  }
  const run = parsed.runs.at(-1) as RunRecord;
  let started: EventOf<'discussion-started'> | undefined;
  const events: DiscussionEvent[] = [];
  const seatNames = new Map<number, string>();
  const open = new Map<number, number>();
  parsed.records.forEach((record, index) => {
    const line = parsed.lines[index];
    if (record.type === 'run' || record.type === 'closed') return;
    const { ts: _ts, ...event } = record;
    if (event.type === 'discussion-started') {
      if (started !== undefined) fail(line, 'a second discussion-started record');
      started = event;
      for (const p of event.participants) {
        if (seatNames.has(p.seat)) fail(line, `seat ${p.seat} is taken twice`);
        seatNames.set(p.seat, p.name);
      }
      if (event.seed !== event.settings.seed) {
        fail(line, `the seed (${event.seed}) differs from settings.seed (${event.settings.seed})`);
      }
      checkTopic(event, event.topic, line, fail);
    } else if (started === undefined) {
      fail(line, `a ${event.type} record before the discussion-started record`);
    } else {
      checkEvent(event, started, seatNames, open, line, fail);
    }
    events.push(event);
  });
  if (started === undefined) {
    fail(
      undefined,
      `the run stopped before the discussion began (no discussion-started event); there is nothing to resume, start it again with roundtable run ${run.tableDir}`,
    );
  }
  return { run, started: started as EventOf<'discussion-started'>, events };
}

type Fail = (line: number | undefined, why: string) => never;

/**
 * The highest turn number the recorded discussion can reach: its phases' turns added up (free
 * turns, a turn per seat in each parallel phase or round, one for the summary), whether or not a
 * phase's condition holds. A turn past it is a tampered record, not a long discussion.
 */
function lastTurn(started: EventOf<'discussion-started'>): number {
  const { settings } = started;
  const seats = started.participants.length;
  let turns = 0;
  for (const phase of phasesFor(settings)) {
    switch (phase.kind) {
      case 'discussion':
        turns += phase.turns ?? settings.turns;
        break;
      case 'rounds':
        turns += (phase.rounds ?? settings.rounds ?? 1) * seats;
        break;
      case 'opening':
      case 'review':
      case 'closing':
        turns += seats;
        break;
      case 'summary':
        turns += 1;
        break;
    }
  }
  return Math.max(turns, settings.turns + 1);
}

function checkTopic(
  started: EventOf<'discussion-started'>,
  topic: TopicRef,
  line: number | undefined,
  fail: Fail,
): void {
  const questions = started.task.questions.length;
  if (topic.index >= questions) {
    fail(line, `topic ${topic.index} does not exist (the table has ${questions} questions)`);
  }
}

function checkEvent(
  event: DiscussionEvent,
  started: EventOf<'discussion-started'>,
  seats: ReadonlyMap<number, string>,
  open: Map<number, number>,
  line: number | undefined,
  fail: Fail,
): void {
  const last = lastTurn(started);
  const turnOf = (turn: number, what = 'turn') => {
    if (turn > last) fail(line, `${what} ${turn} is past the discussion's ${last} turns`);
  };
  const seatOf = (seat: number, speaker: string) => {
    const name = seats.get(seat);
    if (name === undefined) fail(line, `seat ${seat} is not at the table`);
    else if (name !== speaker) fail(line, `seat ${seat} is ${name}, not ${speaker}`);
  };
  switch (event.type) {
    case 'discussion-resumed':
      turnOf(event.fromTurn);
      return;
    case 'turn-started':
      turnOf(event.turn);
      seatOf(event.seat, event.speaker);
      if (event.kind === 'turn') checkTopic(started, event.topic, line, fail);
      open.set(event.turn, event.seat);
      return;
    case 'turn-ended':
      turnOf(event.turn);
      seatOf(event.seat, event.speaker);
      if (open.get(event.turn) !== event.seat) {
        fail(line, `turn ${event.turn} ends for seat ${event.seat}, which did not start it`);
      }
      open.delete(event.turn);
      return;
    case 'summary':
      seatOf(event.seat, event.speaker);
      return;
    case 'topic-changed':
      turnOf(event.turn);
      checkTopic(started, event.topic, line, fail);
      return;
    case 'context-trimmed':
      turnOf(event.turn);
      seatOf(event.seat, event.speaker);
      return;
    case 'retry':
      turnOf(event.turn);
      return;
    case 'error':
      if (event.turn !== undefined) turnOf(event.turn);
      return;
    case 'interjection':
      turnOf(event.beforeTurn, 'turn');
      return;
    case 'command':
      if (event.command.type === 'set-topic' && typeof event.command.topic === 'number') {
        checkTopic(started, { index: event.command.topic - 1, text: '' }, line, fail);
      }
      return;
    case 'phase-started':
      for (const seat of event.seats) {
        if (!seats.has(seat)) fail(line, `seat ${seat} is not at the table`);
      }
      return;
    case 'reply-discarded':
    case 'review':
    case 'positions':
    case 'summary-record':
      turnOf(event.turn);
      seatOf(event.seat, event.speaker);
      return;
    case 'moderator-decision':
    case 'bids':
    case 'consensus-check':
    case 'budget':
      turnOf(event.turn);
      return;
    case 'discussion-started':
    case 'text-delta':
    case 'discussion-ended':
    case 'phase-ended':
    case 'review-tally':
    case 'outcome':
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}
