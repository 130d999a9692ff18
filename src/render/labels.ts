// Wording shared by every human-readable consumer (plain output, transcript.md, the TUI), so a
// directive or an end reason reads the same everywhere.
import type { Command } from '../engine/commands.js';
import type { Directive, EndReason, TopicRef, UsageTotals } from '../engine/events.js';
import type { Usage } from '../engine/model.js';

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
  }
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

export function topicLabel(topic: TopicRef, reason?: 'schedule' | 'moderator'): string {
  const byModerator = reason === 'moderator' || topic.index < 0;
  return byModerator ? `Topic (from the moderator): ${topic.text}` : `Topic: ${topic.text}`;
}

/** `1234 prompt + 567 completion tokens (estimated)`. */
export function tokensLabel(usage: Usage | UsageTotals): string {
  const text = `${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens`;
  return usage.estimated ? `${text} (estimated)` : text;
}

/** ` (2 cut off)` after a turn count; nothing when no reply broke off. */
export function cutOffLabel(count: number): string {
  return count === 0 ? '' : ` (${count} cut off)`;
}

export function turnCountLabel(turns: number): string {
  return turns === 1 ? '1 turn' : `${turns} turns`;
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
