// What the live area below the history shows and where the terminal's cursor goes: the turn
// being spoken (or a parallel phase's replies, or who is being chosen), help, the input box and
// the notice, each given the rows layout.ts leaves it. Pure: App draws what this returns.
import type { UiState } from '../controller.js';
import type { HumanPrompt } from '../human-seat.js';
import { type Layout, layout } from '../layout.js';
import type { Chooser } from '../parallel.js';
import type { Line } from '../spans.js';
import type { TuiState } from '../state.js';
import { choosingLines } from './Choosing.js';
import { helpView } from './HelpOverlay.js';
import { FALLBACK_COLOR } from './History.js';
import { INPUT_MIN_ROWS, type InputBoxView, inputBoxView } from './InputBox.js';
import { LIVE_MIN_ROWS, type LiveTurnProps, liveTurnLines } from './LiveTurn.js';
import { type ParallelProps, parallelLines } from './ParallelTurns.js';
import { STATUS_ROWS } from './StatusLine.js';

export const HELP_MIN_ROWS = 4;

export interface LiveAreaInput {
  readonly state: TuiState;
  readonly ui: UiState;
  readonly prompt: HumanPrompt | undefined;
  readonly colors: ReadonlyMap<number, string>;
  readonly humanSeats: ReadonlySet<number>;
  readonly columns: number;
  readonly rows: number;
  /** The rows help is paged to (see App). */
  readonly helpRoom: number;
  /** What answers the last key press, if anything. */
  readonly notice: string | undefined;
}

export interface LiveArea {
  readonly plan: Layout;
  readonly live: Omit<LiveTurnProps, 'frame'> | undefined;
  readonly together: Omit<ParallelProps, 'frame'> | undefined;
  readonly choosing:
    | { readonly chooser: Chooser; readonly columns: number; readonly rows: number }
    | undefined;
  readonly help: Line[] | undefined;
  readonly box: InputBoxView | undefined;
  /** Where the next character typed goes, from the top of the live area. */
  readonly cursor: { readonly x: number; readonly y: number } | undefined;
}

export function liveArea(input: LiveAreaInput): LiveArea {
  const { state, ui, prompt, colors, columns, rows, helpRoom } = input;
  const live = state.live;
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
  // Between turns, while the LLM moderator or the bids decide who speaks (not while paused).
  const chooser =
    live === undefined &&
    state.together.length === 0 &&
    state.phase?.choosing === true &&
    state.ended === undefined &&
    !state.paused
      ? state.phase.chooser
      : undefined;
  const plan = layout({
    columns,
    rows,
    live:
      live === undefined && state.together.length === 0 && chooser === undefined
        ? undefined
        : { minRows: LIVE_MIN_ROWS },
    input:
      wantBox === undefined
        ? undefined
        : { wantRows: wantBox.lines.length, minRows: INPUT_MIN_ROWS },
    help:
      wantHelp === undefined ? undefined : { wantRows: wantHelp.length, minRows: HELP_MIN_ROWS },
    notice: input.notice !== undefined,
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
          human: input.humanSeats.has(live.seat) || prompt?.seat === live.seat,
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
  const choosingProps =
    chooser === undefined || plan.tooSmall || plan.live === 0
      ? undefined
      : { chooser, columns, rows: plan.live };
  const liveRows =
    liveProps !== undefined
      ? liveTurnLines(liveProps).length
      : togetherProps !== undefined
        ? parallelLines(togetherProps).length
        : choosingProps !== undefined
          ? choosingLines(choosingProps.chooser, columns, choosingProps.rows).length
          : 0;
  return {
    plan,
    live: liveProps,
    // The live turn wins where both would show.
    together: liveProps === undefined ? togetherProps : undefined,
    choosing: choosingProps,
    help,
    box,
    // The terminal's own cursor sits where the next character typed will go.
    cursor:
      box === undefined
        ? undefined
        : { x: box.cursor.x, y: liveRows + (help?.length ?? 0) + box.cursor.y },
  };
}
