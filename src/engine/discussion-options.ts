// What a discussion is given: its table, settings and model, and the services and records that
// steer it (controls, context budget, a recording to resume, concurrency, memories, prices).
import type { ContextBudget } from './budget-keeper.js';
import type { ConcurrencyLimit } from './concurrency.js';
import type { DiscussionControls } from './controls.js';
import type { Pricing } from './costs.js';
import type { DiscussionEvent, SeatMemory } from './events.js';
import type { Model } from './model.js';
import type { EngineSettings, Table } from './table.js';

export interface DiscussionOptions {
  readonly table: Table;
  readonly settings: EngineSettings;
  readonly model: Model;
  /** Aborting it interrupts the turn in flight and ends the discussion ('interrupted'). */
  readonly signal?: AbortSignal | undefined;
  readonly controls?: DiscussionControls | undefined;
  /**
   * Keeps each seat's requests within its context window (see `budget-keeper.ts`); without it
   * every request carries the whole history.
   */
  readonly budget?: ContextBudget | undefined;
  /**
   * Go on with a recorded discussion: its events so far (no transcript `run`/`closed` records).
   * Only new events are yielded; the recorded ones are not repeated. Throws when it completed.
   */
  readonly resume?: { readonly events: readonly DiscussionEvent[] } | undefined;
  /** Requests in flight at once per endpoint (parallel phases); no limit when absent. */
  readonly concurrency?: ConcurrencyLimit | undefined;
  /**
   * Notes of earlier runs for the seats with `memory: true`, found by the session (the engine
   * does no I/O). Announced as `seat-memory` events; a resumed run takes them from its events.
   */
  readonly memories?: readonly SeatMemory[] | undefined;
  /** What each model costs: usage-bearing events then carry their cost, and budgets apply. */
  readonly pricing?: Pricing | undefined;
}
