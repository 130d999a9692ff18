import { Box, Static, Text, useApp, useInput, useStdin, useStdout, useWindowSize } from 'ink';
import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Command } from '../../engine/commands.js';
import type { Participant } from '../../engine/table.js';
import { seatColors } from '../../render/colors.js';
import { type Effect, initialUiState, interpretKey, type UiState } from '../controller.js';
import type { HumanSeat } from '../human-seat.js';
import type { HistoryItem, TuiState } from '../state.js';
import type { TuiStore } from '../store.js';
import { Header, type HeaderInfo } from './Header.js';
import { HELP_HEIGHT, HelpOverlay } from './HelpOverlay.js';
import { INPUT_HEIGHT, InputBox } from './InputBox.js';
import { LiveTurn } from './LiveTurn.js';
import {
  CommandMarker,
  DirectiveMarker,
  EndMarker,
  ErrorView,
  InterjectionView,
  TopicMarker,
} from './Markers.js';
import { ParallelTurns } from './ParallelTurns.js';
import { NoteView, PhaseMarker } from './PhaseMarkers.js';
import { StatusLine, type StatusMode } from './StatusLine.js';
import { Summary } from './Summary.js';
import { Turn } from './Turn.js';

export interface AppProps {
  readonly store: TuiStore;
  readonly header: HeaderInfo;
  readonly humanSeat: HumanSeat;
  readonly send: (command: Command) => void;
  readonly onAbort: () => void;
  readonly now?: () => number;
  /** On a real terminal: after a resize, clear it and print the history again at the new width. */
  readonly reprintOnResize?: boolean;
}

const FALLBACK_COLOR = 'white';
// The status block (margin, rule, three lines), the live turn's margin, name and retry lines,
// the notice, and Ink's trailing newline.
const RESERVED_ROWS = 5 + 3 + 1 + 1;
const MIN_LIVE_LINES = 3;
// Terminals re-wrap what is on screen when they get narrower, so Ink's frame no longer has the
// height Ink erases and copies pile up. Clearing and reprinting (as gemini-cli does) fixes that;
// waiting until the resize settles keeps a drag from reprinting the history many times.
const RESIZE_SETTLE_MS = 200;
const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';

function HistoryEntry({
  item,
  header,
  colors,
  columns,
}: {
  readonly item: HistoryItem;
  readonly header: HeaderInfo;
  readonly colors: ReadonlyMap<number, string>;
  readonly columns: number;
}) {
  switch (item.kind) {
    case 'header':
      return <Header info={header} colors={colors} columns={columns} />;
    case 'topic':
      return <TopicMarker item={item} />;
    case 'directive':
      return <DirectiveMarker item={item} />;
    case 'turn':
      return <Turn item={item} color={colors.get(item.seat) ?? FALLBACK_COLOR} />;
    case 'summary':
      return <Summary item={item} color={colors.get(item.seat) ?? FALLBACK_COLOR} />;
    case 'interjection':
      return <InterjectionView item={item} />;
    case 'command':
      return <CommandMarker item={item} />;
    case 'error':
      return <ErrorView item={item} />;
    case 'end':
      return <EndMarker item={item} />;
    case 'phase':
      return <PhaseMarker item={item} />;
    case 'note':
      return <NoteView item={item} />;
    default: {
      const unknown: never = item;
      return unknown;
    }
  }
}

/**
 * Re-rendering <Static> with new props makes Ink draw the frame at once instead of at its
 * throttled rate, so it only re-renders when the history (or the width) changes.
 */
const History = memo(function History({
  items,
  header,
  colors,
  columns,
}: {
  readonly items: readonly HistoryItem[];
  readonly header: HeaderInfo;
  readonly colors: ReadonlyMap<number, string>;
  readonly columns: number;
}) {
  return (
    <Static items={items as HistoryItem[]}>
      {(item, index) => (
        <HistoryEntry key={index} item={item} header={header} colors={colors} columns={columns} />
      )}
    </Static>
  );
});

