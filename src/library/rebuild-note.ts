// What a person is told when the run library had to be rebuilt at start: how many runs came
// back and, when some transcript folders could not be read, how many, a few of their names and
// where to see every one with its reason. A library that has seen hundreds of folders must not
// fill the terminal with them (it used to list every one, reasons and all, on one line).
import { basename } from 'node:path';
import type { SkippedFolder } from './library.js';

/** Folders named in the note; `roundtable reindex` lists every one, each with its reason. */
export const NAMED_SKIPS = 3;

export function rebuildNote(indexed: number, skipped: readonly SkippedFolder[]): string {
  const rebuilt = `rebuilt it from ${plural(indexed, 'transcript folder')}`;
  const [first] = skipped;
  if (first === undefined) return rebuilt;
  if (skipped.length === 1) return `${rebuilt}; skipped ${first.dir}: ${first.reason}`;
  const names = skipped.slice(0, NAMED_SKIPS).map((s) => basename(s.dir));
  const more = skipped.length - names.length;
  const listed = more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
  return `${rebuilt}. ${skipped.length} folders could not be read and were skipped (${listed}); \`roundtable reindex\` lists each with the reason`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
