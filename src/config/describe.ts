import type { Participant } from '../engine/table.js';
import { displayUrl } from '../llm/redact.js';
import { endpointLabel, type ResolvedEndpoint } from './endpoint-catalog.js';
import type { LoadedTable } from './load-table.js';
import type { SeatingPlan, SeatPlan } from './seating.js';
import { SETTINGS } from './setting-descriptors.js';
import type { SettingKey } from './setting-schemas.js';
import { apiKeyFromEnv, type RunSettings, temperatureFor } from './settings.js';
import { DEFAULT_SUMMARIZE } from './task.js';

const DEFAULT_RANGE = { min: 0, max: 1 };

function settingValue(run: RunSettings, key: SettingKey): unknown {
  if (key === 'temperatureMin') return run.temperature.min;
  if (key === 'temperatureMax') return run.temperature.max;
  // People put keys in URLs (user:password@, ?api-key=); only scheme, host and path are shown.
  if (key === 'baseUrl' && run.baseUrl !== undefined) return displayUrl(run.baseUrl);
  return run[key];
}

/** The first sentence of the first line, or as much of the line as fits. */
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const sentence = /^.*?[.!?](?=\s|$)/.exec(line)?.[0] ?? line;
  return sentence.length > 100 ? `${sentence.slice(0, 99)}…` : sentence;
}

function seatText(seat: SeatPlan, endpoints: ReadonlyMap<string, ResolvedEndpoint>): string {
  if (seat.kind === 'human') return 'human seat';
  const endpoint = endpoints.get(seat.endpoint);
  const where = endpoint === undefined ? seat.endpoint : endpointLabel(endpoint);
  const model =
    seat.model === undefined
      ? 'model: the only one the endpoint lists (asked at run time)'
      : `model ${seat.model} (${seat.modelOrigin})`;
  return `→ ${where} · ${model}`;
}

function participantLines(
  p: Participant,
  settings: RunSettings | undefined,
  seating: { seat: SeatPlan | undefined; endpoints: ReadonlyMap<string, ResolvedEndpoint> },
): string[] {
  const range = settings?.temperature ?? DEFAULT_RANGE;
  const temperature = temperatureFor(p.creativity, range);
  const details = [`creativity ${p.creativity.toFixed(2)} → temperature ${temperature.toFixed(2)}`];
  if (seating.seat === undefined) {
    details.push(
      p.human === true ? 'human seat' : `model ${p.model ?? settings?.model ?? 'table default'}`,
    );
    if (p.endpoint !== undefined) details.push(`endpoint ${p.endpoint}`);
  }
  const maxTokens = seating.seat?.kind === 'model' ? seating.seat.maxTokens : p.maxTokens;
  if (maxTokens !== undefined) details.push(`max ${maxTokens} tokens`);
  if (p.color !== undefined) details.push(`color ${p.color}`);
  const persona = [p.role, p.language, p.gender].filter((x) => x !== undefined);
  const lines = [
    `  ${p.seat}. ${p.name} — ${p.fullName}${persona.length > 0 ? ` (${persona.join(', ')})` : ''}`,
    `     ${details.join(' · ')}`,
  ];
  if (seating.seat !== undefined) lines.push(`     ${seatText(seating.seat, seating.endpoints)}`);
  return lines;
}

function endpointLines(
  plan: SeatingPlan,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const lines = [
    `Endpoints — table default: ${plan.defaultEndpoint.name} (${plan.defaultEndpoint.origin})`,
  ];
  for (const endpoint of plan.endpoints) {
    const variable = endpoint.apiKeyEnv;
    const set = variable !== undefined && apiKeyFromEnv(env, variable) !== undefined;
    const key =
      variable === undefined
        ? 'no key'
        : `key ${variable} (${set ? 'set' : endpoint.keyRequired ? 'NOT SET' : 'not set, none sent'})`;
    const context =
      endpoint.contextTokens === undefined ? [] : [`context ${endpoint.contextTokens} tokens`];
    lines.push(`  ${endpointLabel(endpoint)} · ${[key, ...context, endpoint.origin].join(' · ')}`);
  }
  return lines;
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

export interface DescribeOptions {
  /** Each seat's endpoint and model; the Endpoints section is shown with it. */
  readonly seating?: SeatingPlan | undefined;
  /** Only to say whether each key variable is set; no value is ever shown. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * A plain-text account of a loaded table (and the settings and seating, when given) for
 * `roundtable validate`. Warnings are left to the caller, which prints them on stderr.
 */
export function describeTable(
  loaded: LoadedTable,
  settings?: RunSettings,
  options: DescribeOptions = {},
): string {
  const { participants, task } = loaded.table;
  const plan = options.seating;
  const endpoints = new Map((plan?.endpoints ?? []).map((e) => [e.name, e]));
  const seatOf = (seat: number) => plan?.seats.find((s) => s.seat === seat);
  const lines = [
    `Table: ${loaded.dir}`,
    `Config: ${loaded.configPath ?? 'none (defaults, environment and flags only)'}`,
    '',
    `Participants (${participants.length})`,
    ...participants.flatMap((p) =>
      participantLines(p, settings, { seat: seatOf(p.seat), endpoints }),
    ),
    '',
    ...(plan === undefined ? [] : [...endpointLines(plan, options.env ?? {}), '']),
    'Task',
    `  Context: ${firstLine(task.context)}`,
    `  Questions (${task.questions.length}):`,
    ...task.questions.map((q, i) => `    ${i + 1}. ${q}${optionsText(task.options?.[i])}`),
    `  Summary instruction: ${task.summarize === DEFAULT_SUMMARIZE ? 'built-in default' : `task/summarize.txt — ${firstLine(task.summarize)}`}`,
  ];
  if (settings !== undefined) lines.push('', 'Settings', ...settingsLines(settings));
  return `${lines.join('\n')}\n`;
}

/** `  [options: trains | trail | housing]` for a question that lists options. */
function optionsText(options: readonly string[] | undefined): string {
  return options === undefined || options.length === 0 ? '' : `  [options: ${options.join(' | ')}]`;
}
