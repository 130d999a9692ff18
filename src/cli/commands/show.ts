import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DiscussionEvent } from '../../engine/events.js';
import { InputError } from '../../errors.js';
import { formatRunHeader } from '../../library/format.js';
import { Library } from '../../library/library.js';
import { findRun, findRunByDir, type RunSummary } from '../../library/queries.js';
import { colorLevel, createStyle } from '../../render/ansi.js';
import { createPlainRenderer } from '../../render/plain.js';
import { terminalSafeJson } from '../../render/terminal-safe.js';
import { EVENTS_FILE, readEvents } from '../../transcript/events-file.js';
import { notice } from '../notice.js';
import { warnNotice } from '../warn-notice.js';

/**
 * `roundtable show <run>`: one run, by any unique prefix of its id or by its transcript folder:
 * what the library knows of it, then the discussion as `run --plain` printed it.
 */
export async function showCommand(which: string, raw: { json?: boolean }): Promise<number> {
  const library = Library.open({ warn: warnNotice });
  let run: RunSummary;
  try {
    run = library.recovering((db) => {
      if (isTranscriptFolder(which)) {
        const dir = resolve(which);
        return (
          findRunByDir(db, dir) ?? findRunByDir(db, library.indexFolder(dir).dir) ?? fail(which)
        );
      }
      return findRun(db, which);
    });
  } finally {
    library.close();
  }
  if (raw.json === true) {
    process.stdout.write(`${terminalSafeJson(run)}\n`);
    return 0;
  }
  const level = colorLevel(process.stdout, process.env);
  process.stdout.write(`${formatRunHeader(run, { style: createStyle(level) })}\n\n`);
  if (!existsSync(join(run.dir, EVENTS_FILE))) {
    notice(
      `roundtable: the transcript folder ${run.dir} is gone; only the library's record of the run is left`,
    );
    return 1;
  }
  const recorded = await readEvents(run.dir);
  const render = createPlainRenderer(process.stdout, {
    color: level,
    width: process.stdout.columns,
  });
  for (const { ts: _ts, ...event } of recorded.events) render(event as DiscussionEvent);
  return 0;
}

function isTranscriptFolder(which: string): boolean {
  try {
    return statSync(which).isDirectory() && existsSync(join(which, EVENTS_FILE));
  } catch {
    return false;
  }
}

function fail(which: string): never {
  throw new InputError(`${which} holds no run the library could index`);
}
