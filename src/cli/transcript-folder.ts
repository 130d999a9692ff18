import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { InputError } from '../errors.js';
import { EVENTS_FILE, type ParsedEvents, readEvents } from '../transcript/events-file.js';

/** A clear input error (exit 2) when `dir` is missing or a file rather than a transcript folder. */
export async function assertTranscriptFolder(dir: string): Promise<void> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => undefined,
  );
  if (isDir !== true) {
    throw new InputError(
      `${dir}: ${isDir === undefined ? 'transcript folder not found' : 'is a file, not a transcript folder'} (expected a folder roundtable run wrote, holding ${EVENTS_FILE})`,
      dir,
    );
  }
}

/**
 * A transcript folder named on the command line, read: a clear input error (exit 2) when it is
 * missing, a file, or holds no events.jsonl, and the line of any damage inside it. A partial last
 * line (a crash mid-write) is tolerated.
 */
export async function readTranscriptFolder(dir: string): Promise<ParsedEvents & { path: string }> {
  await assertTranscriptFolder(dir);
  const path = normalize(join(dir, EVENTS_FILE));
  const parsed = await readEvents(dir);
  if (parsed.runs.length === 0 && parsed.events.length === 0) {
    throw new InputError(`${path} is empty: it holds no discussion`, path);
  }
  return { ...parsed, path };
}
