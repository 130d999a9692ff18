import { costBreakdown } from '../cost/breakdown.js';
import { CostLedger } from '../cost/ledger.js';
import { formatCost } from '../cost/totals.js';
import type { DiscussionEvent, TopicRef, TurnStatus } from '../engine/events.js';
import type { Participant } from '../engine/table.js';
import { outcomeLines } from '../outcome/render.js';
import { type ColorLevel, createStyle } from './ansi.js';
import { seatColors } from './colors.js';
import {
  answerLabel,
  bidsLabel,
  commandLabel,
  consensusCheckLabel,
  controlLabel,
  creativityLabel,
  cutOffLabel,
  directiveLabel,
  endReasonLabel,
  floorLabel,
  memoryLabel,
  phaseEndLabel,
  repeatLabel,
  tallyLabel,
  tokensLabel,
  topicLabel,
  turnCountLabel,
  turnsLabel,
  turnsLeftLabel,
} from './labels.js';
import { terminalSafeValue } from './terminal-safe.js';

export interface PlainRendererOptions {
  /** false: no escape codes; true: 256 colours; or an exact level from `colorLevel()`. */
  readonly color: boolean | ColorLevel;
  /** Terminal width; only the closing rule uses it, because a pipe has no width to wrap to. */
  readonly width?: number | undefined;
  /** A recorded discussion taken up again: by `resume` (the default) or as a `fork`. */
  readonly continuing?: 'resume' | 'fork' | undefined;
}

export interface TextSink {
  write(chunk: string): unknown;
}

interface OpenTurn {
  readonly turn: number;
  readonly kind: 'turn' | 'summary';
  readonly seat: number;
  readonly speaker: string;
  /** Text of this turn has been written (from deltas or from the turn's end). */
  streamed: boolean;
  /** The current output line already carries this turn's name tag (or, for a summary, its heading). */
  tagged: boolean;
  done: boolean;
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

  let colors = new Map<number, string>();
  const names = new Map<number, string>();
  const nameOf = (seat: number) => name(seat, names.get(seat) ?? String(seat));
  let written = false;
  /** Newlines at the end of what was written so far: 0 mid-line, 1 at line start, 2 after a blank line. */
  let trailing = 0;
  let lastTopic: string | undefined;
  let current: OpenTurn | undefined;
  let summaryShown = false;
  /** Turns (and the summary) that broke off, for the final line. */
  let cutOffs = 0;
  const ledger = new CostLedger();
  const pendingNotes: string[] = [];
  /** The turns of a parallel phase: each is printed whole as it ends, not as it streams. */
  const together = new Map<number, OpenTurn>();
  let parallel = false;
  let phaseTitle: string | undefined;
  let firstPhase = true;
  /** A summary phase's own title: a debate's "Verdict", a council's "Synthesis". */
  let summaryTitle = 'Summary';

  const write = (text: string) => {
    if (text === '') return;
    out.write(text);
    written = true;
    const match = /\n*$/.exec(text);
    const newlines = match ? match[0].length : 0;
    trailing = newlines === text.length ? trailing + newlines : newlines;
  };
  const breakLine = () => {
    if (written && trailing === 0) write('\n');
  };
  const line = (text: string) => {
    breakLine();
    write(`${text}\n`);
  };
  /** Blocks (header, topic, turn, interjection, totals) are separated by one blank line. */
  const startBlock = () => {
    breakLine();
    if (written && trailing < 2) write('\n');
  };
  const name = (seat: number, speaker: string) => style.fg(colors.get(seat) ?? '', speaker);
  const tag = (seat: number, speaker: string) => `${style.bold(name(seat, `${speaker}:`))} `;

  const showTopic = (topic: TopicRef, reason?: 'schedule' | 'moderator' | 'llm-moderator') => {
    const key = `${topic.index}\u0000${topic.text}`;
    if (key === lastTopic) return;
    lastTopic = key;
    startBlock();
    line(style.bold(topicLabel(topic, reason)));
  };

  /** A line that must not split a turn's text: held back until the turn's line ends. */
  const note = (text: string) => {
    if (current && !current.done && trailing === 0) pendingNotes.push(text);
    else line(text);
  };
  const flushNotes = () => {
    for (const text of pendingNotes.splice(0)) line(text);
  };
  /** A retry or an error interrupts the turn's line; its text resumes under a fresh tag. */
  const interruptTurnLine = () => {
    breakLine();
    if (current && !current.done && current.kind === 'turn') current.tagged = false;
  };

