import {
  Box,
  useApp,
  useCursor,
  useInput,
  usePaste,
  useStdin,
  useStdout,
  useWindowSize,
} from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Command } from '../../engine/commands.js';
import type { Participant } from '../../engine/table.js';
import { seatColors } from '../../render/colors.js';
import {
  currentNotice,
  type Effect,
  initialUiState,
  interpretKeys,
  interpretPaste,
  type KeyContext,
  type Step,
  type UiState,
} from '../controller.js';
import type { HumanSeat } from '../human-seat.js';
import { decodeKeys, type KeyPress } from '../keys.js';
import { layout, MIN_COLUMNS, MIN_ROWS, RESERVED_ROWS } from '../layout.js';
import { type Line, truncateLine } from '../spans.js';
import type { TuiState } from '../state.js';
import type { TuiStore } from '../store.js';
import { wrapText } from '../wrap.js';
import type { HeaderInfo } from './Header.js';
import { helpPages, helpView } from './HelpOverlay.js';
import { FALLBACK_COLOR, History } from './History.js';
import { INPUT_MIN_ROWS, inputBoxView } from './InputBox.js';
import { ColorContext, Lines } from './Lines.js';
import { LIVE_MIN_ROWS, LiveTurn, liveTurnLines } from './LiveTurn.js';
import { ParallelTurns, parallelLines } from './ParallelTurns.js';
import { STATUS_ROWS, StatusLine, type StatusMode } from './StatusLine.js';

export interface AppProps {
  readonly store: TuiStore;
  readonly header: HeaderInfo;
  readonly humanSeat: HumanSeat;
  readonly send: (command: Command) => void;
  /** Ctrl-C: the first stops the run, a second leaves at once (the session decides). */
  readonly onAbort: () => void;
  readonly now?: () => number;
  /** On a real terminal: after a resize, clear it and print the history again at the new width. */
  readonly reprintOnResize?: boolean;
  /** False with NO_COLOR: no colours, bold and dim stay. */
  readonly color?: boolean;
  /** Keys of another use of the view (replay), instead of the moderator's controls. */
  readonly keys?: KeyOverride | undefined;
}

/** Every key press goes to `onKey`; the status line shows `hints` where the keys would be. */
export interface KeyOverride {
  hints(width: number): string;
  onKey(press: KeyPress): void;
}

// Terminals re-wrap what is on screen when they get narrower, so Ink's frame no longer has the
// height Ink erases and copies pile up. Clearing and reprinting (as gemini-cli does) fixes that;
// waiting until the resize settles keeps a drag from reprinting the history many times.
const RESIZE_SETTLE_MS = 200;
const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';
const HELP_MIN_ROWS = 4;

function statusMode(state: TuiState, ui: UiState, humanTurn: boolean): StatusMode {
  if (state.ended !== undefined) return 'ended';
  if (ui.stopping) return 'stopping';
  if (ui.confirm !== undefined) return 'confirm';
  if (humanTurn) return 'human';
  if (ui.input !== undefined) return 'input';
  if (state.paused) return ui.pauseWanted === false ? 'resuming' : 'paused';
  return ui.pauseWanted === true ? 'pausing' : 'keys';
}

function tooSmallLines(columns: number, rows: number): Line[] {
  const text = `Terminal too small (${columns}×${rows}): roundtable needs at least ${MIN_COLUMNS}×${MIN_ROWS}. Enlarge it to see the discussion; Ctrl-C stops.`;
  return wrapText(text, Math.max(1, columns))
    .slice(0, Math.max(1, rows - RESERVED_ROWS))
    .map((row) => truncateLine([{ text: row, color: 'yellow' }], Math.max(1, columns)));
}

/**
 * The whole screen. Finished items go to <Static> once; below them the live area (the turn being
 * spoken, help, the input box, the status block) is laid out to fit the terminal (layout.ts).
 */
