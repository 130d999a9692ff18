import { CostLedger } from '../cost/ledger.js';
import type { DiscussionEvent, TopicRef } from '../engine/events.js';
import { numberedPositions, questionsHead } from '../outcome/positions-display.js';
import { outcomeLines } from '../outcome/render.js';
import { type ColorLevel, createStyle } from './ansi.js';
import { seatColors } from './colors.js';
import { controlLabel, floorLabel, repeatLabel, tallyLabel, topicLabel } from './labels.js';
import {
  continuedNote,
  discardedNote,
  endLines,
  errorLine,
  floorNote,
  headerLines,
  noteOf,
  type OpenTurn,
  openTurn,
  plannedTurns,
  rankingNote,
  retryNote,
} from './plain-lines.js';
import { TurnPrinter } from './plain-turns.js';
import { PlainWriter, type TextSink } from './plain-writer.js';
import { terminalSafeValue } from './terminal-safe.js';

export interface PlainRendererOptions {
  /** false: no escape codes; true: 256 colours; or an exact level from `colorLevel()`. */
  readonly color: boolean | ColorLevel;
  /** Terminal width; only the closing rule uses it, because a pipe has no width to wrap to. */
  readonly width?: number | undefined;
  /** A recorded discussion taken up again: by `resume` (the default) or as a `fork`. */
  readonly continuing?: 'resume' | 'fork' | undefined;
}

/**
 * The non-TTY / `--plain` output: a header, topic lines, each turn as a coloured `Name:` tag with
 * its text as it streams, quiet notes, totals at the end. Turns that arrive without deltas (a
 * replayed events.jsonl) are printed whole at their end, so the renderer works on either stream.
 */
