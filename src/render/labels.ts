// Wording shared by every human-readable consumer (plain output, transcript.md, the TUI), so a
// directive or an end reason reads the same everywhere.

import type { Command } from '../engine/commands.js';
import type {
  ControlWord,
  Directive,
  EndReason,
  EventOf,
  PhaseEndReason,
  PhaseTurns,
  RepeatMark,
  TopicRef,
  UsageTotals,
} from '../engine/events.js';
import type { Usage } from '../engine/model.js';
import type { AnswerStatus } from '../engine/outcome-events.js';
import type { EngineSettings } from '../engine/table.js';
import { formatCount } from '../format-count.js';

export function directiveLabel(directive: Directive): string {
  switch (directive) {
    case 'invite-opinions':
      return 'invites opinions';
    case 'wrap-up':
      return 'wrap-up';
  }
}

export function turnsLeftLabel(turnsLeft: number): string {
  if (turnsLeft <= 0) return 'last turn';
  return turnsLeft === 1 ? '1 turn left' : `${turnsLeft} turns left`;
}

/** What the moderator did, or undefined when another event already shows it. */
export function commandLabel(command: Command): string | undefined {
  switch (command.type) {
    case 'skip':
      return 'skip this turn';
    case 'next-topic':
      return 'next topic';
    case 'set-topic':
      return typeof command.topic === 'number'
        ? `topic: question ${command.topic}`
        : `topic: ${command.topic}`;
    case 'wrap-up':
      return 'wrap up now';
    case 'stop':
      return 'stop after this turn';
    case 'pause':
      return 'paused';
    case 'resume':
      return 'resumed';
    case 'interject':
      return undefined;
    case 'ask':
      return `floor to ${command.name}`;
    case 'time-up':
      return 'time limit reached: wrapping up';
  }
}

/**
 * Why a seat has the floor, in a few words; undefined for the unremarkable (the original rule's
 * dice roll, a phase where everyone speaks).
 */
export function floorLabel(
  started: Pick<EventOf<'turn-started'>, 'reason' | 'why' | 'steer' | 'passedOver'>,
): string | undefined {
  const label = ownFloorLabel(started);
  // Named but not addressed: a reader who saw the name sees why that seat did not answer.
  const passed = started.passedOver;
  if (passed === undefined) return label;
  const note = `${passed.speaker} named in passing`;
  return label === undefined ? note : `${label}; ${note}`;
}

function ownFloorLabel(
  started: Pick<EventOf<'turn-started'>, 'reason' | 'why' | 'steer'>,
): string | undefined {
  const steer = started.steer === undefined ? '' : `; steer: ${started.steer}`;
  if (started.why !== undefined) {
    // A moderator's reason is a sentence of its own; it reads as a clause here.
    const why = started.why.replace(/[\s.;,]+$/u, '');
    return started.reason === 'llm-moderator' ? `moderator: ${why}${steer}` : `${why}${steer}`;
  }
  switch (started.reason) {
    case 'first':
    case 'random':
    case 'phase':
      return undefined;
    case 'mention':
      return 'named in the last turn';
    case 'moderator':
      return "the moderator's choice";
    case 'fair':
      return 'fair turn';
    case 'round-robin':
      return 'next in turn';
    case 'bid':
      return 'highest bid';
    case 'llm-moderator':
      return `chosen by the moderator${steer}`;
    case 'guard':
      return 'a guard gave the floor';
  }
}

export function phaseEndLabel(reason: PhaseEndReason): string | undefined {
  switch (reason) {
    case 'done':
      return undefined;
    case 'wrap-up':
      return 'wrapped up by the moderator';
    case 'time-up':
      return 'the time limit was reached';
    case 'majority':
      return 'most of the table proposed to end';
    case 'moderator':
      return 'the moderator ended the discussion';
    case 'all-left':
      return 'too few participants are left';
    case 'budget':
      return 'wrapped up to stay within the budget';
    case 'consensus':
      return 'the table reached consensus';
  }
}

/** A seat's structured answer that needed help, in a few words; undefined when it read cleanly. */
export function answerLabel(speaker: string, status: AnswerStatus): string | undefined {
  switch (status) {
    case 'parsed':
      return undefined;
    case 'repaired':
      return `${speaker}'s answer could not be read at first; it was, on the second try`;
    case 'unparsed':
      return `${speaker}'s answer could not be read, even on the second try: kept as said`;
    case 'failed':
      return `${speaker} gave no position: the request failed`;
  }
}

/** A consensus check, in a line. */
export function consensusCheckLabel(event: EventOf<'consensus-check'>): string {
  const parts = event.questions.map(
    (q) => `${q.outcome ?? 'no outcome'} ${Math.round(q.support * 100)}%`,
  );
  const verdict = event.reached ? 'consensus reached' : 'no consensus yet';
  return `consensus check after turn ${event.turn}: ${parts.join(', ')} (${verdict})`;
}

export function controlLabel(word: ControlWord): string {
  switch (word) {
    case 'pass':
      return 'passes the floor';
    case 'leave':
      return 'leaves the table';
    case 'end':
      return 'proposes to end';
  }
}

export function repeatLabel(mark: RepeatMark): string {
  return `repeats turn ${mark.of} (${Math.round(mark.similarity * 100)}% alike)`;
}

