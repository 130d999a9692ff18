// Debate sides (role field `side`): checked against the phases the run will go through, and
// filled in when a debate's table gives none.
import { phasesFor } from '../engine/formats.js';
import type { EngineSettings, Table } from '../engine/table.js';
import { InputError } from '../errors.js';

const OFFICIALS = new Set(['judge', 'chair']);

export interface SidedTable {
  readonly table: Table;
  readonly warnings: readonly string[];
}

/**
 * A format whose discussion alternates sides needs every debater on one. With no side at all,
 * the debaters argue the first question's options in turn when it lists them (seat 1 the first
 * option, seat 2 the second, …, round again), else odd seats "for" and even seats "against"; a
 * warning says which. With only some, the others' role files are named and the run does not
 * start.
 */
export function seatSides(
  table: Table,
  settings: EngineSettings,
  roleFiles: ReadonlyMap<number, string>,
): SidedTable {
  const alternates = phasesFor(settings).some(
    (phase) => phase.kind === 'discussion' && phase.alternate === 'sides',
  );
  if (!alternates) return { table, warnings: [] };
  const key = (side: string | undefined) => side?.trim().toLowerCase();
  const debaters = table.participants.filter((p) => !OFFICIALS.has(key(p.side) ?? ''));
  const sideless = debaters.filter((p) => key(p.side) === undefined);
  if (sideless.length === debaters.length) {
    // The debate opens on the first question: a choice among options is argued option by option
    // ("for" trains in a question of trains, trail or housing would say nothing).
    const options = table.task.options?.[0] ?? [];
    const sides = options.length >= 2 ? options : ['for', 'against'];
    let k = 0;
    const participants = table.participants.map((p) => {
      if (OFFICIALS.has(key(p.side) ?? '')) return p;
      k += 1;
      return { ...p, side: sides[(k - 1) % sides.length] };
    });
    const argued = participants
      .filter((p) => !OFFICIALS.has(key(p.side) ?? ''))
      .map((p) => `${p.name} ${p.side}`);
    return {
      table: { ...table, participants },
      warnings: [
        options.length >= 2
          ? `no role file gives a "side" for the debate: the seats argue the first question's options in turn (${argued.join(', ')})`
          : 'no role file gives a "side" for the debate: odd seats argue "for", even seats "against"',
      ],
    };
  }
  if (sideless.length > 0) {
    const files = sideless.map((p) => roleFiles.get(p.seat) ?? `seat ${p.seat}`);
    throw new InputError(
      `${files.join(', ')}: no "side", but other seats have one; a debate needs a side for every seat (e.g. "side": "for"), or none at all`,
      files[0],
    );
  }
  const sides = new Set(debaters.map((p) => key(p.side)));
  if (sides.size < 2) {
    throw new InputError(
      `every debater is on the side "${debaters[0]?.side ?? ''}"; a debate needs at least two sides (role field "side")`,
    );
  }
  return { table, warnings: [] };
}
