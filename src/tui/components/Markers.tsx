import type { Command } from '../../engine/commands.js';
import type { Directive } from '../../engine/events.js';
import { cutOffLabel, turnsLabel } from '../../render/labels.js';
import { formatTokens } from '../format.js';
import { type Line, wrapSpans } from '../spans.js';
import type { HistoryItem } from '../state.js';
import { indented } from './Turn.js';

type Item<K extends HistoryItem['kind']> = Extract<HistoryItem, { kind: K }>;

/** Rows after the first of a marker start under its text: a hanging indent. */
function marker(
  text: string,
  columns: number,
  lead: string,
  style: Omit<Line[number], 'text'> = { dim: true },
): Line[] {
  return wrapSpans([{ text: `${lead}${text}`, ...style }], columns, { hangingIndent: lead.length });
}

export function topicLines(item: Item<'topic'>, columns: number): Line[] {
  const { topic, questionCount, reason } = item;
  const label = topic.index < 0 ? 'Topic' : `Topic ${topic.index + 1}/${questionCount}`;
  const by = reason === 'moderator' ? ' (moderator)' : '';
  return [[], ...marker(`${label}${by}: ${topic.text}`, columns, '── ')];
}

function directiveText(directive: Directive, speaker: string, turnsLeft: number): string {
  switch (directive) {
    case 'invite-opinions':
      return `${speaker} was asked to invite others' opinions`;
    case 'wrap-up':
      return `wrap-up: ${turnsLeft + 1} turn${turnsLeft === 0 ? '' : 's'} left`;
    default:
      return String(directive);
  }
}

export function directiveLines(item: Item<'directive'>, columns: number): Line[] {
  return marker(directiveText(item.directive, item.speaker, item.turnsLeft), columns, '· ');
}

function commandText(command: Command): string {
  switch (command.type) {
    case 'pause':
      return 'paused by the moderator';
    case 'resume':
      return 'resumed';
    case 'wrap-up':
      return 'the moderator asked to wrap up';
    case 'stop':
      return 'the moderator ended the discussion';
    case 'ask':
      return `the moderator gave ${command.name} the floor`;
    case 'skip':
      return 'the moderator skipped the rest of the turn';
    case 'next-topic':
      return 'the moderator moved to the next topic';
    case 'set-topic':
      return 'the moderator changed the topic';
    case 'interject':
      return 'the moderator spoke';
    case 'time-up':
      return 'the time limit is reached: wrapping up';
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export function commandLines(item: Item<'command'>, columns: number): Line[] {
  return marker(commandText(item.command), columns, '· ');
}

export function interjectionLines(item: Item<'interjection'>, columns: number): Line[] {
  return [
    [],
    ...wrapSpans(
      [
        { text: 'Moderator', bold: true },
        ...(item.mention === undefined ? [] : [{ text: ` → ${item.mention}`, dim: true }]),
      ],
      columns,
      { hangingIndent: 2 },
    ),
    ...indented(item.text, columns),
  ];
}

export function errorLines(item: Item<'error'>, columns: number): Line[] {
  const who = item.speaker === undefined ? '' : `${item.speaker}: `;
  return marker(`${who}${item.message}${item.fatal ? ' (fatal)' : ''}`, columns, '✖ ', {
    color: 'red',
  });
}

export function endLines(item: Item<'end'>, columns: number): Line[] {
  const turns = turnsLabel(item.turns, item.turnsByPhase);
  return [
    [],
    ...marker(
      `Discussion ${item.reason} after ${turns}${cutOffLabel(item.cutOff)} · tokens ${formatTokens(item.usage)}`,
      columns,
      '── ',
    ),
  ];
}
