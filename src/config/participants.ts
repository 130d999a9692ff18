import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Participant } from '../engine/table.js';
import type { Problem } from './problems.js';
import { readText } from './read-text.js';
import { ROLE_EXTENSIONS, ROLE_PARSERS } from './role-parsers.js';
import { toParticipant, validateRole } from './role-schema.js';

export const PARTICIPANTS_DIR = 'participants';

export interface LoadedParticipants {
  readonly participants: Participant[];
  /** Each seat's role file as the user should see it, for messages about that seat. */
  readonly roleFiles: Map<number, string>;
  readonly problems: Problem[];
  readonly warnings: string[];
}

interface RoleFile {
  readonly seat: number;
  readonly fileName: string;
  readonly extension: string;
}

/** `display` turns a path relative to the table into the path the user should see. */
type Display = (relative: string) => string;

async function isDirectory(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return undefined;
  }
}

function scanRoleFiles(
  names: readonly string[],
  display: Display,
  problems: Problem[],
  warnings: string[],
): Map<number, RoleFile> {
  const bySeat = new Map<number, RoleFile>();
  const supported = (n: number | string): string =>
    ROLE_EXTENSIONS.map((ext) => `role${n}.${ext}`).join(' or ');
  for (const fileName of [...names].sort()) {
    const source = display(`${PARTICIPANTS_DIR}/${fileName}`);
    const match = /^role(\d+)\.([A-Za-z0-9]+)$/i.exec(fileName);
    if (match?.[1] === undefined || match[2] === undefined) {
      if (/^role/i.test(fileName) && !fileName.startsWith('.') && !/[~#]$|\.bak$/.test(fileName)) {
        warnings.push(`${source} is not named roleN.json or roleN.md and is ignored`);
      }
      continue;
    }
    const seat = Number(match[1]);
    const extension = match[2].toLowerCase();
    if (seat === 0 || match[1] !== String(seat)) {
      const suggestion = seat === 0 ? 'numbering starts at 1' : `name it ${supported(seat)}`;
      problems.push({ source, file: source, message: `bad role number; ${suggestion}` });
      continue;
    }
    if (!ROLE_EXTENSIONS.includes(extension)) {
      problems.push({
        source,
        file: source,
        message: `unsupported role file type ".${match[2]}"; write ${supported(seat)}`,
      });
      continue;
    }
    const other = bySeat.get(seat);
    if (other !== undefined) {
      const otherSource = display(`${PARTICIPANTS_DIR}/${other.fileName}`);
      problems.push({
        source,
        file: source,
        message: `seat ${seat} is also defined by ${otherSource}; keep only one of them`,
      });
      continue;
    }
    bySeat.set(seat, { seat, fileName, extension });
  }
  return bySeat;
}

function gapProblems(bySeat: Map<number, RoleFile>, display: Display): Problem[] {
  const seats = [...bySeat.keys()].sort((a, b) => a - b);
  const problems: Problem[] = [];
  const last = seats.at(-1) ?? 0;
  const present = (n: number): string => {
    const file = bySeat.get(n);
    return file === undefined ? `role${n}` : display(`${PARTICIPANTS_DIR}/${file.fileName}`);
  };
  for (let n = 1; n <= last; n++) {
    if (bySeat.has(n)) continue;
    const source = display(`${PARTICIPANTS_DIR}/role${n}.json`);
    const next = seats.find((s) => s > n) ?? last;
    const message =
      n === 1
        ? `missing; roles are numbered from role1.json (found ${seats.map((s) => bySeat.get(s)?.fileName).join(', ')})`
        : `missing, but ${present(next)} exists; roles are numbered from 1 without gaps (add role${n}.json or role${n}.md, or renumber)`;
    problems.push({ source, file: source, message });
  }
  return problems;
}

/** Reads participants/roleN.*, validates each and checks numbering and name clashes. */
export async function loadParticipants(dir: string, display: Display): Promise<LoadedParticipants> {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const participants: Participant[] = [];
  const roleFiles = new Map<number, string>();
  const folder = join(dir, PARTICIPANTS_DIR);
  const folderSource = display(`${PARTICIPANTS_DIR}/`);
  const kind = await isDirectory(folder);
  if (kind !== true) {
    const message =
      kind === undefined
        ? 'folder not found; a table needs participants/role1.json, role2.json, … (`roundtable init` writes an example)'
        : 'expected a folder holding role1.json, role2.json, …, found a file';
    problems.push({ source: folderSource, message });
    return { participants, roleFiles, problems, warnings };
  }
  const bySeat = scanRoleFiles(await readdir(folder), display, problems, warnings);
  if (bySeat.size === 0 && problems.length === 0) {
    const source = display(`${PARTICIPANTS_DIR}/role1.json`);
    problems.push({
      source,
      file: source,
      message:
        'missing; a table needs at least participants/role1.json or role1.md (roles are numbered from 1)',
    });
    return { participants, roleFiles, problems, warnings };
  }
  problems.push(...gapProblems(bySeat, display));

  const nameOwners = new Map<string, string>();
  for (const file of [...bySeat.values()].sort((a, b) => a.seat - b.seat)) {
    const source = display(`${PARTICIPANTS_DIR}/${file.fileName}`);
    const read = await readText(join(folder, file.fileName), source);
    if (read.status !== 'ok') {
      if (read.status === 'bad') problems.push(read.problem);
      else problems.push({ source, file: source, message: 'disappeared while loading' });
      continue;
    }
    const parser = ROLE_PARSERS[file.extension];
    if (parser === undefined) continue;
    const parsed = await parser(read.text, source);
    problems.push(...parsed.problems);
    if (parsed.raw === undefined) continue;
    const role = validateRole(parsed.raw);
    if (!role.ok) {
      for (const { field, message } of role.messages) {
        problems.push({ source, file: source, location: parsed.locate?.(field), message });
      }
      continue;
    }
    if (parsed.problems.length > 0) continue;
    const key = role.fields.name.toLowerCase();
    const owner = nameOwners.get(key);
    if (owner !== undefined) {
      problems.push({
        source,
        file: source,
        message: `name: "${role.fields.name}" is already used by ${owner}; names must differ (ignoring case) because replies mention them`,
      });
      continue;
    }
    nameOwners.set(key, source);
    roleFiles.set(file.seat, source);
    participants.push(toParticipant(file.seat, role.fields));
  }
  if (problems.length === 0 && participants.length === 1) {
    warnings.push('only one participant: a discussion needs at least two to be worth watching');
  }
  return { participants, roleFiles, problems, warnings };
}
