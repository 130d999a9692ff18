import { type Dirent, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVENTS_FILE } from '../transcript/events-file.js';

/** Folders never holding transcripts, and too big to walk for nothing. */
const SKIPPED = new Set(['node_modules', '.git']);

/**
 * The transcript folders at or under `root` (a folder holding events.jsonl is one, and is not
 * looked into further), sorted. Symbolic links are not followed, so a loop cannot trap the walk.
 */
export function findTranscriptFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (existsSync(join(dir, EVENTS_FILE))) {
      found.push(dir);
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(join(dir, entry.name));
    }
  };
  walk(resolve(root));
  return found.sort();
}
