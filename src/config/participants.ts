import type { Participant } from '../engine/table.js';
import { differingCharacters, nameKeys } from './names.js';
import type { Problem } from './problems.js';
import { ROLE_EXTENSIONS, ROLE_PARSERS } from './role-parsers.js';
import { toParticipant, validateRole } from './role-schema.js';
import type { TableFolder } from './table-folder.js';
import { MAX_SEAT } from './table-schema.js';

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
      // A .json file here is meant as a role whatever its name (margit.json); notes are not.
      const meant = /^role/i.test(fileName) || /\.json$/i.test(fileName);
      if (meant && !fileName.startsWith('.') && !/[~#]$|\.bak$/.test(fileName)) {
        warnings.push(`${source} is not named roleN.json or roleN.md and is ignored`);
      }
      continue;
    }
    const seat = Number(match[1]);
    const extension = match[2].toLowerCase();
    if (seat > MAX_SEAT) {
      problems.push({
        source,
        file: source,
        message: `role numbers go up to ${MAX_SEAT}; number the roles from 1 without gaps (role1.json, role2.json, …)`,
      });
      continue;
    }
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

/**
 * The missing role numbers, one problem per gap (role2.json to role99.json is one problem, not 98),
 * so a single stray high number cannot flood the output or the memory.
 */
function gapProblems(bySeat: Map<number, RoleFile>, display: Display): Problem[] {
  const seats = [...bySeat.keys()].sort((a, b) => a - b);
  const problems: Problem[] = [];
  const name = (n: number): string => {
    const file = bySeat.get(n);
    return file === undefined ? `role${n}` : display(`${PARTICIPANTS_DIR}/${file.fileName}`);
  };
  let expected = 1;
  for (const seat of seats) {
    if (seat > expected) {
      const from = expected;
      const to = seat - 1;
      const source = display(`${PARTICIPANTS_DIR}/role${from}.json`);
      const missing =
        from === to ? 'missing' : `missing, and so is every number up to role${to}.json`;
      const message =
        from === 1
          ? `${missing}; roles are numbered from role1.json (found ${seats.map((s) => bySeat.get(s)?.fileName).join(', ')})`
          : `${missing}, but ${name(seat)} exists; roles are numbered from 1 without gaps (${from === to ? `add role${from}.json or role${from}.md` : 'add the missing ones'}, or renumber)`;
      problems.push({ source, file: source, message });
    }
    expected = seat + 1;
  }
  return problems;
}

/** Reads participants/roleN.*, validates each and checks numbering and name clashes. */
export async function loadParticipants(folder: TableFolder): Promise<LoadedParticipants> {
  const display = (path: string) => folder.display(path);
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const participants: Participant[] = [];
  const roleFiles = new Map<number, string>();
  const folderSource = display(`${PARTICIPANTS_DIR}/`);
  const listed = await folder.list(PARTICIPANTS_DIR);
  if (listed.status !== 'ok') {
    if (listed.status === 'bad') problems.push(listed.problem);
    else {
      const message =
        listed.status === 'missing'
          ? 'folder not found; a table needs participants/role1.json, role2.json, … (`roundtable init` writes an example)'
          : 'expected a folder holding role1.json, role2.json, …, found a file';
      problems.push({ source: folderSource, message });
    }
    return { participants, roleFiles, problems, warnings };
  }
  const bySeat = scanRoleFiles(listed.names, display, problems, warnings);
  if (bySeat.size === 0 && problems.length === 0) {
    const source = display(`${PARTICIPANTS_DIR}/role1.json`);
    const strays = listed.names
      .filter((n) => /\.(json|md)$/i.test(n) && !n.startsWith('.') && !/^readme\.md$/i.test(n))
      .sort();
    // What the user probably meant as roles, and the names that would make them roles.
    const shown = strays.slice(0, 5);
    const renamed = shown.map((n, i) => `role${i + 1}${n.slice(n.lastIndexOf('.')).toLowerCase()}`);
    const more = strays.length > shown.length ? ', …' : '';
    const found =
      shown.length === 0
        ? ''
        : `; found ${shown.join(', ')}${more}: name ${shown.length === 1 ? 'it' : 'them'} ${renamed.join(', ')}${more}`;
    problems.push({
      source,
      file: source,
      message: `missing; a table needs at least participants/role1.json or role1.md (roles are numbered from 1)${found}`,
    });
    return { participants, roleFiles, problems, warnings };
  }
  problems.push(...gapProblems(bySeat, display));

  const nameOwners = new Map<string, { readonly name: string; readonly source: string }>();
  for (const file of [...bySeat.values()].sort((a, b) => a.seat - b.seat)) {
    const source = display(`${PARTICIPANTS_DIR}/${file.fileName}`);
    const read = await folder.readText(`${PARTICIPANTS_DIR}/${file.fileName}`);
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
    const name = role.fields.name;
    const clash = nameKeys(name)
      .map((key) => nameOwners.get(key))
      .find((owner) => owner !== undefined);
    if (clash !== undefined) {
      const same = clash.name.toLowerCase() === name.toLowerCase();
      problems.push({
        source,
        file: source,
        message: same
          ? `name: "${name}" is already used by ${clash.source}; names must differ (ignoring case) because replies mention them`
          : `name: "${name}" looks like "${clash.name}" (${clash.source}) but is written with other characters (${differingCharacters(name, clash.name)}); names at one table must be told apart by eye and in mentions`,
      });
      continue;
    }
    for (const key of nameKeys(name)) nameOwners.set(key, { name, source });
    roleFiles.set(file.seat, source);
    participants.push(toParticipant(file.seat, role.fields));
  }
  if (problems.length === 0 && participants.length === 1) {
    warnings.push('only one participant: a discussion needs at least two to be worth watching');
  }
  return { participants, roleFiles, problems, warnings };
}
