// The checks a run makes before its first request, without contacting anything. `run` and
// `validate` both call `preflight`, so that validate passes exactly what run accepts.

import { DEFAULT_BODY_LIMIT } from '../../test-server/options.js';
import type { SeatingPlan } from '../config/seating.js';
import { type RunSettings, toEngineSettings } from '../config/settings.js';
import { formatBytes } from '../config/table-folder.js';
import type { ContextBudget } from '../engine/budget-keeper.js';
import { systemMessage } from '../engine/request.js';
import type { Table } from '../engine/table.js';
import { InputError } from '../errors.js';
import { contextBudget } from './context-windows.js';

/** Room kept in the offline model's request for the discussion itself and the JSON around it. */
const OFFLINE_REQUEST_RESERVE = 64 * 1024;

/**
 * Throws an InputError (exit 2) for what would fail at the first request: a context window that
 * cannot hold the reply budget, a seat whose very first request is larger than the offline
 * Markov model accepts. Returns the engine's context budget.
 */
export function preflight(
  table: Table,
  seating: SeatingPlan,
  settings: RunSettings,
): ContextBudget | undefined {
  const budget = contextBudget(seating, settings);
  const offline = new Set(
    seating.endpoints.filter((e) => e.baseUrl === undefined).map((e) => e.name),
  );
  const engine = toEngineSettings(settings);
  for (const seat of seating.seats) {
    if (seat.kind !== 'model' || !offline.has(seat.endpoint)) continue;
    const participant = table.participants.find((p) => p.seat === seat.seat);
    if (participant === undefined) continue;
    const bytes = Buffer.byteLength(JSON.stringify(systemMessage(table, engine, participant)));
    if (bytes + OFFLINE_REQUEST_RESERVE <= DEFAULT_BODY_LIMIT) continue;
    const sizes = [
      `persona ${formatBytes(Buffer.byteLength(participant.prompt))}`,
      `task/context.txt ${formatBytes(Buffer.byteLength(table.task.context))}`,
      `task/instructions.txt ${formatBytes(Buffer.byteLength(table.task.instructions))}`,
    ];
    throw new InputError(
      `${seat.file} (${seat.name}) runs on the offline Markov model, which takes requests up to ${formatBytes(DEFAULT_BODY_LIMIT)}, and this seat's system message alone is ${formatBytes(bytes)} (${sizes.join(', ')}); shorten them, or run on a real endpoint (--endpoint, --base-url)`,
      seat.file.startsWith('seat ') ? undefined : seat.file,
    );
  }
  return budget;
}
