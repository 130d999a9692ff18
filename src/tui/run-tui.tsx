import { render } from 'ink';
import type { Command } from '../engine/commands.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { Model } from '../engine/model.js';
import { colorLevel } from '../render/ansi.js';
import { App, type KeyOverride } from './components/App.js';
import type { HeaderInfo } from './components/Header.js';
import { createHumanSeat, type HumanSeat } from './human-seat.js';
import { initialTuiState } from './state.js';
import { createTuiStats, STATS_ENV } from './stats.js';
import { createTuiStore } from './store.js';
import { releaseTypeahead } from './typeahead.js';

export type { KeyOverride } from './components/App.js';
export type { HeaderInfo, SeatInfo } from './components/Header.js';

export interface TuiOptions {
  readonly header: HeaderInfo;
  /** Where key presses and the input box send commands (the engine's command queue). */
  readonly send: (command: Command) => void;
  /** Ctrl-C: the first stops the run (the turn in flight is cut off), a second leaves at once. */
  readonly onAbort: () => void;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  /** Share a human seat created beforehand; one is created otherwise. */
  readonly humanSeat?: HumanSeat;
  /** A file to write render counts to (see stats.ts); `ROUNDTABLE_TUI_STATS` by default. */
  readonly statsFile?: string | undefined;
  /** Keys of another use of the view than moderating (replay): they replace the moderator's. */
  readonly keys?: KeyOverride | undefined;
}

export interface Tui {
  /** Feed one engine event (cheap: deltas are queued and drawn at most ~30 times a second). */
  handle(event: DiscussionEvent): void;
  /** The model to route human seats to: it opens the input box and returns what was typed. */
  readonly humanModel: Model;
  /** Resolves when the app exits (after `unmount()`, or q once the discussion has ended). */
  waitUntilExit(): Promise<void>;
  /** Draw what is queued, then leave the final frame on screen and release the terminal. */
  unmount(): void;
}

function canReadKeys(stdin: NodeJS.ReadStream): boolean {
  return stdin.isTTY === true && typeof stdin.setRawMode === 'function';
}

export function startTui(options: TuiOptions): Tui {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const humanSeat = options.humanSeat ?? createHumanSeat({ canPrompt: () => canReadKeys(stdin) });
  const store = createTuiStore({ initial: initialTuiState() });
  // The engine announces a turn (queued in the store, drawn up to 150 ms later) before it asks a
  // human seat for the reply, which opens the input box at once. Drawing the queue first makes
  // the box and its turn's heading appear in the same frame, never the box under the previous
  // speaker's unfinished turn. Subscribed before Ink renders, so it runs before React's update.
  humanSeat.subscribe(() => store.flush());
  const statsFile = options.statsFile ?? process.env[STATS_ENV];
  const stats =
    statsFile === undefined || statsFile === ''
      ? undefined
      : createTuiStats({ path: statsFile, storeUpdates: store.notifications });
  // Ink treats CI=true as non-interactive even on a real terminal; a TTY is what matters.
  const interactive = stdout.isTTY === true;
  const app = (
    <App
      store={store}
      header={options.header}
      humanSeat={humanSeat}
      send={options.send}
      onAbort={options.onAbort}
      reprintOnResize={interactive}
      color={colorLevel(stdout, process.env) > 0}
      keys={options.keys}
    />
  );
  // Keys typed while the run started are read now, as if just typed.
  releaseTypeahead({ forView: true }, stdin);
  const instance = render(app, {
    stdout,
    stdin,
    interactive,
    exitOnCtrlC: false,
    maxFps: 30,
    patchConsole: false,
    ...(stats === undefined ? {} : { onRender: stats.onRender }),
  });
  let unmounted = false;
  return {
    handle: (event) => store.push(event),
    humanModel: humanSeat.model,
    waitUntilExit: async () => {
      await instance.waitUntilExit();
    },
    unmount() {
      if (unmounted) return;
      unmounted = true;
      store.flush();
      // The store's subscribers may not have caught up yet (React subscribes after its first
      // commit); a synchronous re-render makes sure the final frame shows the final state.
      instance.rerender(app);
      instance.unmount();
      stats?.close();
    },
  };
}
