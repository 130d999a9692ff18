// Grids, batch folders and what a run said, for the batch and queue tests.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { parseEventsFile } from '../../src/transcript/events-file.js';

export function writeGrid(dir: string, grid: Record<string, unknown>, name = 'grid.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(grid, null, 2));
  return path;
}

export interface RunFolder {
  readonly name: string;
  readonly dir: string;
  readonly events: readonly DiscussionEvent[];
}

export function runFolders(out: string): RunFolder[] {
  const root = join(out, 'runs');
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const parsed = parseEventsFile(readFileSync(join(dir, 'events.jsonl'), 'utf8'));
      return {
        name,
        dir,
        events: parsed.events.map(({ ts: _ts, ...event }) => event as DiscussionEvent),
      };
    });
}

/**
 * What a discussion said, as a person reading it would see it: who had each turn (the last start
 * of a turn counts: a turn cut off was started again), each reply, the summary and the end.
 */
export function spoken(events: readonly DiscussionEvent[]) {
  const turns = new Map<number, unknown>();
  for (const e of events) {
    if (e.type === 'turn-started') {
      turns.set(e.turn, { speaker: e.speaker, topic: e.topic, directives: e.directives });
    }
  }
  const said = events.flatMap((e) => {
    if (e.type === 'turn-ended' && e.status !== 'interrupted') return [[e.turn, e.speaker, e.text]];
    if (e.type === 'discussion-ended' && e.reason !== 'interrupted') return [[e.reason, e.turns]];
    return [];
  });
  return { turns: [...turns], said };
}

export function resultRows(out: string): Record<string, unknown>[] {
  return readFileSync(join(out, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