export function bidsLabel(bids: EventOf<'bids'>['bids']): string {
  return `bids: ${bids.map((b) => `${b.speaker} ${b.bid ?? '–'}`).join(' · ')}`;
}

/** `Bob 1.5 · Ann 2 · Cy –`: a review tally, best first. */
export function tallyLabel(tally: EventOf<'review-tally'>): string {
  return tally.ranking.map((r) => `${r.speaker} ${r.averageRank ?? '–'}`).join(' · ');
}

export function endReasonLabel(reason: EndReason): string {
  switch (reason) {
    case 'completed':
      return 'Finished';
    case 'stopped':
      return 'Stopped by the moderator';
    case 'interrupted':
      return 'Interrupted';
    case 'failed':
      return 'Failed';
  }
}

export function topicLabel(
  topic: TopicRef,
  reason?: 'schedule' | 'moderator' | 'llm-moderator',
): string {
  const byModerator = reason === 'moderator' || reason === 'llm-moderator' || topic.index < 0;
  return byModerator ? `Topic (from the moderator): ${topic.text}` : `Topic: ${topic.text}`;
}

/** `1,234 prompt + 567 completion tokens (estimated)`, grouped as the cost lines beside it are. */
export function tokensLabel(usage: Usage | UsageTotals): string {
  const n = formatCount;
  const text = `${n(usage.promptTokens)} prompt + ${n(usage.completionTokens)} completion tokens`;
  return usage.estimated ? `${text} (estimated)` : text;
}

/** ` (2 cut off)` after a turn count; nothing when no reply broke off. */
export function cutOffLabel(count: number): string {
  return count === 0 ? '' : ` (${count} cut off)`;
}

/**
 * The turns planned, when set beside the turns spoken it says how far a run got. A run's count
 * includes its closing answers and other phases' turns, which the plan (discussion turns) does
 * not: 10 turns + 4 closing answers would read "14/10". Past the plan, the count alone.
 */
export function planShown(spoken: number, planned: number | null | undefined): number | undefined {
  return planned !== null && planned !== undefined && spoken <= planned ? planned : undefined;
}

export function turnCountLabel(turns: number): string {
  return turns === 1 ? '1 turn' : `${turns} turns`;
}

/** What one turn of a phase is called: a debate's opening statement, a closing answer, a review. */
function phaseTurnNoun(phase: Omit<PhaseTurns, 'turns'>): string {
  const statement = /statements?$/i.test(phase.title);
  switch (phase.kind) {
    case 'discussion':
      return /rebuttals?$/i.test(phase.title) ? 'rebuttal' : 'turn';
    case 'summary':
      return 'turn';
    case 'opening':
      // A council's first phase is its "Answers".
      if (/^answers?$/i.test(phase.title)) return 'answer';
      return statement ? 'opening statement' : 'opening answer';
    case 'closing':
      return statement ? 'closing statement' : 'closing answer';
    case 'review':
      return 'review';
    case 'rounds':
      return 'answer';
  }
}

/**
 * `6 turns + 4 closing answers`: the turns a run spoke by the phase that spoke them, or
 * `10 turns` when one phase spoke them all (or the run does not say).
 */
export function turnsLabel(turns: number, byPhase?: readonly PhaseTurns[]): string {
  // One phase alone is named only when it is the closing: "4 closing answers", not "4 turns".
  if (byPhase === undefined || (byPhase.length === 1 && byPhase[0]?.kind !== 'closing')) {
    return turnCountLabel(turns);
  }
  return byPhase
    .map((phase) => {
      const noun = phaseTurnNoun(phase);
      return `${phase.turns} ${phase.turns === 1 ? noun : `${noun}s`}`;
    })
    .join(' + ');
}

export function creativityLabel(creativity: number): string {
  return String(Number(creativity.toFixed(2)));
}

/** Total usage of several turns; estimated if any of them was. */
export function addUsage(a: UsageTotals, b: Usage): UsageTotals {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    estimated: a.estimated || b.estimated,
  };
}

export const NO_USAGE: UsageTotals = { promptTokens: 0, completionTokens: 0, estimated: false };

/** How a discussion was set up, in a few words each: `seed 7`, `10 turns`, … */
export function settingsFacts(seed: number, s: EngineSettings): string[] {
  return [
    `seed ${seed}`,
    turnCountLabel(s.turns),
    `topic change every ~${s.topicChangeEvery} turns`,
    `opinions invited every ~${s.askOpinionEvery} turns`,
    `wrap-up in the last ${turnCountLabel(s.wrapUpTurns)}`,
    s.summary ? 'summary at the end' : 'no summary',
    ...(s.format === undefined || s.format === 'roundtable' ? [] : [`format: ${s.format}`]),
    ...(s.speakerPolicy === undefined || s.speakerPolicy === 'original'
      ? []
      : [`speakers: ${s.speakerPolicy}`]),
  ];
}

/**
 * "Ada remembers 2 earlier runs: 3fa9c2d1e0b4 (2026-11-02 14:05), …": the ids `roundtable show`
 * takes (the note itself names each run's question).
 */
export function memoryLabel(event: EventOf<'seat-memory'>): string {
  const runs = event.sources.map(
    (s) => `${s.runId} (${s.startedAt.slice(0, 16).replace('T', ' ')})`,
  );
  const count = runs.length === 1 ? '1 earlier run' : `${runs.length} earlier runs`;
  return `${event.speaker} remembers ${count}: ${runs.join(', ')}`;
}