export function App({
  store,
  header,
  humanSeat,
  send,
  onAbort,
  now = Date.now,
  reprintOnResize = false,
  color = true,
  keys,
}: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const prompt = useSyncExternalStore(humanSeat.subscribe, humanSeat.current);
  const { columns, rows } = useWindowSize();
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const { stdout } = useStdout();
  const { setCursorPosition } = useCursor();
  // Remounting <Static> (a new key) prints every history item again.
  const [printing, setPrinting] = useState(0);
  const printedColumns = useRef(columns);
  const [startedAt] = useState(now);
  const [endedAt, setEndedAt] = useState<number | undefined>(undefined);
  const [ui, setUi] = useState<UiState>(initialUiState);
  // Key handlers read the latest UI state even when several keys arrive between renders.
  const uiRef = useRef<UiState>(initialUiState);

  const update = (next: UiState): void => {
    uiRef.current = next;
    setUi(next);
  };

  const participants: readonly Participant[] = useMemo(
    () =>
      header.seats.length > 0 ? header.seats.map((seat) => seat.participant) : state.participants,
    [header.seats, state.participants],
  );
  const colors = useMemo(() => seatColors(participants), [participants]);
  const names = useMemo(() => participants.map((p) => p.name), [participants]);
  const humanSeats = useMemo(
    () => new Set(participants.filter((p) => p.human === true).map((p) => p.seat)),
    [participants],
  );

  useEffect(() => {
    if (state.ended !== undefined) setEndedAt((at) => at ?? now());
  }, [state.ended, now]);

  // Once the engine confirms a pause or resume, the request is settled.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the engine's pause flips
  useEffect(() => {
    if (uiRef.current.pauseWanted !== undefined) {
      update({ ...uiRef.current, pauseWanted: undefined });
    }
  }, [state.paused]);

  useEffect(() => {
    if (!reprintOnResize || columns === printedColumns.current) return;
    const timer = setTimeout(() => {
      printedColumns.current = columns;
      stdout.write(CLEAR_TERMINAL);
      setPrinting((n) => n + 1);
    }, RESIZE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [columns, reprintOnResize, stdout]);

  const apply = (effect: Effect): void => {
    switch (effect.type) {
      case 'send':
        send(effect.command);
        return;
      case 'answer':
        humanSeat.answer(effect.text);
        return;
      case 'abort':
        onAbort();
        return;
      case 'exit':
        exit();
        return;
      default: {
        const unknown: never = effect;
        throw new Error(`unhandled effect ${JSON.stringify(unknown)}`);
      }
    }
  };

  // Help is paged to the rows left above the status block with the live turn's heading kept,
  // the same at every update, so its pages do not shift while a turn streams.
  const helpRoom = Math.max(HELP_MIN_ROWS, rows - RESERVED_ROWS - 1 - STATUS_ROWS);
  const context = (): KeyContext => {
    // Events are drawn in stream order: what the engine said before the key is drawn first, and
    // the key is read against it (a notice then answers the key under the turn it came in).
    store.flush();
    const current = store.getState();
    return {
      names,
      questionCount: current.questions.length,
      prompt: humanSeat.current(),
      enginePaused: current.paused,
      turnsStarted: current.turnsStarted,
      ended: current.ended !== undefined,
      helpPages: helpPages(columns, helpRoom).length,
    };
  };
  const handle = (step: Step): void => {
    if (step.ui !== uiRef.current) update(step.ui);
    for (const effect of step.effects) apply(effect);
  };

  useInput(
    (input, key) => {
      if (keys === undefined) {
        handle(interpretKeys(uiRef.current, decodeKeys(input, key), context()));
        return;
      }
      for (const press of decodeKeys(input, key)) keys.onKey(press);
      // What the keys changed is not in the store: draw the status line again now.
      update({ ...uiRef.current });
    },
    {
      isActive: isRawModeSupported,
    },
  );
  usePaste((text) => handle(interpretPaste(uiRef.current, text, context())), {
    isActive: isRawModeSupported && keys === undefined,
  });

  const live = state.live;
  const mode = statusMode(state, ui, prompt !== undefined);
  // A notice answers the last key press; the next turn (the summary too) or the engine's pause
  // flipping makes it stale, in the very frame that shows the change.
  const notice = state.ended === undefined ? currentNotice(ui, state) : undefined;
  const boxProps =
    prompt !== undefined
      ? {
          label: `${prompt.purpose === 'summary' ? 'Your summary' : 'Your turn'}, ${prompt.speaker} · Enter sends`,
          line: ui.human,
          color: colors.get(prompt.seat),
        }
      : ui.input !== undefined
        ? {
            label: 'Moderator: Enter sends, Esc cancels',
            line: ui.input.line,
            error: ui.input.error,
          }
        : undefined;
  const wantBox =
    boxProps === undefined ? undefined : inputBoxView({ ...boxProps, columns, maxRows: rows });
  const wantHelp = ui.help === undefined ? undefined : helpView(columns, helpRoom, ui.help);
  const plan = layout({
    columns,
    rows,
    live:
      live === undefined && state.together.length === 0 ? undefined : { minRows: LIVE_MIN_ROWS },
    input:
      wantBox === undefined
        ? undefined
        : { wantRows: wantBox.lines.length, minRows: INPUT_MIN_ROWS },
    help:
      wantHelp === undefined ? undefined : { wantRows: wantHelp.length, minRows: HELP_MIN_ROWS },
    notice: notice !== undefined,
    statusRows: STATUS_ROWS,
  });
  const box =
    boxProps === undefined || plan.tooSmall
      ? undefined
      : inputBoxView({ ...boxProps, columns, maxRows: plan.input });
  const help =
    ui.help === undefined || plan.tooSmall ? undefined : helpView(columns, plan.help, ui.help);

  const liveProps =
    live === undefined || plan.tooSmall || plan.live === 0
      ? undefined
      : {
          live,
          color: colors.get(live.seat) ?? FALLBACK_COLOR,
          totalTurns: state.totalTurns,
          columns,
          rows: plan.live,
          human: humanSeats.has(live.seat) || prompt?.seat === live.seat,
        };
  // A parallel phase's replies take the live turn's place.
  const togetherProps =
    state.together.length === 0 || plan.tooSmall || plan.live === 0
      ? undefined
      : {
          turns: state.together,
          colors,
          columns,
          rows: plan.live,
          seats: state.phase?.seats,
          label: state.phase?.title.toLowerCase(),
        };
  // The terminal's own cursor sits where the next character typed will go.
  const liveRows =
    liveProps !== undefined
      ? liveTurnLines(liveProps).length
      : togetherProps !== undefined
        ? parallelLines(togetherProps).length
        : 0;
  setCursorPosition(
    box === undefined
      ? undefined
      : { x: box.cursor.x, y: liveRows + (help?.length ?? 0) + box.cursor.y },
  );

  return (
    <ColorContext value={color}>
      <Box flexDirection="column" width={columns}>
        <History
          key={printing}
          items={state.history}
          header={header}
          colors={colors}
          columns={columns}
        />
        {plan.tooSmall ? (
          <Lines lines={tooSmallLines(columns, rows)} />
        ) : (
          <>
            {liveProps === undefined ? null : <LiveTurn {...liveProps} />}
            {liveProps !== undefined || togetherProps === undefined ? null : (
              <ParallelTurns {...togetherProps} />
            )}
            {help === undefined ? null : <Lines lines={help} />}
            {box === undefined ? null : <Lines lines={box.lines} />}
            {plan.notice === 0 ? null : (
              <Lines lines={[truncateLine([{ text: `→ ${notice ?? ''}`, dim: true }], columns)]} />
            )}
            {plan.statusGap === 0 ? null : <Lines lines={[[]]} />}
            <StatusLine
              state={state}
              mode={mode}
              confirm={ui.confirm}
              columns={columns}
              startedAt={startedAt}
              endedAt={endedAt}
              now={now}
              hints={keys?.hints}
            />
          </>
        )}
      </Box>
    </ColorContext>
  );
}
