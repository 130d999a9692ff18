import { hostname } from 'node:os';
import { basename, isAbsolute, resolve } from 'node:path';
import { type Charge, ChargeReader } from '../cost/charges.js';
import type { EventOf } from '../engine/events.js';
import type { RunRecord, TranscriptRecord } from '../transcript/events-file.js';
import { derivedRunId } from '../transcript/run-id.js';
import type { LibraryStore } from './store.js';

/** What the library says of a run that is being written or was left without an end. */
export type RunStatus = 'running' | 'completed' | 'stopped' | 'interrupted' | 'failed';

export interface RunIndexerOptions {
  /** The transcript folder, absolute. */
  readonly dir: string;
  /** Set when a live process writes the run (so `history` can tell a crashed one). */
  readonly pid?: number | undefined;
}

/** The cost the engine stamps on usage-bearing events: dollars, or null for an unknown price. */
type Costed = { readonly cost?: unknown };

/** A run's cost as the library keeps it: what is known, and whether that is all of it. */
interface CostSoFar {
  usd: number;
  complete: boolean;
}

/**
 * Applies one run's transcript records, in file order, to the library: the same code indexes a
 * run live (record by record as the transcript writer writes them) and from its folder.
 */
export class RunIndexer {
  #id: string | undefined;
  #status: RunStatus = 'running';
  #settings: string | null = null;
  readonly #turnKinds = new Map<number, 'turn' | 'summary'>();
  /** Summary turns already indexed (by their turn-ended, or their summary event). */
  readonly #summaryEnded = new Set<number>();
  #turnsSpoken = 0;
  #promptTokens = 0;
  #completionTokens = 0;
  #estimated = false;
  readonly #cost: CostSoFar = { usd: 0, complete: true };
  readonly #charges = new ChargeReader();

  constructor(
    private readonly store: LibraryStore,
    private readonly options: RunIndexerOptions,
  ) {}

  get id(): string | undefined {
    return this.#id;
  }

  get status(): RunStatus {
    return this.#status;
  }

  apply(record: TranscriptRecord): void {
    switch (record.type) {
      case 'run':
        this.#run(record);
        break;
      case 'closed':
        this.#status = record.reason;
        this.#progress(record.ts);
        break;
      default:
        this.#event(record);
    }
  }

  /** After the last record of a folder: a run that never recorded its end was cut off. */
  settle(now: string): void {
    if (this.#id !== undefined && this.#status === 'running' && this.options.pid === undefined) {
      this.#status = 'interrupted';
      this.#progress(now);
    }
  }

  #run(record: RunRecord): void {
    const { dir, pid } = this.options;
    this.#settings = JSON.stringify(record.settings ?? {});
    this.#status = 'running';
    const live = {
      status: this.#status,
      updatedAt: record.ts,
      pid: pid ?? null,
      host: pid === undefined ? null : hostname(),
      settings: this.#settings,
    };
    if (this.#id !== undefined) {
      this.store.resumeRun({ id: this.#id, dir, ...live });
      return;
    }
    const id = record.id ?? derivedRunId(record);
    this.#id = id;
    // Older run records hold the table folder relative to where `run` was started: a live run
    // is that place; from a folder, the path is kept as recorded.
    const tableDir =
      pid !== undefined && !isAbsolute(record.tableDir)
        ? resolve(record.tableDir)
        : record.tableDir;
    this.store.deleteRun(id);
    this.store.insertRun({
      id,
      dir,
      title: record.title,
      tableDir,
      tableName: basename(resolve(tableDir)),
      startedAt: record.startedAt,
      endpoint: record.endpoint ?? null,
      model: record.model ?? null,
      ...live,
    });
  }

  #event(event: Exclude<TranscriptRecord, RunRecord | { type: 'closed' }>): void {
    const id = this.#id;
    if (id === undefined) return;
    this.#index(id, event);
    // Every request's tokens and cost, whichever event bills it (see src/cost/charges.ts).
    const charge = this.#charges.read(event);
    if (charge !== undefined) {
      this.#addUsage(charge);
      this.#progress(event.ts);
    }
  }

