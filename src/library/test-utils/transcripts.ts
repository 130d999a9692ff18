// Transcript folders for the library's tests, written by the real transcript writer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiscussionEvent } from '../../engine/events.js';
import { type SyntheticOptions, syntheticRun } from '../../render/test-utils/events.js';
import type { RunInfo } from '../../transcript/events-file.js';
import { openTranscript, type RecordObserver } from '../../transcript/writer.js';

export interface TempHome {
  readonly root: string;
  readonly env: Record<string, string>;
  remove(): Promise<void>;
}

/** A fresh ROUNDTABLE_HOME and a transcripts folder beside it. */
export async function tempHome(): Promise<TempHome> {
  const root = await mkdtemp(join(tmpdir(), 'rt-library-'));
  return {
    root,
    env: { ROUNDTABLE_HOME: join(root, 'home') },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export function runInfo(overrides: Partial<RunInfo> = {}): RunInfo {
  return {
    version: '0.1.0',
    endpoint: 'markov',
    model: 'markov',
    tableDir: '/tables/larkhaven',
    settings: { turns: 6 },
    ...overrides,
  };
}

/** Replaces each turn's text (not the summary's) by `say(turn, speaker)`. */
export function withTexts(
  events: readonly DiscussionEvent[],
  say: (turn: number, speaker: string) => string,
): DiscussionEvent[] {
  const summaryTurns = new Set(
    events.flatMap((e) => (e.type === 'turn-started' && e.kind === 'summary' ? [e.turn] : [])),
  );
  return events.map((e) =>
    e.type === 'turn-ended' && !summaryTurns.has(e.turn)
      ? { ...e, text: say(e.turn, e.speaker) }
      : e,
  );
}

export interface WrittenRun {
  readonly dir: string;
  readonly id: string;
}

/** Writes a whole run with the transcript writer, telling `observe` every record. */
export async function writeRun(
  root: string,
  options: {
    readonly events?: readonly DiscussionEvent[];
    readonly synthetic?: SyntheticOptions;
    readonly run?: Partial<RunInfo>;
    readonly now?: Date;
    readonly observe?: RecordObserver;
    /** Stop writing after this many events, without closing (a crash). */
    readonly crashAfter?: number;
  } = {},
): Promise<WrittenRun> {
  const events = options.events ?? syntheticRun(options.synthetic);
  let id = '';
  const writer = await openTranscript({
    root,
    run: runInfo(options.run),
    now: options.now,
    title: 'Should the railway line reopen?',
    observe: (record) => {
      if (record.type === 'run' && record.id !== undefined) id = record.id;
      options.observe?.(record);
    },
  });
  const upTo = options.crashAfter ?? events.length;
  for (const event of events.slice(0, upTo)) writer.write(event);
  if (options.crashAfter === undefined) await writer.close();
  return { dir: writer.dir, id };
}
