import type { RunSettings } from '../config/settings.js';
import { DiscussionControls } from '../engine/controls.js';
import { type DiscussionOptions, runDiscussion } from '../engine/discussion.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { Model } from '../engine/model.js';
import type { Table } from '../engine/table.js';
import { ExitCode, InputError } from '../errors.js';
import { colorLevel } from '../render/ansi.js';
import { createJsonRenderer } from '../render/json.js';
import { createPlainRenderer } from '../render/plain.js';
import { terminalSafeValue } from '../render/terminal-safe.js';
import type { TranscriptWriter } from '../transcript/writer.js';
import { onOutputClosed } from './closed-output.js';
import { type Consumer, drive } from './drive.js';
import type { OpenedSeating } from './endpoint.js';
import { exitCodeFor } from './exit-code.js';
import { hasHumanSeat } from './human-seats.js';
import { hidingKeys } from './known-secrets.js';
import { notice } from './notice.js';
import { routeHumanSeats } from './route-human-seats.js';
import { startWebView, type WebViewRequest } from './web-view.js';

export type OutputMode = 'json' | 'plain' | 'tui';

export interface OutputFlags {
  readonly json?: boolean | undefined;
  readonly plain?: boolean | undefined;
}

/** JSON and plain on request; the TUI when stdout is a terminal; plain for pipes and files. */
export function outputMode(flags: OutputFlags, stdout: { isTTY?: boolean }): OutputMode {
  if (flags.json === true && flags.plain === true) {
    throw new InputError('--json and --plain cannot be used together: choose one output');
  }
  if (flags.json === true) return 'json';
  if (flags.plain === true || stdout.isTTY !== true) return 'plain';
  return 'tui';
}

export function assertHumanSeatsUsable(table: Table, mode: OutputMode): void {
  if (hasHumanSeat(table) && (mode !== 'tui' || process.stdin.isTTY !== true)) {
    throw new InputError(
      'a human seat (--human, or "human": true in a role file) needs an interactive terminal; it cannot be used with --json, --plain or piped input',
    );
  }
}

export interface SessionOptions {
  readonly table: Table;
  readonly settings: RunSettings;
  readonly engineSettings: DiscussionOptions['settings'];
  /** From openSeating: the routing Model, each seat's endpoint and model, and the seated table. */
  readonly endpoint: OpenedSeating;
  readonly mode: OutputMode;
  readonly transcript: TranscriptWriter | undefined;
  /** Extra engine options: a resumed discussion's history, the seats' context budgets. */
  readonly engine?:
    | Partial<Pick<DiscussionOptions, 'resume' | 'budget' | 'pricing' | 'memories'>>
    | undefined;
  /**
   * Events already recorded (a resumed discussion's): shown before the engine's, so the screen
   * starts where the discussion left off, and not written again. JSON output gets new events only.
   */
  readonly history?: readonly DiscussionEvent[] | undefined;
  /** How the history came to be continued: the plain output says "resumed" or "forked". */
  readonly continuing?: 'resume' | 'fork' | undefined;
  /** `--web`: the discussion served as a live page too (see src/web/). */
  readonly web?: WebViewRequest | undefined;
}

