import type { Participant } from '../engine/table.js';
import type { LoadedTable } from './load-table.js';
import { SETTINGS, type SettingKey } from './setting-descriptors.js';
import { type RunSettings, temperatureFor } from './settings.js';
import { DEFAULT_SUMMARIZE } from './task.js';

const DEFAULT_RANGE = { min: 0, max: 1 };

function settingValue(run: RunSettings, key: SettingKey): unknown {
  if (key === 'temperatureMin') return run.temperature.min;
  if (key === 'temperatureMax') return run.temperature.max;
  return run[key];
}

/** The first sentence of the first line, or as much of the line as fits. */
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const sentence = /^.*?[.!?](?=\s|$)/.exec(line)?.[0] ?? line;
  return sentence.length > 100 ? `${sentence.slice(0, 99)}…` : sentence;
}

function participantLines(p: Participant, settings: RunSettings | undefined): string[] {
  const range = settings?.temperature ?? DEFAULT_RANGE;
  const temperature = temperatureFor(p.creativity, range);
  const details = [
    `creativity ${p.creativity.toFixed(2)} → temperature ${temperature.toFixed(2)}`,
    p.human === true ? 'human seat' : `model ${p.model ?? settings?.model ?? 'table default'}`,
  ];
  if (p.endpoint !== undefined) details.push(`endpoint ${p.endpoint}`);
  if (p.maxTokens !== undefined) details.push(`max ${p.maxTokens} tokens`);
  if (p.color !== undefined) details.push(`color ${p.color}`);
  return [`  ${p.seat}. ${p.name} — ${p.fullName}`, `     ${details.join(' · ')}`];
}

function settingsLines(run: RunSettings): string[] {
  const rows = SETTINGS.map((d) => {
    const value = settingValue(run, d.key);
    return [d.key, value === undefined ? '(unset)' : String(value), run.origins[d.key]] as const;
  });
  const keyWidth = Math.max(...rows.map(([key]) => key.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(
    ([key, value, origin]) => `  ${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${origin}`,
  );
}

/**
 * A plain-text account of a loaded table (and the settings, when given) for `roundtable validate`.
 * Warnings are left to the caller, which prints them on stderr for every command alike.
 */
export function describeTable(loaded: LoadedTable, settings?: RunSettings): string {
  const { participants, task } = loaded.table;
  const lines = [
    `Table: ${loaded.dir}`,
    `Config: ${loaded.configPath ?? 'none (defaults, environment and flags only)'}`,
    '',
    `Participants (${participants.length})`,
    ...participants.flatMap((p) => participantLines(p, settings)),
    '',
    'Task',
    `  Context: ${firstLine(task.context)}`,
    `  Questions (${task.questions.length}):`,
    ...task.questions.map((q, i) => `    ${i + 1}. ${q}`),
    `  Summary instruction: ${task.summarize === DEFAULT_SUMMARIZE ? 'built-in default' : `task/summarize.txt — ${firstLine(task.summarize)}`}`,
  ];
  if (settings !== undefined) lines.push('', 'Settings', ...settingsLines(settings));
  return `${lines.join('\n')}\n`;
}