export function createPlainRenderer(
  out: TextSink,
  options: PlainRendererOptions,
): (event: DiscussionEvent) => void {
  const level: ColorLevel =
    options.color === true ? 2 : options.color === false ? 0 : options.color;
  const style = createStyle(level);
  const ruleWidth = Math.max(10, Math.min(options.width ?? 48, 72));
  const writer = new PlainWriter(out);
  const write = (text: string) => writer.write(text);
  const breakLine = () => writer.breakLine();
  const line = (text: string) => writer.line(text);
  const startBlock = () => writer.startBlock();

  let colors = new Map<number, string>();
  const names = new Map<number, string>();
  const nameOf = (seat: number) => name(seat, names.get(seat) ?? String(seat));
  let lastTopic: string | undefined;
  let current: OpenTurn | undefined;
  const ledger = new CostLedger();
  /** The turns of a parallel phase: each is printed whole as it ends, not as it streams. */
  const together = new Map<number, OpenTurn>();
  let parallel = false;
  let phaseTitle: string | undefined;
  let firstPhase = true;
  /** The questions of the block of positions under way, numbered once at its head. */
  let positionsOf: readonly TopicRef[] | undefined;
  /** A seat's positions by question number, its later lines under its first. */
  const shownText = (speaker: string, text: string): string => {
    const lines = positionsOf === undefined ? undefined : numberedPositions(text, positionsOf);
    return lines?.join(`\n${' '.repeat([...speaker].length + 2)}`) ?? text;
  };

  const name = (seat: number, speaker: string) => style.fg(colors.get(seat) ?? '', speaker);
  const turns = new TurnPrinter(writer, style, name);

  const showTopic = (topic: TopicRef, reason?: 'schedule' | 'moderator' | 'llm-moderator') => {
    const key = `${topic.index}\u0000${topic.text}`;
    if (key === lastTopic) return;
    lastTopic = key;
    startBlock();
    line(style.bold(topicLabel(topic, reason)));
  };

  /** A line that must not split a turn's text: held back until the turn's line ends. */
  const note = (text: string) => writer.note(text, current !== undefined && !current.done);
  const flushNotes = () => writer.flushNotes();
  const shownNote = (event: DiscussionEvent) => {
    const text = noteOf(event);
    if (text !== undefined) note(style.dim(text));
  };
  /** A retry or an error interrupts the turn's line; its text resumes under a fresh tag. */
  const interruptTurnLine = () => {
    breakLine();
    if (current && !current.done && current.kind === 'turn') current.tagged = false;
  };

  return (unsafe) => {
    // Replies and table text are shown, never obeyed: no escape sequence reaches the terminal.
    const event = terminalSafeValue(unsafe);
    ledger.observe(event);
    switch (event.type) {
      case 'discussion-started':
        colors = seatColors(event.participants);
        for (const p of event.participants) names.set(p.seat, p.name);
        {
          const { title, seats } = headerLines(
            event.participants,
            plannedTurns(event.settings),
            event.seed,
            name,
          );
          line(style.bold(title));
          for (const seat of seats) line(seat);
        }
        showTopic(event.topic);
        return;
      case 'discussion-resumed':
        // A turn cut off by the crash is left open above; it is spoken again below.
        if (current && !current.done) breakLine();
        current = undefined;
        startBlock();
        line(style.dim(continuedNote(event.fromTurn, options.continuing)));
        return;
      case 'topic-changed':
        showTopic(event.topic, event.reason);
        return;
      case 'turn-started': {
        if (parallel && event.kind === 'turn') {
          together.set(event.turn, openTurn(event));
          return;
        }
        if (current && !current.done) breakLine();
        if (event.kind === 'turn') showTopic(event.topic);
        current = openTurn(event);
        if (event.kind === 'summary') {
          turns.beginSummary(current, event.why === undefined ? undefined : floorLabel(event));
          return;
        }
        startBlock();
        const why = floorNote(event);
        if (why !== undefined) line(style.dim(why));
        return;
      }
      case 'text-delta':
        if (together.has(event.turn)) return;
        if (current && current.turn === event.turn && !current.done) {
          if (!current.tagged) {
            breakLine();
            write(turns.tag(current.seat, current.speaker));
            current.tagged = true;
          }
          current.streamed = current.streamed || event.text !== '';
        }
        write(event.text);
        return;
      case 'turn-ended': {
        const extra = [
          ...(event.control === undefined ? [] : [controlLabel(event.control)]),
          ...(event.repeat === undefined ? [] : [repeatLabel(event.repeat)]),
        ];
        const held = together.get(event.turn);
        together.delete(event.turn);
        const turn =
          held ??
          (current && current.turn === event.turn && !current.done
            ? current
            : openTurn({ ...event, kind: 'turn' }));
        if (turn !== current) startBlock();
        const text = held === undefined ? event.text : shownText(event.speaker, event.text);
        turns.end(turn, text, event.status, event.cut, extra, event.cutOff);
        return;
      }
      case 'phase-started': {
        parallel = event.parallel;
        positionsOf = event.questions;
        if (event.kind === 'summary') turns.summaryTitle = event.title;
        const shown = !(event.kind === 'discussion' && firstPhase) && event.kind !== 'summary';
        firstPhase = false;
        if (!shown || event.title === phaseTitle) return;
        phaseTitle = event.title;
        breakLine();
        startBlock();
        const note = event.parallel ? style.dim(' (everyone at once)') : '';
        line(`${style.bold(`── ${event.title} ──`)}${note}`);
        for (const head of questionsHead(event.questions ?? [])) line(head);
        return;
      }
      case 'phase-ended': {
        parallel = false;
        positionsOf = undefined;
        together.clear();
        shownNote(event);
        return;
      }
      case 'review': {
        if (event.ranking === undefined) return;
        line(style.dim(rankingNote(event.speaker, event.ranking.map(nameOf))));
        return;
      }
      case 'review-tally':
        startBlock();
        line(`${style.bold('Peer review, best ranked first:')} ${tallyLabel(event)}`);
        return;
      case 'reply-discarded':
        interruptTurnLine();
        line(style.dim(discardedNote(event)));
        if (current && current.turn === event.turn) current.streamed = false;
        return;
      case 'summary': {
        if (turns.summaryShown) return;
        let turn = current;
        if (turn?.kind !== 'summary' || turn.done) {
          turn = openTurn({ turn: -1, kind: 'summary', seat: event.seat, speaker: event.speaker });
          current = turn;
          turns.beginSummary(turn);
        }
        turns.end(turn, event.text, event.status, undefined, [], event.cutOff);
        return;
      }
      case 'context-trimmed':
        // A seat's private context window: recorded in events.jsonl, not shown here.
        return;
      case 'retry':
        interruptTurnLine();
        line(style.dim(retryNote(event)));
        return;
      case 'error':
        interruptTurnLine();
        line(style.red(errorLine(event)));
        return;
      case 'interjection':
        startBlock();
        line(
          `${style.bold('Moderator:')} ${event.text}${
            event.mention ? style.dim(` (floor to ${event.mention})`) : ''
          }`,
        );
        return;
      case 'seat-memory':
      case 'moderator-decision':
      case 'bids':
      case 'command':
      case 'positions':
      case 'consensus-check':
      case 'budget':
        shownNote(event);
        return;
      case 'summary-record':
        // Its content is in the outcome box.
        return;
      case 'outcome':
        breakLine();
        flushNotes();
        startBlock();
        line(style.bold('── Outcome ──'));
        for (const row of outcomeLines(event.record)) line(row);
        return;
      case 'discussion-ended': {
        breakLine();
        flushNotes();
        startBlock();
        line(style.dim('─'.repeat(ruleWidth)));
        const end = endLines(event, turns.cutOffs, ledger);
        line(`${style.bold(end.reason)}: ${end.figures}`);
        for (const cost of end.costs) line(style.dim(cost));
        return;
      }
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  };
}
