import type { Command } from 'commander';
import { toEngineSettings } from '../../config/settings.js';
import { indexingForRun, recallForRun } from '../../library/for-run.js';
import type { RunInfo, RunRecord } from '../../transcript/events-file.js';
import { sanitize } from '../../transcript/redact.js';
import { loadTableAndSettings } from '../flags.js';
import { withHumanSeats } from '../human-seats.js';
import { leavePromptly } from '../leave.js';
import { notice } from '../notice.js';
import { offlineNotice } from '../offline-notice.js';
import { openRun } from '../open-run.js';
import { paceFor } from '../pace.js';
import { assertHumanSeatsUsable, outputMode, runSession } from '../session.js';
import { webFlags } from '../web-flags.js';

interface RunFlags {
  json?: boolean;
  plain?: boolean;
  out: string;
  transcript: boolean;
  human?: string[];
  pace?: string;
}

export async function runCommand(
  dir: string,
  raw: Record<string, unknown>,
  command: Command,
): Promise<number> {
  const flags = raw as unknown as RunFlags;
  const mode = outputMode(flags, process.stdout);
  const web = webFlags(raw);
  const { loaded, settings } = await loadTableAndSettings(dir, command, process.env);
  const table = withHumanSeats(loaded.table, flags.human);
  assertHumanSeatsUsable(table, mode);
  // Plain and JSON output hold nothing open once the run is written: no need to wait for Node's
  // teardown. The live view and the web page keep Node's own ending.
  if (mode !== 'tui' && web === undefined) leavePromptly();
  // Fails before any request when a key is missing; starts the Markov server for the markov endpoint.
  const opened = await openRun({
    loaded,
    table,
    settings,
    env: process.env,
    deps: { tokensPerSecond: paceFor(mode, flags.pace) },
  });
  const { seating, endpoint, budget, pricing } = opened;
  for (const warning of [...loaded.warnings, ...seating.warnings, ...opened.warnings]) {
    notice(`warning: ${warning}`);
  }
  if (endpoint.offline && settings.sources.endpoint === 'default') {
    await offlineNotice();
  }
  // The run library indexes the transcript as it is written (never fatal: see indexingForRun).
  const indexing = flags.transcript ? indexingForRun() : undefined;
  try {
    const title = table.task.questions[0];
    // The writer (with transcript.md's and transcript.html's formatters) only for a transcript.
    const transcript = flags.transcript
      ? await (await import('../../transcript/writer.js')).openTranscript({
          root: flags.out,
          title,
          secrets: endpoint.secrets,
          observe: indexing?.observe,
          run: opened.runInfo,
        })
      : undefined;
    if (transcript !== undefined) indexing?.bind(transcript.dir);
    return await runSession({
      // Each seat's endpoint and model filled in: the engine's turn-started events carry them.
      table: endpoint.table,
      settings: opened.settings,
      engineSettings: toEngineSettings(opened.settings),
      endpoint,
      mode,
      transcript,
      // Seats with `memory: true` are given their notes of earlier runs (an event each).
      engine: { budget, pricing, memories: await recallForRun(endpoint.table, new Date()) },
      web: web && {
        flags: web,
        records: [transcript?.run ?? unrecordedRun(opened.runInfo, title)],
      },
    });
  } finally {
    await indexing?.close();
    await opened.close();
  }
}

/** The page's header for a run without a transcript (`--no-transcript --web`). */
function unrecordedRun(run: RunInfo, title: string | undefined): RunRecord {
  const now = new Date().toISOString();
  return {
    type: 'run',
    ...sanitize(run),
    title: title ?? 'roundtable discussion',
    startedAt: now,
    ts: now,
  };
}
