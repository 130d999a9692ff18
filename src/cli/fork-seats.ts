// What a fork changes about the seats: a seat's model (`--seat-model Ann=gpt-4o`), a seat's
// persona from another role file (`--persona Ann=critic.md`), or every seat's endpoint and model
// (`--endpoint`, `--model`). A seat keeps its name: the discussion so far calls it so.
import { extname } from 'node:path';
import { formatProblem } from '../config/problems.js';
import { readText } from '../config/read-text.js';
import { ROLE_EXTENSIONS, ROLE_PARSERS } from '../config/role-parsers.js';
import { toParticipant, validateRole } from '../config/role-schema.js';
import { findParticipant } from '../engine/controls.js';
import type { Participant } from '../engine/table.js';
import { InputError } from '../errors.js';

export interface SeatChanges {
  /** `Name=model`, one a seat. */
  readonly seatModels: readonly string[];
  /** `Name=path/to/roleN.json|md`. */
  readonly personas: readonly string[];
  /** Every seat's endpoint and model, when the fork's flags name them. */
  readonly endpoint?: string | undefined;
  readonly model?: string | undefined;
}

function split(flag: string, value: string, participants: readonly Participant[]) {
  const at = value.indexOf('=');
  const names = participants.map((p) => p.name).join(', ');
  if (at <= 0 || at === value.length - 1) {
    throw new InputError(`${flag} ${value}: expected Name=value, with Name one of ${names}`);
  }
  const name = value.slice(0, at).trim();
  const seat = findParticipant(participants, name);
  if (seat === undefined) {
    throw new InputError(`${flag} ${value}: nobody called "${name}" is at the table (${names})`);
  }
  return { seat, value: value.slice(at + 1).trim() };
}

async function readPersona(
  path: string,
  seat: Participant,
): Promise<{ participant: Participant; warning?: string }> {
  const extension = extname(path).slice(1).toLowerCase();
  const parser = ROLE_PARSERS[extension];
  if (parser === undefined) {
    throw new InputError(
      `--persona: ${path} is not a role file (${ROLE_EXTENSIONS.map((e) => `.${e}`).join(' or ')})`,
      path,
    );
  }
  const read = await readText(path, path);
  if (read.status === 'missing') throw new InputError(`--persona: ${path}: file not found`, path);
  if (read.status === 'bad')
    throw new InputError(`--persona: ${formatProblem(read.problem)}`, path);
  const parsed = await parser(read.text, path);
  const problems = [...parsed.problems];
  const role = parsed.raw === undefined ? undefined : validateRole(parsed.raw);
  if (role !== undefined && !role.ok) {
    for (const { field, message } of role.messages) {
      problems.push({ source: path, file: path, location: parsed.locate?.(field), message });
    }
  }
  if (problems.length > 0 || role === undefined || !role.ok) {
    throw new InputError(
      `--persona: ${problems.map(formatProblem).join('\n') || `${path}: not a role`}`,
      path,
    );
  }
  const persona = toParticipant(seat.seat, role.fields);
  const warning =
    persona.name === seat.name
      ? undefined
      : `--persona ${path} names the seat "${persona.name}"; it keeps the name "${seat.name}", which the discussion so far uses`;
  return { participant: { ...persona, name: seat.name }, warning };
}

/** The seats with the fork's changes, and warnings to show. */
export async function changeSeats(
  participants: readonly Participant[],
  changes: SeatChanges,
): Promise<{ participants: Participant[]; warnings: string[] }> {
  const warnings: string[] = [];
  const bySeat = new Map(participants.map((p) => [p.seat, p]));
  for (const p of participants) {
    if (p.human === true) continue;
    if (changes.endpoint !== undefined)
      bySeat.set(p.seat, { ...p, endpoint: changes.endpoint, model: changes.model });
    else if (changes.model !== undefined) bySeat.set(p.seat, { ...p, model: changes.model });
  }
  for (const value of changes.personas) {
    const { seat, value: path } = split('--persona', value, participants);
    const read = await readPersona(path, seat);
    if (read.warning !== undefined) warnings.push(read.warning);
    // Unless the persona says otherwise, the seat talks to the endpoint and model it had.
    const before = bySeat.get(seat.seat) ?? seat;
    bySeat.set(seat.seat, {
      ...read.participant,
      endpoint: read.participant.endpoint ?? before.endpoint,
      model: read.participant.model ?? before.model,
    });
  }
  for (const value of changes.seatModels) {
    const { seat, value: model } = split('--seat-model', value, participants);
    const before = bySeat.get(seat.seat) ?? seat;
    bySeat.set(seat.seat, { ...before, model });
  }
  return { participants: participants.map((p) => bySeat.get(p.seat) ?? p), warnings };
}
