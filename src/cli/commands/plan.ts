import type { Command } from 'commander';
import { missingKeyError } from '../../config/missing-key.js';
import { InputError } from '../../errors.js';
import { formatPlan } from '../../plan/format.js';
import { terminalSafe, terminalSafeJson } from '../../render/terminal-safe.js';
import { loadTableAndSettings } from '../flags.js';
import { withHumanSeats } from '../human-seats.js';
import { notice } from '../notice.js';
import { planTable } from '../plan-table.js';

interface PlanFlags {
  json?: boolean;
  requests: boolean;
  replyTokens?: string;
  human?: string[];
}

export interface PlanIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly now: () => Date;
}

const processIO: PlanIO = {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
};

function replyTokensFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(`--reply-tokens: expected a whole number ≥ 1, got "${text}"`);
  }
  return value;
}

/**
 * A dry run: the requests the run would make, by phase, their tokens and cost, and one rendered
 * request per phase. Nothing is sent: no endpoint is asked anything, no key is needed.
 */
export async function planCommand(
  dir: string,
  raw: Record<string, unknown>,
  command: Command,
  io: PlanIO = processIO,
): Promise<number> {
  const flags = raw as unknown as PlanFlags;
  const replyTokens = replyTokensFlag(flags.replyTokens);
  const { loaded, settings } = await loadTableAndSettings(dir, command, io.env);
  const table = withHumanSeats(loaded.table, flags.human);
  const { plan, floor, prices, seating } = await planTable({
    loaded: { ...loaded, table },
    settings,
    env: io.env,
    at: io.now(),
    replyTokens,
  });
  for (const warning of [...loaded.warnings, ...seating.warnings]) {
    notice(`warning: ${warning}`, io.stderr);
  }
  // A plan needs no key; the run will, so say so now rather than after the plan is read.
  const missing = missingKeyError(seating);
  if (missing !== undefined) notice(`note: a run needs a key: ${missing.message}`, io.stderr);
  if (flags.json === true) {
    const least = { ...floor.least, covers: floor.covers, firstTurn: floor.firstStep };
    io.stdout.write(`${terminalSafeJson({ ...plan, prices, leastBudget: least })}\n`);
  } else {
    const view = { dir: loaded.dir, quotes: prices, requests: flags.requests, floor };
    io.stdout.write(terminalSafe(formatPlan(plan, view)));
  }
  return 0;
}
