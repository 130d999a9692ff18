// A prepared run as a BullMQ job's data (plain JSON) and back.

import type { PreparedRun } from '../batch/prepare.js';
import { runLabel } from '../batch/progress.js';
import type { LoadedTable } from '../config/load-table.js';
import type { RunJob } from './protocol.js';

export function toRunJob(batch: string, run: PreparedRun): RunJob {
  const { loaded } = run;
  return {
    batch,
    run: run.spec.key,
    label: runLabel(run.spec),
    table: {
      dir: loaded.dir,
      table: loaded.table,
      roleFiles: [...loaded.roleFiles],
      config: loaded.config,
      ...(loaded.configPath === undefined ? {} : { configPath: loaded.configPath }),
    },
    settings: run.settings,
    ...(run.memories === undefined ? {} : { memories: run.memories }),
  };
}

export function loadedTableOf(job: RunJob): LoadedTable {
  return {
    dir: job.table.dir,
    table: job.table.table,
    roleFiles: new Map(job.table.roleFiles),
    config: job.table.config,
    ...(job.table.configPath === undefined ? {} : { configPath: job.table.configPath }),
    warnings: [],
  };
}
