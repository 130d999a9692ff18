import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { Table } from '../engine/table.js';
import { InputError } from '../errors.js';
import { type ConfigFile, loadConfigFile } from './config-file.js';
import { loadParticipants } from './participants.js';
import { problemsError } from './problems.js';
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
 */
export async function loadTable(dir: string): Promise<LoadedTable> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => undefined,
  );
  if (isDir !== true) {
    throw new InputError(
      isDir === undefined
        ? `${dir}: table folder not found (it should hold participants/ and task/)`
        : `${dir}: expected a table folder holding participants/ and task/, found a file`,
      dir,
    );
  }
  const display = (relative: string): string => normalize(join(dir, relative));
  const participants = await loadParticipants(dir, display);
  const task = await loadTask(dir, display);
  const config = await loadConfigFile(dir, display);
  const problems = [...participants.problems, ...task.problems, ...config.problems];
  if (problems.length > 0 || task.task === undefined) {
    throw problemsError(problems, `the table at ${dir}`);
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
