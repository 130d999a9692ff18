import { useAnimation } from 'ink';
import { estimateTokens } from '../../engine/usage.js';
import type { Confirmable } from '../controller.js';
import { costPart } from '../cost.js';
import { formatCount, formatElapsed } from '../format.js';
import { type KeyAction, keyHints } from '../keys.js';
import { phaseStatus } from '../parallel.js';
import { type Line, truncateLine } from '../spans.js';
import type { TuiState } from '../state.js';
import { displayWidth } from '../wrap.js';
import { Lines } from './Lines.js';

export type StatusMode =
  | 'keys'
  | 'paused'
  | 'pausing'
  | 'resuming'
  | 'confirm'
  | 'stopping'
  | 'ended'
  | 'input'
  | 'human';

/** Rows the status block takes: the rule, topic, figures and keys. */
export const STATUS_ROWS = 4;

const ALL_KEYS: readonly KeyAction[] = [
  'say',
  'toggle-pause',
  'skip',
  'next-topic',
  'wrap-up',
  'quit',
  'help',
];

const RESUME = { 'toggle-pause': 'space resume' } as const;

/** The question of a pending action, longest first: the first that fits is shown. */
const CONFIRM_TEXT: Record<Confirmable, readonly string[]> = {
  'wrap-up': [
    'Wrap up now (the summary, then the end)? ^W again: yes · any other key: no',
    'Wrap up now? ^W again: yes · any other key: no',
    'Wrap up? ^W again: yes · other key: no',
  ],
  'next-topic': [
    'Move on to the next topic? ^N again: yes · any other key: no',
    'Next topic? ^N again: yes · any other key: no',
    'Next topic? ^N again: yes · other key: no',
  ],
};

function fitting(texts: readonly string[], width: number): string {
  return texts.find((text) => displayWidth(text) <= width) ?? texts.at(-1) ?? '';
}

function modeLine(
  mode: StatusMode,
  state: TuiState,
  confirm: Confirmable | undefined,
  width: number,
): string {
  switch (mode) {
    case 'keys':
      return keyHints(ALL_KEYS, width);
    case 'paused':
      return keyHints(ALL_KEYS, width, '⏸ paused · ', RESUME);
    case 'pausing':
      return keyHints(ALL_KEYS, width, '⏸ pausing… · ', RESUME);
    case 'resuming':
      return keyHints(ALL_KEYS, width, '▶ resuming… · ');
    case 'confirm':
      return confirm === undefined ? '' : fitting(CONFIRM_TEXT[confirm], width);
    case 'stopping':
      return fitting(
        ['stopping… Ctrl-C again leaves at once', 'stopping… ^C again: leave now'],
        width,
      );
    case 'ended':
      return `done: ${state.ended?.reason ?? 'ended'}`;
    case 'input':
      return fitting(
        [
          'Enter send · Esc cancel · ↑↓ earlier lines · /topic /ask /wrap /end',
          'Enter send · Esc cancel · ↑↓ earlier lines',
          'Enter send · Esc cancel',
        ],
        width,
      );
    case 'human':
      return fitting(
        [
          'Enter send · an empty line passes · Esc clears · ↑↓ earlier lines',
          'Enter send · an empty line passes · Esc clears',
          'Enter send · empty passes',
        ],
        width,
      );
    default: {
      const unknown: never = mode;
      return unknown;
    }
  }
}

function topicLine(state: TuiState): string {
  const topic = state.topic;
  if (topic === undefined) return 'Waiting for the table…';
  const label = topic.index < 0 ? 'Topic' : `Topic ${topic.index + 1}/${state.questions.length}`;
  return `${label}: ${topic.text.replace(/\s+/g, ' ')}`;
}

function turnPart(state: TuiState): string {
  const live = state.live;
  if (live?.kind === 'summary') return `Summary by ${live.speaker}`;
  const phase = phaseStatus(state.phase);
  if (phase !== undefined) return phase;
  if (state.totalTurns === undefined) return 'Starting';
  return `Turn ${Math.max(state.turn, 1)}/${state.totalTurns}`;
}

/**
 * Tokens in and out so far. Out counts the turns being spoken (one, or a parallel phase's) as
 * they stream, estimated from their text until the server reports each turn's usage; `~` marks
 * a figure that is estimated.
 */
export function tokensPart(state: TuiState): string {
  let streaming = state.live === undefined ? 0 : estimateTokens(state.live.text);
  for (const live of state.together) streaming += estimateTokens(live.text);
  const mark = (estimated: boolean) => (estimated ? '~' : '');
  const inText = `${mark(state.usage.estimated)}${formatCount(state.usage.promptTokens)} in`;
  const out = state.usage.completionTokens + streaming;
  const outText = `${mark(state.usage.estimated || streaming > 0)}${formatCount(out)} out`;
  return `${inText} / ${outText}`;
}

/** ` · $0.012` while priced; the live turns' tokens so far count at their seats' prices. */
function costText(state: TuiState): string {
  const live = [...(state.live === undefined ? [] : [state.live]), ...state.together];
  const part = costPart(state.cost, live);
  return part === undefined ? '' : ` · ${part}`;
}

export interface StatusProps {
  readonly state: TuiState;
  readonly mode: StatusMode;
  readonly confirm?: Confirmable | undefined;
  readonly columns: number;
  readonly startedAt: number;
  /** Stops the clock once the discussion has ended. */
  readonly endedAt?: number | undefined;
  readonly now?: () => number;
  /** Another use's keys (replay), shown instead of the moderator's. */
  readonly hints?: ((width: number) => string) | undefined;
}

/** The four rows: a rule, the topic, turn · time · tokens, and the keys or what is going on. */
export function statusLines(props: StatusProps): Line[] {
  const { state, mode, columns } = props;
  const now = props.now ?? Date.now;
  const elapsed = formatElapsed((props.endedAt ?? now()) - props.startedAt);
  const figures: Line = [
    { text: `${turnPart(state)} · ${elapsed} · ${tokensPart(state)}${costText(state)}` },
    ...(state.errors > 0
      ? [{ text: ` · ${state.errors} error${state.errors === 1 ? '' : 's'}`, color: 'red' }]
      : []),
  ];
  const calm = mode === 'keys' || mode === 'input' || mode === 'human';
  const keys =
    props.hints !== undefined
      ? props.hints(columns)
      : modeLine(mode, state, props.confirm, columns);
  return [
    [{ text: '─'.repeat(Math.max(1, columns)), dim: true }],
    truncateLine([{ text: topicLine(state) }], columns),
    truncateLine(figures, columns),
    truncateLine([calm ? { text: keys, dim: true } : { text: keys, color: 'yellow' }], columns),
  ];
}

/** Re-renders once a second while the discussion runs, for the clock. */
export function StatusLine(props: StatusProps) {
  useAnimation({ interval: 1000, isActive: props.state.ended === undefined });
  return <Lines lines={statusLines(props)} />;
}
