// A recorded discussion as a timeline: every event at the moment it happened (from the records'
// times), with the words of each turn spread over the time the turn took, since transcripts keep
// each turn's whole text but not its deltas. Pure: records in, timed events out.
import type { DiscussionEvent } from '../engine/events.js';
import type { TranscriptRecord } from '../transcript/events-file.js';

export interface TimedEvent {
  /** Milliseconds from the start, in recorded time. */
  readonly at: number;
  readonly event: DiscussionEvent;
}

/** Waits between turns longer than this (a resume hours later, a pause) are cut to it. */
export const MAX_GAP_MS = 4000;
/** A turn is streamed in at most this many pieces, whatever its length. */
const MAX_PIECES = 120;
/** The pace of a turn whose times were not recorded: about a fast reader's. */
const WORDS_PER_SECOND = 12;

type Ending = Extract<DiscussionEvent, { type: 'turn-ended' } | { type: 'summary' }>;

/** Words with the space after them, grouped into at most MAX_PIECES pieces. */
export function pieces(text: string): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const size = Math.max(1, Math.ceil(words.length / MAX_PIECES));
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}

const timeOf = (record: TranscriptRecord): number | undefined => {
  const ms = Date.parse(record.ts);
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * The events a replay shows, in order and timed. A resumed transcript's records are shown as one
 * discussion: its later `discussion-started` and every `discussion-ended` but the last are left
 * out, as `resume` shows the history; a turn interrupted and spoken again shows both times.
 */
export function replayTimeline(records: readonly TranscriptRecord[]): TimedEvent[] {
  const events = records.filter(
    (r): r is Exclude<TranscriptRecord, { type: 'run' } | { type: 'closed' }> =>
      r.type !== 'run' && r.type !== 'closed' && r.type !== 'text-delta',
  );
  const lastEnd = events.findLastIndex((e) => e.type === 'discussion-ended');
  let started = false;
  let clock = 0;
  let previous: number | undefined;
  const timed: TimedEvent[] = [];
  const openTurns = new Map<number, number>();

  events.forEach((record, index) => {
    const { ts: _ts, ...event } = record;
    const ms = timeOf(record);
    if (ms !== undefined) {
      // Time while a turn is being spoken is kept; time between turns is cut to MAX_GAP_MS.
      const gap = previous === undefined ? 0 : Math.max(0, ms - previous);
      clock += openTurns.size > 0 ? gap : Math.min(MAX_GAP_MS, gap);
      previous = ms;
    }
    if (event.type === 'discussion-started') {
      if (started) return;
      started = true;
    }
    if (event.type === 'discussion-ended' && index !== lastEnd) return;
    if (event.type === 'turn-started') openTurns.set(event.turn, timed.length);
    const ending = endingOf(event as DiscussionEvent, openTurns);
    if (ending !== undefined) {
      const startIndex = openTurns.get(ending.turn);
      openTurns.delete(ending.turn);
      const startAt = startIndex === undefined ? clock : (timed[startIndex]?.at ?? clock);
      const parts = pieces(ending.event.text);
      // Without recorded times the words come at a reading pace.
      const end =
        clock > startAt
          ? clock
          : startAt + (parts.join('').split(/\s+/).length / WORDS_PER_SECOND) * 1000;
      clock = Math.max(clock, end);
      parts.forEach((text, i) => {
        const at = startAt + ((end - startAt) * (i + 1)) / (parts.length + 1);
        timed.push({ at, event: { type: 'text-delta', turn: ending.turn, text } });
      });
    }
    timed.push({ at: clock, event: event as DiscussionEvent });
  });
  // Deltas of parallel turns interleave with other events: keep the timeline in time order.
  return timed
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.at - b.t.at || a.i - b.i)
    .map(({ t }) => t);
}

/** The turn an event ends and its text: a turn-ended, or the summary (whose turn was started). */
function endingOf(
  event: DiscussionEvent,
  open: ReadonlyMap<number, number>,
): { turn: number; event: Ending } | undefined {
  if (event.type === 'turn-ended') return { turn: event.turn, event };
  if (event.type === 'summary') {
    const turn = [...open.keys()].at(-1);
    return turn === undefined ? undefined : { turn, event };
  }
  return undefined;
}

/** What a step of the replay ends: a turn of the discussion, an answer of a parallel phase, the summary. */
export type StepKind = 'turn' | 'answer' | 'summary';

export interface Step {
  /** The index just after the step's last event: where stepping turn by turn stops. */
  readonly end: number;
  readonly kind: StepKind;
}

/** Where each turn ends, and what it was: the summary is a step, but no turn of the discussion. */
export function replaySteps(timeline: readonly TimedEvent[]): Step[] {
  const steps: Step[] = [];
  let parallel = false;
  timeline.forEach((t, i) => {
    const { event } = t;
    if (event.type === 'phase-started') parallel = event.parallel;
    else if (event.type === 'phase-ended') parallel = false;
    else if (event.type === 'summary') steps.push({ end: i + 1, kind: 'summary' });
    else if (event.type === 'turn-ended')
      steps.push({ end: i + 1, kind: parallel ? 'answer' : 'turn' });
  });
  return steps;
}
