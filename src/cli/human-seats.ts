import type { Participant, Table } from '../engine/table.js';
import { InputError } from '../errors.js';

/** Marks the seats named by `--human` as taken by a person; a role file's `"human": true` also counts. */
export function withHumanSeats(table: Table, names: readonly string[] | undefined): Table {
  if (names === undefined || names.length === 0) return table;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const name of names) {
    if (!table.participants.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      const valid = table.participants.map((p) => p.name).join(', ');
      throw new InputError(`--human: no participant named "${name}" (valid: ${valid})`);
    }
  }
  const participants: Participant[] = table.participants.map((p) =>
    wanted.has(p.name.toLowerCase()) ? { ...p, human: true } : p,
  );
  return { ...table, participants };
}

export function hasHumanSeat(table: Table): boolean {
  return table.participants.some((p) => p.human === true);
}