function statusMode(state: TuiState, ui: UiState, humanTurn: boolean): StatusMode {
  if (state.ended !== undefined) return 'ended';
  if (humanTurn) return 'human';
  if (ui.input !== undefined) return 'input';
  if (ui.stopping) return 'stopping';
  if (state.paused) return ui.pauseWanted === false ? 'resuming' : 'paused';
  return ui.pauseWanted === true ? 'pausing' : 'keys';
}

/**
 * The whole screen. Finished items go to <Static> once; only the live turn, the input box and
 * the status block re-render, so a render costs the same at turn 2,000 as at turn 2.
 */
export function App({
  store,
  header,
  humanSeat,
  send,
  onAbort,
  now = Date.now,
  reprintOnResize = false,
}: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const prompt = useSyncExternalStore(humanSeat.subscribe, humanSeat.current);
  const { columns, rows } = useWindowSize();
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const { stdout } = useStdout();
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

  // A notice answers the last key press; the next turn makes it stale.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the turn changes
  useEffect(() => {
    if (uiRef.current.notice !== undefined) update({ ...uiRef.current, notice: undefined });
  }, [state.turn]);

  // Once the engine confirms a pause or resume, the request is settled.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the engine's pause flips
  useEffect(() => {
    if (uiRef.current.pauseWanted !== undefined) {
      update({ ...uiRef.current, pauseWanted: undefined, notice: undefined });
    }
  }, [state.paused]);

  // A new human turn starts with an empty line.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a new prompt opens
  useEffect(() => {
    if (uiRef.current.humanDraft !== '') update({ ...uiRef.current, humanDraft: '' });
  }, [prompt?.id]);

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

  useInput(
    (input, key) => {
      const current = store.getState();
      const step = interpretKey(uiRef.current, input, key, {
        names,
        questionCount: current.questions.length,
        prompt: humanSeat.current(),
        enginePaused: current.paused,
        ended: current.ended !== undefined,
      });
      if (step.ui !== uiRef.current) update(step.ui);
      for (const effect of step.effects) apply(effect);
    },
    { isActive: isRawModeSupported },
  );

  const live = state.live;
  const inputOpen = prompt !== undefined || ui.input !== undefined;
  const liveLines = Math.max(
    MIN_LIVE_LINES,
    rows - RESERVED_ROWS - (inputOpen ? INPUT_HEIGHT : 0) - (ui.help ? HELP_HEIGHT : 0),
  );
  const mode = statusMode(state, ui, prompt !== undefined);

  return (
    <Box flexDirection="column" width={columns}>
      <History
        key={printing}
        items={state.history}
        header={header}
        colors={colors}
        columns={columns}
      />
      {state.together.length === 0 ? null : (
        <ParallelTurns
          turns={state.together}
          colors={colors}
          columns={columns}
          maxLines={liveLines + 1}
          title={state.phase?.title}
        />
      )}
      {live === undefined ? null : (
        <LiveTurn
          live={live}
          color={colors.get(live.seat) ?? FALLBACK_COLOR}
          totalTurns={state.totalTurns}
          columns={columns}
          maxLines={liveLines}
          human={humanSeats.has(live.seat)}
        />
      )}
      {ui.help ? <HelpOverlay /> : null}
      {prompt !== undefined ? (
        <InputBox
          label={`${prompt.purpose === 'summary' ? 'Your summary' : 'Your turn'}, ${prompt.speaker} — Enter sends, empty line passes`}
          draft={ui.humanDraft}
          color={colors.get(prompt.seat)}
        />
      ) : ui.input !== undefined ? (
        <InputBox
          label="Moderator — Enter sends, Esc cancels, @Name gives the floor"
          draft={ui.input.draft}
          error={ui.input.error}
        />
      ) : null}
      {ui.notice === undefined || state.ended !== undefined ? null : (
        <Text dimColor wrap="truncate-end">
          → {ui.notice}
        </Text>
      )}
      <StatusLine
        state={state}
        mode={mode}
        columns={columns}
        startedAt={startedAt}
        endedAt={endedAt}
        now={now}
      />
    </Box>
  );
}