/** Runs one discussion: the engine's events go to the transcript and to the chosen output. */
export async function runSession(options: SessionOptions): Promise<number> {
  const { table, endpoint, mode, transcript } = options;
  const abort = new AbortController();
  const controls = new DiscussionControls();
  const consumers: Consumer[] = [];
  if (transcript !== undefined) consumers.push((event) => transcript.write(event));
  const web =
    options.web === undefined
      ? undefined
      : await startWebView(
          options.web,
          (command) => controls.send(command),
          options.engineSettings.turns,
        );
  // Keys are hidden as on the screen, even when one arrives split across deltas.
  if (web !== undefined) consumers.push(hidingKeys((event) => web.publish(event)));

  let model: Model = endpoint.model;
  let tui: Awaited<ReturnType<typeof startTuiFor>> | undefined;
  let screen: Consumer;
  if (mode === 'tui') {
    tui = await startTuiFor(table, endpoint, controls, abort).catch(async (error: unknown) => {
      await web?.close();
      throw error;
    });
    // The live view shows replies and table text, never obeys them (see terminal-safe.ts).
    const show = tui.handle;
    screen = (event) => show(terminalSafeValue(event));
    model = routeHumanSeats(table, endpoint.model, tui.humanModel);
  } else if (mode === 'json') {
    screen = createJsonRenderer(process.stdout);
  } else {
    screen = createPlainRenderer(process.stdout, {
      color: colorLevel(process.stdout, process.env),
      width: process.stdout.columns,
      continuing: options.continuing,
    });
  }
  // A server that echoes the key back must not get it printed: stdout hides keys as transcripts do.
  consumers.push(hidingKeys(screen));

  const display = consumers.at(-1);
  if (mode !== 'json' && display !== undefined) {
    // How earlier runs ended is history; the end that counts is this run's.
    for (const event of options.history ?? [])
      if (event.type !== 'discussion-ended') display(event);
  }

  const stopSignals = interruptOn(['SIGINT', 'SIGTERM'], abort);
  // The engine keeps no clock: at the time limit the session tells it, and the command is
  // recorded like any other.
  const limit = options.settings.timeLimit;
  const timer =
    limit === undefined
      ? undefined
      : setTimeout(() => controls.send({ type: 'time-up' }), limit * 1000);
  timer?.unref();
  const stopWatching = onOutputClosed(process.stdout, (problem) => {
    if (problem !== undefined) notice(`roundtable: cannot write to stdout (${problem}); stopping`);
    abort.abort();
  });
  try {
    const reason = await drive(
      runDiscussion({
        ...options.engine,
        table,
        settings: options.engineSettings,
        model,
        signal: abort.signal,
        controls,
        // A parallel phase starts no more requests than an endpoint takes at once.
        concurrency: (name) =>
          endpoint.endpoints.find((e) => e.name === name)?.concurrency ?? Number.POSITIVE_INFINITY,
      }),
      consumers,
    );
    await transcript?.close(reason);
    // Leaves the final frame (totals, end reason) on screen rather than waiting for a key.
    tui?.unmount();
    if (transcript !== undefined && mode !== 'json') {
      notice(`Transcript: ${transcript.dir}`);
    }
    return exitCodeFor(reason);
  } finally {
    clearTimeout(timer);
    stopSignals();
    stopWatching();
    // Idempotent: records the interruption only when the discussion did not end on its own.
    await transcript?.close('interrupted');
    tui?.unmount();
    await web?.close();
  }
}

/**
 * Ctrl-C, as a signal (plain and JSON output) or as a key (the live view): the first aborts the
 * turn in flight and finishes cleanly, the transcript written; a second leaves at once.
 */
function interrupter(abort: AbortController): () => void {
  return () => {
    if (abort.signal.aborted) process.exit(ExitCode.interrupted);
    abort.abort();
  };
}

function interruptOn(signals: readonly NodeJS.Signals[], abort: AbortController): () => void {
  const onSignal = interrupter(abort);
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

async function startTuiFor(
  table: Table,
  endpoint: OpenedSeating,
  controls: DiscussionControls,
  abort: AbortController,
) {
  const { startTui } = await import('../tui/run-tui.js');
  const tui = startTui({
    header: terminalSafeValue({
      title: table.task.questions[0],
      context: table.task.context,
      seats: table.participants.map((participant) => {
        const route = endpoint.seats.find((s) => s.seat === participant.seat);
        const offline =
          endpoint.endpoints.find((e) => e.name === route?.endpoint)?.offline === true;
        if (participant.human === true) return { participant, runsOn: 'human' };
        // The README's word for the built-in model; its model name "markov" says nothing more.
        if (offline) return { participant, runsOn: 'offline: Markov' };
        return { participant, model: route?.model, runsOn: route?.label ?? '' };
      }),
    }),
    send: (command) => controls.send(command),
    onAbort: interrupter(abort),
  });
  return {
    handle: tui.handle,
    humanModel: tui.humanModel,
    unmount: () => tui.unmount(),
  };
}
