import { Box, Text } from 'ink';
import type { Command } from '../../engine/commands.js';
import type { Directive } from '../../engine/events.js';
import { formatTokens } from '../format.js';
import type { HistoryItem } from '../state.js';

type Item<K extends HistoryItem['kind']> = Extract<HistoryItem, { kind: K }>;

export function TopicMarker({ item }: { readonly item: Item<'topic'> }) {
  const { topic, questionCount, reason } = item;
  const label = topic.index < 0 ? 'Topic' : `Topic ${topic.index + 1}/${questionCount}`;
  const by = reason === 'moderator' ? ' (moderator)' : '';
  return (
    <Box marginTop={1}>
      <Text dimColor wrap="wrap">
        ── {label}
        {by}: {topic.text}
      </Text>
    </Box>
  );
}

function directiveText(directive: Directive, speaker: string, turnsLeft: number): string {
  switch (directive) {
    case 'invite-opinions':
      return `${speaker} was asked to invite others' opinions`;
    case 'wrap-up':
      return `wrap-up: ${turnsLeft + 1} turn${turnsLeft === 0 ? '' : 's'} left`;
    default: {
      const unknown: never = directive;
      return unknown;
    }
  }
}

export function DirectiveMarker({ item }: { readonly item: Item<'directive'> }) {
  return (
    <Text dimColor wrap="wrap">
      · {directiveText(item.directive, item.speaker, item.turnsLeft)}
    </Text>
  );
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
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export function CommandMarker({ item }: { readonly item: Item<'command'> }) {
  return (
    <Text dimColor wrap="wrap">
      · {commandText(item.command)}
    </Text>
  );
}

export function InterjectionView({ item }: { readonly item: Item<'interjection'> }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        <Text bold>Moderator</Text>
        {item.mention === undefined ? null : <Text dimColor> → {item.mention}</Text>}
      </Text>
      <Box paddingLeft={2}>
        <Text wrap="wrap">{item.text}</Text>
      </Box>
    </Box>
  );
}

export function ErrorView({ item }: { readonly item: Item<'error'> }) {
  const who = item.speaker === undefined ? '' : `${item.speaker}: `;
  return (
    <Text color="red" wrap="wrap">
      ✖ {who}
      {item.message}
      {item.fatal ? ' (fatal)' : ''}
    </Text>
  );
}

export function EndMarker({ item }: { readonly item: Item<'end'> }) {
  const turns = `${item.turns} turn${item.turns === 1 ? '' : 's'}`;
  const cutOff = item.cutOff === 0 ? '' : ` (${item.cutOff} cut off)`;
  return (
    <Box marginTop={1}>
      <Text dimColor wrap="wrap">
        ── Discussion {item.reason} after {turns}
        {cutOff} · tokens {formatTokens(item.usage)}
      </Text>
    </Box>
  );
}
