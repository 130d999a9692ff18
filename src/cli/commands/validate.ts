import type { Command } from 'commander';
import { describeTable } from '../../config/describe.js';
import { missingKeyError } from '../../config/missing-key.js';
import { planSeating } from '../../config/seating.js';
import { ExitCode, InputError } from '../../errors.js';
import { budgetProblem, floorOf, quotedPricing } from '../budget-floor-check.js';
import { checkEndpoints, formatChecks } from '../endpoint-check.js';
import type { EndpointDeps } from '../endpoint-plan.js';
import { loadTableAndSettings } from '../flags.js';
import { notice } from '../notice.js';
import { preflight } from '../preflight.js';

export interface ValidateIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly deps?: EndpointDeps | undefined;
}

const processIO: ValidateIO = { env: process.env, stdout: process.stdout, stderr: process.stderr };

/**
 * Loads the table, resolves settings and every seat's endpoint and model, and prints it all.
 * A missing key is an input error (exit 2) after the description; with `--check-endpoints`
 * each endpoint is asked for its models, and one that fails makes the exit code 1.
 */
export async function validateCommand(
  dir: string,
  options: { checkEndpoints?: boolean },
  command: Command,
  io: ValidateIO = processIO,
): Promise<number> {
  const { loaded, settings } = await loadTableAndSettings(dir, command, io.env);
  const seating = planSeating(loaded, settings, io.env);
  notice(describeTable(loaded, settings, { seating, env: io.env }), io.stdout);
  for (const warning of [...loaded.warnings, ...seating.warnings]) {
    notice(`warning: ${warning}`, io.stderr);
  }
  const missing = missingKeyError(seating);
  if (missing !== undefined) throw missing;
  // Every other check run makes before its first request, a budget too small for the end too.
  const budget = preflight(loaded.table, seating, settings);
  if (settings.budgetTokens !== undefined || settings.budgetUsd !== undefined) {
    const quoted = await quotedPricing(seating, loaded.config, new Date());
    const table = quoted.table(loaded.table);
    const input = { table, settings, pricing: quoted.pricing, budget };
    const problem = budgetProblem(input, await floorOf(input));
    if (problem !== undefined) throw new InputError(problem);
  }
  if (options.checkEndpoints !== true) return ExitCode.ok;

  const checks = await checkEndpoints(seating, io.env, io.deps);
  notice(formatChecks(checks).trimEnd(), io.stdout);
  return checks.every((c) => c.ok) ? ExitCode.ok : ExitCode.failure;
}
