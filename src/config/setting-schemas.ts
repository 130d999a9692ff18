// Each setting's rule and default: what the config file, flags, environment and transcripts are
// validated against. The words about each setting are in setting-help.ts.
import { z } from 'zod';
import { FORMAT_NAMES } from '../engine/formats.js';
import { FLOOR_RULES, SPEAKER_POLICIES } from '../engine/phases/spec.js';
import { onFirstRead } from '../once.js';
import { VOTE_METHODS } from '../outcome/ballots.js';
import { ENDPOINT_NAME_PATTERN } from './endpoint-presets.js';

/** More turns than anyone means: a typo, or a tampered transcript asking for an endless run. */
export const MAX_TURNS = 10_000;
export const MAX_ROUNDS = 20;
export const MAX_SEED = 0xffff_ffff;

/** The choices of the settings that take one of a few words (help lists them). */
export const ON_ERROR_CHOICES = ['skip', 'stop'] as const;
export const CONTEXT_STRATEGIES = ['drop-oldest', 'summarize'] as const;
export const STOP_WHEN_CHOICES = ['turns', 'consensus'] as const;

/**
 * Each setting's own rule; the config file, flags and environment all validate through these.
 * Built when one is first read: a run that is given no setting to check builds none.
 */
export const settingSchemas = onFirstRead(() => ({
  turns: z.int().min(1).max(MAX_TURNS),
  wrapUpTurns: z.int().min(0),
  topicChangeEvery: z.number().min(1),
  askOpinionEvery: z.number().min(1),
  introductions: z.boolean(),
  summary: z.boolean(),
  seed: z.int().min(0).max(MAX_SEED),
  maxTokens: z.int().min(1),
  endpoint: z.string().trim().regex(ENDPOINT_NAME_PATTERN),
  model: z.string().trim().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  timeout: z.number().positive(),
  stallTimeout: z.number().positive(),
  retries: z.int().min(0),
  temperatureMin: z.number().min(0).max(2),
  temperatureMax: z.number().min(0).max(2),
  onError: z.enum(ON_ERROR_CHOICES),
  contextTokens: z.int().min(1),
  maxFileBytes: z.int().min(1),
  contextStrategy: z.enum(CONTEXT_STRATEGIES),
  format: z.enum(FORMAT_NAMES),
  rounds: z.int().min(1).max(MAX_ROUNDS),
  closing: z.boolean(),
  vote: z.enum(VOTE_METHODS),
  stopWhen: z.enum(STOP_WHEN_CHOICES),
  consensusThreshold: z.number().gt(0.5).max(1),
  consensusCheckEvery: z.int().min(1),
  budgetTokens: z.int().min(1),
  budgetUsd: z.number().positive(),
  speakerPolicy: z.enum(SPEAKER_POLICIES),
  floor: z.enum(FLOOR_RULES),
  pingPongLimit: z.int().min(0),
  dominationLimit: z.number().min(0),
  silenceLimit: z.number().min(0),
  repeatThreshold: z.number().min(0).max(1),
  onRepeat: z.enum(['flag', 'regenerate']),
  controlWords: z.boolean(),
  timeLimit: z.number().positive(),
}));

export type SettingKey = keyof typeof settingSchemas;
export type SettingValues = { [K in SettingKey]: z.output<(typeof settingSchemas)[K]> };
export type OnError = SettingValues['onError'];

/** Defaults of the settings that have a fixed one (seed, endpoint, model and baseUrl do not). */
export const SETTING_DEFAULTS = {
  turns: 10,
  wrapUpTurns: 3,
  topicChangeEvery: 5,
  askOpinionEvery: 5,
  introductions: true,
  summary: true,
  maxTokens: 400,
  timeout: 300,
  stallTimeout: 30,
  retries: 3,
  temperatureMin: 0,
  temperatureMax: 1,
  onError: 'skip',
  contextStrategy: 'drop-oldest',
  format: 'roundtable',
  rounds: 2,
  closing: false,
  vote: 'ranked',
  stopWhen: 'turns',
  consensusThreshold: 0.75,
  consensusCheckEvery: 4,
  speakerPolicy: 'original',
  floor: 'named',
  pingPongLimit: 4,
  dominationLimit: 2,
  silenceLimit: 3,
  repeatThreshold: 0.5,
  onRepeat: 'flag',
  controlWords: true,
  maxFileBytes: 1024 * 1024,
} as const satisfies Partial<SettingValues>;
