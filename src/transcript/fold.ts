// One reading of a transcript's records, shared by every view that needs the discussion as a
// whole (the JSON export, the report, replay): which version of a turn counts, who paid for what,
// when each turn was spoken. The incremental writers (Markdown, HTML) read the records one by one.
import type { EventOf, UsageTotals } from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { Cost } from '../engine/outcome-events.js';
import type { OutcomeRecord } from '../outcome/record-schema.js';
import { addUsage, NO_USAGE } from '../render/labels.js';
import type { RunRecord } from './events-file.js';
import type {
  BilledRequest,
  FoldedError,
  FoldedInterjection,
  FoldedRetry,
  FoldedTranscript,
  FoldedTurn,
  FoldInput,
} from './folded.js';

export type * from './folded.js';

interface Open {
  started: EventOf<'turn-started'> | undefined;
  startedAt: string | undefined;
  batch?: number | undefined;
  retries: FoldedRetry[];
  errors: FoldedError[];
}

const tsOf = (record: FoldInput): string | undefined =>
  'ts' in record && typeof record.ts === 'string' ? record.ts : undefined;

/** Folds transcript records (or bare engine events) into the discussion as it stands. */
export function foldTranscript(records: readonly FoldInput[]): FoldedTranscript {
  const runs: RunRecord[] = [];
  let started: EventOf<'discussion-started'> | undefined;
  const turns = new Map<number, FoldedTurn>();
  let summary: FoldedTurn | undefined;
  const interjections: FoldedInterjection[] = [];
  let usage: UsageTotals = NO_USAGE;
  const seatUsage = new Map<number, UsageTotals>();
  const seatRequests = new Map<number, BilledRequest[]>();
  let end: FoldedTranscript['end'];
  let outcome: OutcomeRecord | undefined;
  /** The parallel batch under way, if any, and how many there have been. */
  let batch: number | undefined;
  let batches = 0;
  /** Turns started and not yet ended: several at once in a parallel phase. */
  const open = new Map<number, Open>();
  let lastAt: string | undefined;
  let activeMs: number | undefined;
  let segmentStart: number | undefined;
  let segmentLast: number | undefined;
  const endSegment = () => {
    if (segmentStart !== undefined && segmentLast !== undefined) {
      activeMs = (activeMs ?? 0) + Math.max(0, segmentLast - segmentStart);
    }
  };
  /** The summary's turn-ended was just folded (some writers follow it with a summary event). */
  let summaryClosed = false;

  const bill = (seat: number, used: Usage, cost: Cost | undefined) => {
    usage = addUsage(usage, used);
    seatUsage.set(seat, addUsage(seatUsage.get(seat) ?? NO_USAGE, used));
    seatRequests.set(seat, [...(seatRequests.get(seat) ?? []), { usage: used, cost }]);
  };
  const openTurn = (turn: number | undefined): Open => {
    const key = turn ?? [...open.keys()].at(-1) ?? -1;
    const found = open.get(key) ?? {
      started: undefined,
      startedAt: undefined,
      retries: [],
      errors: [],
    };
    open.set(key, found);
    return found;
  };
  const close = (
    end: EventOf<'turn-ended'> | EventOf<'summary'>,
    turn: number,
    kind: 'turn' | 'summary',
    at: string | undefined,
  ): FoldedTurn => {
    const current = open.get(turn);
    open.delete(turn);
    const start = current?.started;
    const previous = kind === 'summary' ? summary : turns.get(turn);
    return {
      turn,
      kind,
      seat: end.seat,
      speaker: end.speaker,
      model: start?.model,
      topic: start?.topic ?? previous?.topic ?? { index: 0, text: '' },
      reason: start?.reason,
      directives: start?.directives ?? [],
      turnsLeft: start?.turnsLeft,
      text: end.text,
      status: end.status,
      usage: end.usage,
      cut: end.type === 'turn-ended' ? end.cut : undefined,
      retries: current?.retries ?? [],
      errors: current?.errors ?? [],
      startedAt: start === undefined ? undefined : current?.startedAt,
      endedAt: at,
      attempts: (previous?.attempts ?? 0) + 1,
      batch: current?.batch,
    };
  };

  for (const record of records) {
    const at = tsOf(record);
    lastAt = at ?? lastAt;
    const time = at === undefined ? Number.NaN : Date.parse(at);
    if (record.type === 'run') {
      endSegment();
      segmentStart = Number.isNaN(time) ? undefined : time;
    }
    if (!Number.isNaN(time)) segmentLast = time;
    const afterSummaryTurn = summaryClosed;
    summaryClosed = false;
    switch (record.type) {
      case 'run':
        runs.push(record);
        // A resumed segment does not finish what the previous one had open.
        open.clear();
        end = undefined;
        break;
      case 'closed':
        end ??= { reason: record.reason, at };
        break;
      case 'discussion-started':
        started ??= record;
        break;
      case 'turn-started':
        open.set(record.turn, { started: record, startedAt: at, batch, retries: [], errors: [] });
        break;
      case 'retry':
        openTurn(record.turn).retries.push({
          attempt: record.attempt,
          delayMs: record.delayMs,
          reason: record.reason,
        });
        break;
      case 'error':
        if (record.turn !== undefined || open.size > 0) {
          openTurn(record.turn).errors.push({
            kind: record.kind,
            message: record.message,
            fatal: record.fatal,
          });
        }
        break;
      case 'turn-ended': {
        bill(record.seat, record.usage, record.cost);
        const kind = open.get(record.turn)?.started?.kind ?? 'turn';
        if (kind === 'summary') {
          summary = close(record, record.turn, 'summary', at);
          summaryClosed = true;
        } else turns.set(record.turn, close(record, record.turn, 'turn', at));
        break;
      }
      case 'summary': {
        if (afterSummaryTurn) break;
        const turn = [...open.values()].find((o) => o.started?.kind === 'summary')?.started?.turn;
        bill(record.seat, record.usage, record.cost);
        summary = close(record, turn ?? (started?.settings.turns ?? turns.size) + 1, 'summary', at);
        break;
      }
      case 'context-trimmed':
        if (record.summaryUsage !== undefined) {
          bill(record.seat, record.summaryUsage, record.summaryCost);
        }
        break;
      case 'interjection':
        interjections.push({
          beforeTurn: record.beforeTurn,
          text: record.text,
          mention: record.mention,
          at,
        });
        break;
      case 'discussion-ended':
        end = { reason: record.reason, at };
        break;
      case 'reply-discarded':
        // A withdrawn reply was paid for; the turn's final version is its turn-ended.
        bill(record.seat, record.usage, record.cost);
        break;
      case 'moderator-decision':
      case 'bids':
        // Requests of the moderator (seat 0) or the seats' bids: paid for, heard by nobody.
        bill(0, record.usage, record.cost);
        break;
      case 'phase-started':
        batches += record.parallel ? 1 : 0;
        batch = record.parallel ? batches : undefined;
        break;
      case 'positions':
        // A repair request for an unreadable structured answer: paid for by that seat.
        if (record.repairUsage !== undefined) {
          bill(record.seat, record.repairUsage, record.repairCost);
        }
        break;
      case 'summary-record':
        bill(record.seat, record.usage, record.cost);
        break;
      case 'outcome':
        outcome = record.record;
        break;
      case 'consensus-check':
      case 'budget':
        break;
      case 'discussion-resumed':
      case 'seat-memory':
      case 'topic-changed':
      case 'text-delta':
      case 'command':
      case 'phase-ended':
      case 'review':
      case 'review-tally':
        break;
      default: {
        const unhandled: never = record;
        return unhandled;
      }
    }
  }

  endSegment();
  const first = runs[0];
  return {
    title: first?.title ?? started?.task.questions[0] ?? 'roundtable discussion',
    version: first?.version,
    tableDir: first?.tableDir,
    startedAt: first?.startedAt,
    lastAt,
    activeMs,
    runs,
    seed: started?.seed,
    settings: started?.settings,
    participants: started?.participants ?? [],
    task: started?.task,
    turns: [...turns.values()].sort((a, b) => a.turn - b.turn),
    summary,
    interjections,
    usage,
    seatUsage,
    seatRequests,
    outcome,
    end,
  };
}
