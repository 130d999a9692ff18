import { resolve } from 'node:path';
import type { Table } from '../engine/table.js';
import { type ConfigFile, loadConfigFile } from './config-file.js';
import { loadParticipants } from './participants.js';
import { problemsError } from './problems.js';
import { DEFAULT_MAX_FILE_BYTES, TableFolder, type TableFolderOptions } from './table-folder.js';
import { loadTask } from './task.js';

export interface LoadedTable {
  /** The table folder as given. */
  readonly dir: string;
  readonly table: Table;
  /** Each seat's role file (participants/roleN.json or .md) as shown to the user. */
  readonly roleFiles: ReadonlyMap<number, string>;
  /** The parsed roundtable.config.json, or {} when there is none. */
  readonly config: ConfigFile;
  /** The config file as shown to the user, when there is one. */
  readonly configPath?: string | undefined;
  /** Things that load but look unintended (an empty context, a single participant…). */
  readonly warnings: string[];
}

/**
 * Loads and validates a table folder: participants/roleN.json or .md, task/*.txt and the optional
 * roundtable.config.json. Every fault found is reported at once, in one InputError whose message
 * names each file and field; paths in messages are the folder as given joined with the file.
 * `options.maxFileBytes` is the limit a flag or the environment set; without one, the config
 * file's `maxFileBytes` applies to the other files.
 */
export async function loadTable(
  dir: string,
  options: TableFolderOptions = {},
): Promise<LoadedTable> {
  const first = await TableFolder.open(dir, options);
  const config = await loadConfigFile(first);
  const limit = options.maxFileBytes ?? config.config.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const folder =
    limit === first.maxFileBytes
      ? first
      : await TableFolder.open(dir, { ...options, maxFileBytes: limit });
  const participants = await loadParticipants(folder);
  const task = await loadTask(folder);
  const problems = [...participants.problems, ...task.problems, ...config.problems];
  if (problems.length > 0 || task.task === undefined) {
    throw problemsError(problems, tableWhere(dir));
  }
  return {
    dir,
    table: { participants: participants.participants, task: task.task },
    roleFiles: participants.roleFiles,
    config: config.config,
    ...(config.configPath === undefined ? {} : { configPath: config.configPath }),
    warnings: [...participants.warnings, ...task.warnings],
  };
}

/**
 * Where the problems are, as a person reads it: "in this folder" for the folder they are in
 * ("in the table at ." read as a typo), else the table as they named it.
 */
export function tableWhere(dir: string, cwd: string = process.cwd()): string {
  const here = resolve(cwd);
  return resolve(here, dir) === here ? `this folder (${here})` : `the table at ${dir}`;
}
