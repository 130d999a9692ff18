// Runs one prepared run of a batch into its transcript folder, from the start or from where it
// was cut off, with no terminal of its own: its events go to the transcript, the library and
// whoever watches (the progress display).
import { join } from 'node:path';
import { type Consumer, drive } from '../cli/drive.js';
import type { EndpointDeps } from '../cli/endpoint.js';
import { engineInputs, openRun } from '../cli/open-run.js';
import { toEngineSettings } from '../config/settings.js';
import { runDiscussion } from '../engine/discussion.js';
import type { DiscussionEvent, EndReason, EventOf } from '../engine/events.js';
import type { Library } from '../library/library.js';
import { openTranscript, resumeTranscript, type TranscriptWriter } from '../transcript/writer.js';
import type { PreparedRun } from './prepare.js';
import { clearFolder, type FolderState } from './run-folder.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface ExecuteOptions {
  /** The batch's runs/ folder; this run's transcript is `<runsDir>/<spec.name>`. */
  readonly runsDir: string;
  readonly state: FolderState;
  readonly env: Env;
  /** Aborting ends the discussion cleanly as `interrupted` (a later batch resumes it). */
  readonly signal: AbortSignal;
  readonly library?: Library | undefined;
  /** Shared by the batch's runs: one in-process Markov server, not one per run. */
  readonly deps?: EndpointDeps | undefined;
  readonly onEvent?: Consumer | undefined;
}

export async function executeRun(
  run: PreparedRun,
  options: ExecuteOptions,
): Promise<EndReason | undefined> {
  const dir = join(options.runsDir, run.spec.name);
  const { state } = options;
  const opened = await openRun({
    loaded: run.loaded,
    settings: run.settings,
    env: options.env,
    deps: options.deps,
  });
  let writer: TranscriptWriter | undefined;
  try {
    const { endpoint } = opened;
    const previous = state.kind === 'resume' ? state.previous.records : [];
    const live = options.library?.liveIndexer(dir, previous);
    let engineSettings = toEngineSettings(opened.settings);
    let resume: { events: readonly DiscussionEvent[] } | undefined;
    if (state.kind === 'resume') {
      ({ writer } = await resumeTranscript({
        dir,
        run: opened.runInfo,
        secrets: endpoint.secrets,
        observe: live?.observe,
      }));
      const started = state.events.find(
        (e): e is EventOf<'discussion-started'> => e.type === 'discussion-started',
      );
      // As the discussion started: the same turns and seed, whatever the grid says now.
      if (started !== undefined) engineSettings = started.settings;
      resume = { events: state.events };
    } else {
      clearFolder(dir);
      writer = await openTranscript({
        root: options.runsDir,
        dirName: run.spec.name,
        title: run.loaded.table.task.questions[0],
        run: opened.runInfo,
        secrets: endpoint.secrets,
        observe: live?.observe,
      });
    }
    const consumers: Consumer[] = [(event) => writer?.write(event)];
    if (options.onEvent !== undefined) consumers.push(options.onEvent);
    const reason = await drive(
      runDiscussion({
        ...engineInputs(opened),
        settings: engineSettings,
        signal: options.signal,
        resume,
        memories: run.memories,
      }),
      consumers,
    );
    await writer.close(reason);
    return reason;
  } finally {
    await writer?.close('interrupted');
    await opened.close();
  }
}
