import { InputError } from '../../errors.js';
import { formatHistory } from '../../library/format.js';
import { Library } from '../../library/library.js';
import { listRuns, STATUSES } from '../../library/queries.js';
import type { RunStatus } from '../../library/run-indexer.js';
import { parseSince } from '../../library/since.js';
import { colorLevel, createStyle } from '../../render/ansi.js';
import { terminalSafeJson } from '../../render/terminal-safe.js';
import { notice } from '../notice.js';
import { numberFlag } from '../number-flag.js';
import { warnNotice } from '../warn-notice.js';

interface HistoryFlags {
  table?: string;
  model?: string;
  since?: string;
  status?: string;
  limit?: string;
  json?: boolean;
}

/** `roundtable history [query…]`: runs from the library, newest first, matches marked. */
export async function historyCommand(words: readonly string[], raw: HistoryFlags): Promise<number> {
  const status = raw.status?.trim().toLowerCase();
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    throw new InputError(
      `--status "${raw.status}" is not a run status: use one of ${STATUSES.join(', ')}`,
    );
  }
  const query = words.join(' ').trim();
  const filter = {
    query: query === '' ? undefined : query,
    table: raw.table,
    model: raw.model,
    since: raw.since === undefined ? undefined : parseSince(raw.since),
    status: status as RunStatus | undefined,
    limit: numberFlag('--limit', raw.limit, { integer: true, min: 1 }) ?? 20,
  };
  const library = Library.open({ warn: warnNotice });
  try {
    const runs = library.recovering((db) => listRuns(db, filter));
    if (raw.json === true) {
      for (const run of runs) process.stdout.write(`${terminalSafeJson(run)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      notice(
        `${query === '' ? 'No runs' : `No runs match "${query}"`}${filter.table || filter.model || filter.since || filter.status ? ' with these filters' : ''} in the library (${library.paths.db}).`,
      );
      return 0;
    }
    const style = createStyle(colorLevel(process.stdout, process.env));
    process.stdout.write(`${formatHistory(runs, { style })}\n`);
    return 0;
  } finally {
    library.close();
  }
}
