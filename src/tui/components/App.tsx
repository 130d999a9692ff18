import { Box, useCursor, useStdout, useWindowSize } from 'ink';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Command } from '../../engine/commands.js';
import type { Participant } from '../../engine/table.js';
import { seatColors } from '../../render/colors.js';
import { currentNotice, type UiState } from '../controller.js';
import type { HumanSeat } from '../human-seat.js';
import { MIN_COLUMNS, MIN_ROWS, RESERVED_ROWS } from '../layout.js';
import { type Line, truncateLine } from '../spans.js';
import type { TuiState } from '../state.js';
import type { TuiStore } from '../store.js';
import { wrapText } from '../wrap.js';
import { Choosing } from './Choosing.js';
import type { HeaderInfo } from './Header.js';
import { History } from './History.js';
import { ColorContext, Lines } from './Lines.js';
import { LiveTurn } from './LiveTurn.js';
import { HELP_MIN_ROWS, liveArea } from './live-area.js';
import { ParallelTurns } from './ParallelTurns.js';
import { STATUS_ROWS, StatusLine, type StatusMode } from './StatusLine.js';
import { type KeyOverride, useKeys } from './use-keys.js';

export type { KeyOverride } from './use-keys.js';

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

// Terminals re-wrap what is on screen when they get narrower, so Ink's frame no longer has the
// height Ink erases and copies pile up. Clearing and reprinting (as gemini-cli does) fixes that;
// waiting until the resize settles keeps a drag from reprinting the history many times.
const RESIZE_SETTLE_MS = 200;
const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';

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
  const { stdout } = useStdout();
  const { setCursorPosition } = useCursor();
  // Remounting <Static> (a new key) prints every history item again.
  const [printing, setPrinting] = useState(0);
  const printedColumns = useRef(columns);
  const [startedAt] = useState(now);
  const [endedAt, setEndedAt] = useState<number | undefined>(undefined);

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

  // Help is paged to the rows left above the status block with the live turn's heading kept,
  // the same at every update, so its pages do not shift while a turn streams.
  const helpRoom = Math.max(HELP_MIN_ROWS, rows - RESERVED_ROWS - 1 - STATUS_ROWS);
  const ui = useKeys({
    store,
    humanSeat,
    send,
    onAbort,
    keys,
    names,
    columns,
    helpRoom,
    paused: state.paused,
  });

  useEffect(() => {
    if (!reprintOnResize || columns === printedColumns.current) return;
    const timer = setTimeout(() => {
      printedColumns.current = columns;
      stdout.write(CLEAR_TERMINAL);
      setPrinting((n) => n + 1);
    }, RESIZE_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [columns, reprintOnResize, stdout]);

  const mode = statusMode(state, ui, prompt !== undefined);
  // A notice answers the last key press; the next turn (the summary too) or the engine's pause
  // flipping makes it stale, in the very frame that shows the change.
  const notice = state.ended === undefined ? currentNotice(ui, state) : undefined;
  const area = liveArea({
    state,
    ui,
    prompt,
    colors,
    humanSeats,
    columns,
    rows,
    helpRoom,
    notice,
  });
  const { plan, help, box } = area;
  setCursorPosition(area.cursor);

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
            {area.live === undefined ? null : <LiveTurn {...area.live} />}
            {area.together === undefined ? null : <ParallelTurns {...area.together} />}
            {area.choosing === undefined ? null : <Choosing {...area.choosing} />}
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
