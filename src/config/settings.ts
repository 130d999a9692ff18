import type { EngineSettings } from '../engine/table.js';
import type { VoteMethod } from '../outcome/ballots.js';
import type { OnError, SettingKey, SettingValues } from './setting-schemas.js';

export { type ConfigFile, configFileSchema, validateConfigFile } from './config-file.js';
export {
  descriptorFor,
  SETTING_KEYS,
  SETTINGS,
  type SettingDescriptor,
  type SettingKind,
} from './setting-descriptors.js';
export {
  type OnError,
  SETTING_DEFAULTS,
  type SettingKey,
  settingSchemas,
} from './setting-schemas.js';

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
  readonly floor: SettingValues['floor'];
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
    floor: run.floor,
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