  #index(id: string, event: Exclude<TranscriptRecord, RunRecord | { type: 'closed' }>): void {
    switch (event.type) {
      case 'discussion-started':
        this.#started(id, event);
        return;
      case 'turn-started':
        this.#turnKinds.set(event.turn, event.kind);
        return;
      case 'summary': {
        // The summary phase ends its turn with this event alone (no turn-ended): indexed here,
        // unless a turn-ended already carried it.
        const turn = [...this.#turnKinds].findLast(([, kind]) => kind === 'summary')?.[0];
        if (turn === undefined || this.#summaryEnded.has(turn)) return;
        this.#summaryEnded.add(turn);
        if (event.text.trim() !== '') {
          this.store.passage(id, {
            kind: 'summary',
            turn,
            seat: event.seat,
            speaker: event.speaker,
            status: event.status,
            text: event.text,
          });
        }
        return;
      }
      case 'turn-ended': {
        const kind = this.#turnKinds.get(event.turn) ?? 'turn';
        if (kind === 'summary') this.#summaryEnded.add(event.turn);
        if (event.text.trim() !== '') {
          this.store.passage(id, {
            kind,
            turn: event.turn,
            seat: event.seat,
            speaker: event.speaker,
            status: event.status,
            text: event.text,
          });
        }
        if (kind === 'turn' && event.status !== 'failed' && event.status !== 'interrupted') {
          this.#turnsSpoken = Math.max(this.#turnsSpoken, event.turn);
        }
        return;
      }
      case 'outcome':
        // The decision record as outcome.json will hold it (written just after this event).
        this.store.outcome(id, JSON.stringify(event.record));
        return;
      case 'discussion-ended':
        this.#status = event.reason;
        this.#turnsSpoken = event.turns;
        this.#promptTokens = event.usage.promptTokens;
        this.#completionTokens = event.usage.completionTokens;
        this.#estimated = event.usage.estimated;
        this.#endCost(event as Costed);
        this.#progress(event.ts);
        return;
      default:
        return;
    }
  }

  #started(id: string, event: EventOf<'discussion-started'> & { ts: string }): void {
    const settings = event.settings as unknown as Record<string, unknown>;
    const format = typeof settings.format === 'string' ? settings.format : 'roundtable';
    this.store.started(id, { seed: event.seed, format, turnsPlanned: event.settings.turns });
    for (const p of event.participants) {
      this.store.seat(id, {
        seat: p.seat,
        name: p.name,
        fullName: p.fullName ?? null,
        model: p.human === true ? 'human' : (p.model ?? null),
        endpoint: p.endpoint ?? null,
        memory: (p as { memory?: unknown }).memory === true,
      });
    }
    event.task.questions.forEach((question, index) => {
      this.store.passage(id, {
        kind: 'question',
        turn: index + 1,
        seat: null,
        speaker: null,
        status: null,
        text: question,
      });
    });
  }

  #addUsage({ usage, cost }: Charge): void {
    this.#promptTokens += usage.promptTokens;
    this.#completionTokens += usage.completionTokens;
    this.#estimated ||= usage.estimated;
    // Runs recorded before costs were stamped on events, or at an unknown price: not all known.
    if (typeof cost === 'number' && Number.isFinite(cost)) this.#cost.usd += cost;
    else if (usage.promptTokens + usage.completionTokens > 0) this.#cost.complete = false;
  }

  /** The end's total is the authority: `{usd, unpricedTokens}` (see src/cost's CostTotal). */
  #endCost(event: Costed): void {
    const total = event.cost as { usd?: unknown; unpricedTokens?: unknown } | null | undefined;
    if (total === null || typeof total !== 'object' || typeof total.usd !== 'number') return;
    this.#cost.usd = total.usd;
    this.#cost.complete = total.unpricedTokens === 0;
  }

  #progress(updatedAt: string): void {
    const id = this.#id;
    if (id === undefined) return;
    this.store.progress(id, {
      status: this.#status,
      updatedAt,
      turnsSpoken: this.#turnsSpoken,
      promptTokens: this.#promptTokens,
      completionTokens: this.#completionTokens,
      estimated: this.#estimated,
      costUsd: this.#cost.usd,
      costComplete: this.#cost.complete,
    });
  }
}
