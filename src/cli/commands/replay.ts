import { InputError } from '../../errors.js';
import { colorLevel } from '../../render/ansi.js';
import { createPlainRenderer } from '../../render/plain.js';
import { terminalSafeValue } from '../../render/terminal-safe.js';
import { type PlayerView, ReplayPlayer, stepLabel } from '../../replay/player.js';
import { replayTimeline } from '../../replay/timeline.js';
import type { TranscriptRecord } from '../../transcript/events-file.js';
import { foldTranscript } from '../../transcript/fold.js';
import type { KeyOverride, Tui } from '../../tui/run-tui.js';
import { numberFlag } from '../number-flag.js';
import { outputMode } from '../session.js';
import { readTranscriptFolder } from '../transcript-folder.js';

const CLEAR_TERMINAL = '\u001b[2J\u001b[3J\u001b[H';

interface ReplayFlags {
  readonly speed?: string;
  readonly plain?: boolean;
}

/**
 * `roundtable replay <dir> [--speed N]`: a recorded discussion played in the live view at its
 * recorded pace, or N times faster. Space pauses, → and ← step a turn, ↑ and ↓ change the speed,
 * q or Ctrl-C leaves. Nothing is sent anywhere: the events come from events.jsonl.
 */
export async function replayCommand(dir: string, flags: ReplayFlags): Promise<number> {
  const speed = numberFlag('--speed', flags.speed, { min: 0.25, max: 64 }) ?? 1;
  const mode = outputMode({ plain: flags.plain }, process.stdout);
  const { records } = await readTranscriptFolder(dir);
  const timeline = replayTimeline(records);
  if (!timeline.some((t) => t.event.type === 'discussion-started')) {
    throw new InputError(
      `${dir}: the run stopped before the discussion began; there is nothing to replay`,
      dir,
    );
  }
  return mode === 'tui'
    ? await replayInTui(records, timeline, speed)
    : await replayPlain(timeline, speed);
}

const timers = {
  setTimer(fn: () => void, ms: number) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

async function replayPlain(
  timeline: ReturnType<typeof replayTimeline>,
  speed: number,
): Promise<number> {
  const render = createPlainRenderer(process.stdout, {
    color: colorLevel(process.stdout, process.env),
    width: process.stdout.columns,
  });
  await new Promise<void>((done) => {
    const player = new ReplayPlayer({
      timeline,
      view: { show: (event) => render(event), reset: () => {} },
      clock: timers,
      speed,
      onEnd: done,
    });
    player.play();
  });
  return 0;
}

async function replayInTui(
  records: readonly TranscriptRecord[],
  timeline: ReturnType<typeof replayTimeline>,
  speed: number,
): Promise<number> {
  const { startTui } = await import('../../tui/run-tui.js');
  const folded = foldTranscript(records);
  const runEndpoint = folded.runs[0]?.endpoint;
  const header = terminalSafeValue({
    title: folded.title,
    context: folded.task?.context ?? '',
    seats: folded.participants.map((participant) => {
      if (participant.human === true) return { participant, runsOn: 'human' };
      const endpoint = participant.endpoint ?? runEndpoint;
      if (endpoint === 'markov') return { participant, runsOn: 'offline: Markov' };
      return { participant, model: participant.model, runsOn: endpoint ?? '' };
    }),
  });

  let player: ReplayPlayer | undefined;
  let tui: Tui | undefined;
  let finish: () => void = () => {};
  const quit = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const keys: KeyOverride = {
    hints: (width) => {
      if (player === undefined) return '';
      const state = player.ended ? '■ replay finished' : player.playing ? '▶ replay' : '⏸ paused';
      const long = `${[state, ...stepLabel(player.inView)].join(' · ')} · ${player.speed}× · space ${player.playing ? 'pause' : 'play'} · ← → turn · ↑ ↓ speed · q quit`;
      const short = `${state} · space · ← → · ↑ ↓ · q quit`;
      return long.length <= width ? long : short;
    },
    onKey: (press) => {
      if (player === undefined) return;
      if (press.kind === 'text') {
        if (press.text === ' ') player.toggle();
        else if (press.text === 'q') finish();
        return;
      }
      if (press.ctrl && press.name === 'c') finish();
      else if (press.name === 'escape') finish();
      else if (press.name === 'right') player.next();
      else if (press.name === 'left') player.previous();
      else if (press.name === 'up') player.setSpeed(player.speed * 2);
      else if (press.name === 'down') player.setSpeed(player.speed / 2);
    },
  };
  const open = () => startTui({ header, send: () => {}, onAbort: () => finish(), keys });
  tui = open();
  const view: PlayerView = {
    show: (event) => tui?.handle(terminalSafeValue(event)),
    reset: () => {
      // Stepping back: the screen starts afresh and the player shows everything up to there again.
      tui?.unmount();
      process.stdout.write(CLEAR_TERMINAL);
      tui = open();
    },
  };
  player = new ReplayPlayer({
    timeline,
    view,
    clock: timers,
    speed,
    // Stays on the last frame until the person leaves (or steps back to read again).
    onEnd: () => {},
  });
  player.play();
  // Without a keyboard to leave with, the replay ends with the discussion.
  const interactive = process.stdin.isTTY === true;
  await Promise.race([quit, interactive ? new Promise(() => {}) : untilEnd(player)]);
  player.stop();
  tui.unmount();
  return 0;
}

async function untilEnd(player: ReplayPlayer): Promise<void> {
  while (!player.ended) await new Promise((resolve) => setTimeout(resolve, 100));
}