  const beginSummary = (turn: OpenTurn) => {
    startBlock();
    line(style.bold(`── ${summaryTitle} by ${name(turn.seat, turn.speaker)} ──`));
    turn.tagged = true;
  };

  const header = (participants: readonly Participant[], turns: number, seed: number) => {
    const count =
      participants.length === 1 ? '1 participant' : `${participants.length} participants`;
    line(style.bold(`Roundtable · ${count} · ${turnCountLabel(turns)} · seed ${seed}`));
    const width = Math.max(...participants.map((p) => p.name.length));
    for (const p of participants) {
      const details = [p.fullName, `creativity ${creativityLabel(p.creativity)}`];
      if (p.model) details.push(p.model);
      if (p.human) details.push('human');
      const pad = ' '.repeat(width - p.name.length);
      line(`  ${name(p.seat, p.name)}${pad}  ${details.join(' · ')}`);
    }
  };

  const statusNote = (
    status: TurnStatus,
    hasText: boolean,
    cutOff: string | undefined,
  ): string | undefined => {
    switch (status) {
      case 'cut-off':
        return `[cut off: ${cutOff ?? 'the reply broke off'}]`;
      case 'complete':
        return hasText ? undefined : '(said nothing)';
      case 'passed':
        return '(passes)';
      case 'skipped':
        return '[skipped]';
      case 'failed':
        return '[failed]';
      case 'interrupted':
        return '[interrupted]';
    }
  };

  const endTurn = (
    turn: OpenTurn,
    text: string,
    status: TurnStatus,
    cut?: { readonly as: string },
    extra: readonly string[] = [],
    cutOff?: string,
  ) => {
    if (status === 'cut-off') cutOffs += 1;
    if (!turn.streamed && text !== '') {
      if (!turn.tagged) {
        breakLine();
        write(tag(turn.seat, turn.speaker));
        turn.tagged = true;
      }
      write(text);
      turn.streamed = true;
    }
    const statusText = statusNote(status, turn.streamed, cutOff);
    if (statusText && !turn.streamed && turn.kind === 'turn') {
      // Nothing was said: the note takes the place of the text, after the tag.
      breakLine();
      write(`${tag(turn.seat, turn.speaker)}${style.dim(statusText)}`);
    } else if (statusText) {
      // A reply that broke off is news, not a footnote: not dimmed.
      line(status === 'cut-off' ? statusText : style.dim(statusText));
    }
    breakLine();
    if (cut) line(style.dim(`[cut: started speaking as ${cut.as}]`));
    if (extra.length > 0) line(style.dim(`(${extra.join(' · ')})`));
    turn.done = true;
    flushNotes();
    if (turn.kind === 'summary') summaryShown = true;
  };

