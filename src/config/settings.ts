import { randomInt } from 'node:crypto';
import type { EngineSettings } from '../engine/table.js';
import type { VoteMethod } from '../outcome/ballots.js';
import { CONFIG_FILE, validateConfigFile } from './config-file.js';
import { type Problem, problemsError, showValue } from './problems.js';
import {
  type OnError,
  SETTING_DEFAULTS,
  SETTINGS,
  type SettingDescriptor,
  type SettingKey,
  type SettingValues,
  settingSchemas,
} from './setting-descriptors.js';

export { type ConfigFile, configFileSchema, validateConfigFile } from './config-file.js';
export {
  descriptorFor,
  type OnError,
  SETTING_DEFAULTS,
  SETTING_KEYS,
  SETTINGS,
  type SettingDescriptor,
  type SettingKey,
  type SettingKind,
  settingSchemas,
} from './setting-descriptors.js';

export type SettingSource = 'flag' | 'env' | 'config' | 'default';

/**
 * Everything a run needs besides the table. Printable and serialisable as it is: the API key is
 * deliberately not part of it (see `apiKeyFromEnv`).
 */
export interface RunSettings extends EngineSettings {
  /** The table's default endpoint, when set; see `planSeating` for what applies otherwise. */
  readonly endpoint?: string | undefined;
  readonly model?: string | undefined;
  readonly baseUrl?: string | undefined;
  /** Seconds per request. */
  readonly timeout: number;
  /** Seconds without a token before a stream counts as stalled. */
  readonly stallTimeout: number;
  readonly retries: number;
  /** Required here, where EngineSettings has it optional. */
  readonly onError: OnError;
  /** The table-wide context window; endpoints and seats may set their own. */
  readonly contextTokens?: number | undefined;
  readonly contextStrategy: 'drop-oldest' | 'summarize';
  readonly format: SettingValues['format'];
  readonly rounds: number;
  readonly closing: boolean;
  readonly vote: VoteMethod;
  readonly stopWhen: 'turns' | 'consensus';
  readonly consensusThreshold: number;
  readonly consensusCheckEvery: number;
  readonly budgetTokens?: number | undefined;
  readonly budgetUsd?: number | undefined;
  readonly speakerPolicy: SettingValues['speakerPolicy'];
  readonly pingPongLimit: number;
  readonly dominationLimit: number;
  readonly silenceLimit: number;
  readonly repeatThreshold: number;
  readonly onRepeat: SettingValues['onRepeat'];
  readonly controlWords: boolean;
  /** Seconds; the session's timer sends `time-up` when they have passed. */
  readonly timeLimit?: number | undefined;
  /** Largest table file read, in bytes. */
  readonly maxFileBytes: number;
  /** Where each value came from. */
  readonly sources: Readonly<Record<SettingKey, SettingSource>>;
  /** The same, as the user would name it: `--turns`, `ROUNDTABLE_TURNS`, the config file, `default`, `random`. */
  readonly origins: Readonly<Record<SettingKey, string>>;
}

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

/** The part of the settings the engine reads. */
export function toEngineSettings(run: RunSettings): EngineSettings {
  return {
    turns: run.turns,
    wrapUpTurns: run.wrapUpTurns,
    topicChangeEvery: run.topicChangeEvery,
    askOpinionEvery: run.askOpinionEvery,
    introductions: run.introductions,
    summary: run.summary,
    seed: run.seed,
    maxTokens: run.maxTokens,
    temperature: { min: run.temperature.min, max: run.temperature.max },
    onError: run.onError,
    format: run.format,
    ...(run.phases === undefined ? {} : { phases: run.phases }),
    rounds: run.rounds,
    closing: run.closing,
    vote: run.vote,
    stopWhen: run.stopWhen,
    consensusThreshold: run.consensusThreshold,
    consensusCheckEvery: run.consensusCheckEvery,
    ...(run.budgetTokens === undefined ? {} : { budgetTokens: run.budgetTokens }),
    ...(run.budgetUsd === undefined ? {} : { budgetUsd: run.budgetUsd }),
    speakerPolicy: run.speakerPolicy,
    pingPongLimit: run.pingPongLimit,
    dominationLimit: run.dominationLimit,
    silenceLimit: run.silenceLimit,
    repeatThreshold: run.repeatThreshold,
    onRepeat: run.onRepeat,
    controlWords: run.controlWords,
    ...(run.moderator === undefined ? {} : { moderator: run.moderator }),
  };
}

/** Creativity 0 → min, 1 → max, linearly. */
export function temperatureFor(
  creativity: number,
  range: { readonly min: number; readonly max: number },
): number {
  return range.min + creativity * (range.max - range.min);
}

/**
 * An API key comes only from the environment, never from a file or a flag: from the variable an
 * endpoint names (`apiKeyEnv`), OPENAI_API_KEY by default. Blank counts as unset.
 */
export function apiKeyFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  variable = 'OPENAI_API_KEY',
): string | undefined {
  const key = env[variable]?.trim();
  return key === undefined || key === '' ? undefined : key;
}
