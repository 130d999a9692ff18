// The error a run stops with when an endpoint's key is not in the environment, naming the seats
// that need it.
import { InputError } from '../errors.js';
import type { ModelSeatPlan, SeatingPlan } from './seating.js';

function seatList(seats: readonly ModelSeatPlan[]): string {
  const names = seats.map((s) => `${s.file} (${s.name})`);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The error a run stops with, before any request, when an endpoint's key is not set. */
export function missingKeyError(plan: SeatingPlan): InputError | undefined {
  if (plan.missingKeys.length === 0) return undefined;
  const lines = plan.missingKeys.map((missing) => {
    const verb = missing.seats.length === 1 ? 'uses' : 'use';
    const viaDefault = missing.seats.every((s) => !s.endpointFromRole)
      ? ` (the table default, from ${plan.defaultEndpoint.origin})`
      : '';
    return `${seatList(missing.seats)} ${verb} endpoint ${missing.endpoint}${viaDefault}, which needs ${missing.variable}; it is not set`;
  });
  const first = plan.missingKeys[0]?.seats[0]?.file;
  const head =
    lines.length === 1
      ? (lines[0] ?? '')
      : `${lines.length} API keys are missing:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
  return new InputError(
    `${head}\n(set the variable in the environment, e.g. export ${plan.missingKeys[0]?.variable}=…; keys are never read from files)`,
    first?.startsWith('seat ') === true ? undefined : first,
  );
}