  return (unsafe) => {
    // Replies and table text are shown, never obeyed: no escape sequence reaches the terminal.
    const event = terminalSafeValue(unsafe);
    ledger.observe(event);
    switch (event.type) {
      case 'discussion-started':
        colors = seatColors(event.participants);
        for (const p of event.participants) names.set(p.seat, p.name);
        header(event.participants, event.settings.turns, event.seed);
        showTopic(event.topic);
        return;
      case 'seat-memory':
        note(style.dim(`(${memoryLabel(event)})`));
        return;
      case 'discussion-resumed':
        // A turn cut off by the crash is left open above; it is spoken again below.
        if (current && !current.done) breakLine();
        current = undefined;
        startBlock();
        line(
          style.dim(
            options.continuing === 'fork'
              ? `(forked at turn ${event.fromTurn - 1}: a new discussion from here)`
              : `(resumed from turn ${event.fromTurn})`,
          ),
        );
        return;
      case 'topic-changed':
        showTopic(event.topic, event.reason);
        return;
      case 'turn-started': {
        if (parallel && event.kind === 'turn') {
          together.set(event.turn, {
            turn: event.turn,
            kind: event.kind,
            seat: event.seat,
            speaker: event.speaker,
            streamed: false,
            tagged: false,
            done: false,
          });
          return;
        }
        if (current && !current.done) breakLine();
        if (event.kind === 'turn') showTopic(event.topic);
        current = {
          turn: event.turn,
          kind: event.kind,
          seat: event.seat,
          speaker: event.speaker,
          streamed: false,
          tagged: false,
          done: false,
        };
        if (event.kind === 'summary') {
          beginSummary(current);
          return;
        }
        startBlock();
        const floor = floorLabel(event);
        const labels = [
          ...(floor === undefined ? [] : [floor]),
          ...(event.directives.length > 0
            ? [...event.directives.map(directiveLabel), turnsLeftLabel(event.turnsLeft)]
            : []),
        ];
        if (labels.length > 0) line(style.dim(`(${labels.join(' · ')})`));
        return;
      }
      case 'text-delta':
        if (together.has(event.turn)) return;
        if (current && current.turn === event.turn && !current.done) {
          if (!current.tagged) {
            breakLine();
            write(tag(current.seat, current.speaker));
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
            : {
                turn: event.turn,
                kind: 'turn' as const,
                seat: event.seat,
                speaker: event.speaker,
                streamed: false,
                tagged: false,
                done: false,
              });
        if (turn !== current) startBlock();
        endTurn(turn, event.text, event.status, event.cut, extra, event.cutOff);
        return;
      }
      case 'phase-started': {
        parallel = event.parallel;
        if (event.kind === 'summary') summaryTitle = event.title;
        const shown = !(event.kind === 'discussion' && firstPhase) && event.kind !== 'summary';
        firstPhase = false;
        if (!shown || event.title === phaseTitle) return;
        phaseTitle = event.title;
        breakLine();
        startBlock();
        const note = event.parallel ? style.dim(' (everyone at once)') : '';
        line(`${style.bold(`── ${event.title} ──`)}${note}`);
        return;
      }
      case 'phase-ended': {
        parallel = false;
        together.clear();
        const why = phaseEndLabel(event.reason);
        if (why !== undefined) note(style.dim(`(${why})`));
        return;
      }
      case 'review': {
        if (event.ranking === undefined) return;
        const ranked = event.ranking.map(nameOf);
        line(style.dim(`(${event.speaker} ranks: ${ranked.join(', ')})`));
        return;
      }
      case 'review-tally':
        startBlock();
        line(`${style.bold('Peer review, best ranked first:')} ${tallyLabel(event)}`);
        return;
      case 'moderator-decision':
        if (event.fallback !== undefined) {
          note(style.dim(`(the moderator's answer could not be used: ${event.fallback})`));
        }
        return;
      case 'bids':
        note(style.dim(`(${bidsLabel(event.bids)})`));
        return;
      case 'reply-discarded':
        interruptTurnLine();
        line(style.dim(`(${event.speaker}'s reply ${repeatLabel(event.repeat)}: asked again)`));
        if (current && current.turn === event.turn) current.streamed = false;
        return;
      case 'summary': {
        if (summaryShown) return;
        let turn = current;
        if (turn?.kind !== 'summary' || turn.done) {
          turn = {
            turn: -1,
            kind: 'summary',
            seat: event.seat,
            speaker: event.speaker,
            streamed: false,
            tagged: false,
            done: false,
          };
          current = turn;
          beginSummary(turn);
        }
        endTurn(turn, event.text, event.status, undefined, [], event.cutOff);
        return;
      }
      case 'context-trimmed':
        // A seat's private context window: recorded in events.jsonl, not shown here.
        return;
      case 'retry':
        interruptTurnLine();
        line(
          style.dim(
            `  retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)}s: ${event.reason}`,
          ),
        );
        return;
      case 'error': {
        interruptTurnLine();
        const who = event.speaker ? ` for ${event.speaker}` : '';
        line(style.red(`Error${who} (${event.kind}): ${event.message}`));
        return;
      }
      case 'interjection':
        startBlock();
        line(
          `${style.bold('Moderator:')} ${event.text}${
            event.mention ? style.dim(` (floor to ${event.mention})`) : ''
          }`,
        );
        return;
      case 'command': {
        const label = commandLabel(event.command);
        if (label) note(style.dim(`[moderator: ${label}]`));
        return;
      }
      case 'positions': {
        const label = answerLabel(event.speaker, event.status);
        if (label !== undefined) note(style.dim(`(${label})`));
        return;
      }
      case 'consensus-check':
        note(style.dim(`(${consensusCheckLabel(event)})`));
        return;
      case 'budget':
        note(style.dim(`(budget: ${event.why})`));
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
        const cost = event.cost === undefined ? '' : ` · ${formatCost(event.cost)}`;
        line(
          `${style.bold(endReasonLabel(event.reason))}: ${turnsLabel(event.turns, event.turnsByPhase)}${cutOffLabel(cutOffs)} · ${tokensLabel(event.usage)}${cost}`,
        );
        const breakdown = costBreakdown(ledger);
        if (breakdown !== undefined) {
          line(style.dim(`cost per seat: ${breakdown.perSeat}`));
          line(style.dim(`cost per phase: ${breakdown.perPhase}`));
        }
        return;
      }
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  };
}
