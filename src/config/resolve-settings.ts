// Settings by precedence, flag > environment > config file > default: each value read from the
// first source that sets it, validated by its rule, and remembered with where it came from.
import { randomInt } from 'node:crypto';
import { CONFIG_FILE, validateConfigFile } from './config-file.js';
import { plainlyValid } from './plain-settings.js';
import { type Problem, problemsError, showValue } from './problems.js';
import { SETTINGS, type SettingDescriptor } from './setting-descriptors.js';
import {
  SETTING_DEFAULTS,
  type SettingKey,
  type SettingValues,
  settingSchemas,
} from './setting-schemas.js';
import type { RunSettings, SettingSource } from './settings.js';

export type FlagValues = Partial<Record<SettingKey, string | number | boolean | undefined>>;

export interface ResolveInput {
  /** Only the flags the user actually gave (commander: option value source `cli`). */
  readonly flags?: FlagValues | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The parsed roundtable.config.json (validated again here, so raw objects are fine too). */
  readonly config?: unknown;
  /** The config file as the user should see it, for messages. */
  readonly configPath?: string | undefined;
  /** Where an unset seed comes from; injectable so tests stay deterministic. */
  readonly randomSeed?: (() => number) | undefined;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Text from a flag or the environment → the value to validate; left as text when it does not fit. */
function fromText(d: SettingDescriptor, text: string): unknown {
  const trimmed = text.trim();
  switch (d.kind) {
    case 'integer':
    case 'number':
      return NUMBER_TEXT.test(trimmed) ? Number(trimmed) : text;
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(lower)) return true;
      if (['false', '0', 'no', 'off'].includes(lower)) return false;
      return text;
    }
    case 'text':
    case 'choice':
      return trimmed;
    default: {
      const unreachable: never = d.kind;
      return unreachable;
    }
  }
}

interface Candidate {
  readonly value: unknown;
  readonly raw: unknown;
  readonly source: SettingSource;
  readonly origin: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(
  d: SettingDescriptor,
  input: ResolveInput,
  configSource: string,
): Candidate | undefined {
  const flag = input.flags?.[d.key];
  if (flag !== undefined) {
    const value = typeof flag === 'string' ? fromText(d, flag) : flag;
    return { value, raw: flag, source: 'flag', origin: d.flag };
  }
  for (const name of d.env) {
    const text = input.env?.[name];
    // An empty variable counts as unset, as shells make `FOO= cmd` easy and `unset` awkward.
    if (text !== undefined && text.trim() !== '') {
      return { value: fromText(d, text), raw: text, source: 'env', origin: name };
    }
  }
  const config = input.config;
  if (isRecord(config) && config[d.key] !== undefined) {
    const value = config[d.key];
    return { value, raw: value, source: 'config', origin: configSource };
  }
  return undefined;
}

/** Settings by precedence: flag > environment > config file > default. Throws one InputError for all faults. */
export function resolveSettings(input: ResolveInput): RunSettings {
  const configSource = input.configPath ?? CONFIG_FILE;
  let configPhases: RunSettings['phases'];
  let configModerator: RunSettings['moderator'];
  if (input.config !== undefined) {
    const checked = validateConfigFile(input.config, configSource);
    if (!checked.ok) throw problemsError(checked.problems, 'the settings');
    configPhases = checked.config.phases;
    configModerator = checked.config.moderator;
  }
  const problems: Problem[] = [];
  const values: Partial<Record<SettingKey, unknown>> = {};
  const sources = {} as Record<SettingKey, SettingSource>;
  const origins = {} as Record<SettingKey, string>;
  for (const d of SETTINGS) {
    const candidate = pick(d, input, configSource);
    if (candidate === undefined) {
      sources[d.key] = 'default';
      origins[d.key] = 'default';
      values[d.key] = (SETTING_DEFAULTS as Partial<Record<SettingKey, unknown>>)[d.key];
      continue;
    }
    if (plainlyValid(d.key, candidate.value)) {
      sources[d.key] = candidate.source;
      origins[d.key] = candidate.origin;
      values[d.key] = candidate.value;
      continue;
    }
    const parsed = settingSchemas[d.key].safeParse(candidate.value);
    if (!parsed.success) {
      const field = candidate.source === 'config' ? `${d.key}: ` : '';
      const file = candidate.source === 'config' ? configSource : undefined;
      problems.push({
        source: candidate.origin,
        file,
        message: `${field}expected ${d.expected}, got ${showValue(candidate.raw)}`,
      });
      continue;
    }
    sources[d.key] = candidate.source;
    origins[d.key] = candidate.origin;
    values[d.key] = parsed.data;
  }
  const v = values as Partial<SettingValues>;
  if (problems.length === 0 && v.seed === undefined) {
    v.seed = (input.randomSeed ?? (() => randomInt(0, 2 ** 32)))() >>> 0;
    origins.seed = 'random';
  }
  const { temperatureMin: min = 0, temperatureMax: max = 1 } = v;
  if (problems.length === 0 && min > max) {
    const blamed = sources.temperatureMin === 'default' ? 'temperatureMax' : 'temperatureMin';
    problems.push({
      source: origins[blamed],
      file: sources[blamed] === 'config' ? configSource : undefined,
      message: `temperatureMin (${min}, from ${origins.temperatureMin}) must not exceed temperatureMax (${max}, from ${origins.temperatureMax})`,
    });
  }
  if (problems.length > 0) throw problemsError(problems, 'the settings');
  const all = v as SettingValues;
  return {
    turns: all.turns,
    wrapUpTurns: all.wrapUpTurns,
    topicChangeEvery: all.topicChangeEvery,
    askOpinionEvery: all.askOpinionEvery,
    introductions: all.introductions,
    summary: all.summary,
    seed: all.seed,
    maxTokens: all.maxTokens,
    temperature: { min, max },
    endpoint: all.endpoint,
    model: all.model,
    baseUrl: all.baseUrl,
    timeout: all.timeout,
    stallTimeout: all.stallTimeout,
    retries: all.retries,
    onError: all.onError,
    contextTokens: all.contextTokens,
    contextStrategy: all.contextStrategy,
    format: all.format,
    rounds: all.rounds,
    closing: all.closing,
    // A format given as a flag or in the environment wins over the config file's own phases.
    ...(configPhases !== undefined && sources.format !== 'flag' && sources.format !== 'env'
      ? { phases: configPhases }
      : {}),
    vote: all.vote,
    stopWhen: all.stopWhen,
    consensusThreshold: all.consensusThreshold,
    consensusCheckEvery: all.consensusCheckEvery,
    budgetTokens: all.budgetTokens,
    budgetUsd: all.budgetUsd,
    speakerPolicy: all.speakerPolicy,
    floor: all.floor,
    pingPongLimit: all.pingPongLimit,
    dominationLimit: all.dominationLimit,
    silenceLimit: all.silenceLimit,
    repeatThreshold: all.repeatThreshold,
    onRepeat: all.onRepeat,
    controlWords: all.controlWords,
    timeLimit: all.timeLimit,
    ...(configModerator === undefined ? {} : { moderator: configModerator }),
    maxFileBytes: all.maxFileBytes,
    sources,
    origins,
  };
}
