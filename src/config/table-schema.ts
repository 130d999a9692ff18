// The schemas of a loaded table and of the engine's settings, built from the very field rules the
// loader and the settings resolver apply, so that a table recorded in events.jsonl (which `resume`
// reads back) is held to the same rules as one read from its folder.
import { z } from 'zod';
import { FLOOR_RULES, type PhaseSpec, SPEAKER_POLICIES } from '../engine/phases/spec.js';
import type { EngineSettings, Participant, Task } from '../engine/table.js';
import { once } from '../once.js';
import { parseQuestionLine } from '../outcome/question-options.js';
import { phasesSchema } from './phases-config.js';
import { roleSchema } from './role-schema.js';
import { settingSchemas } from './setting-schemas.js';

/** The highest seat number a table may have (a role file past it cannot be loaded either). */
export const MAX_SEAT = 999;

/** A seat as the engine holds it: a role's fields in camelCase, plus its seat number. */
function buildParticipantSchema() {
  const role = roleSchema().shape;
  return z.object({
    seat: z.int().min(1).max(MAX_SEAT),
    name: role.name,
    fullName: role.full_name,
    creativity: role.creativity.unwrap(),
    prompt: role.prompt,
    color: role.color,
    model: role.model,
    maxTokens: role.max_tokens,
    endpoint: role.endpoint,
    human: role.human,
    role: role.role,
    language: role.language,
    gender: role.gender,
    side: role.side,
    memory: role.memory,
  }) satisfies z.ZodType<Participant>;
}

/** A question's options obey the rules of a `Question? | a | b` line (parseQuestionLine). */
function validOptions(options: readonly string[]): boolean {
  if (options.length === 0) return true;
  const line = ['Q', ...options].map((part) => part.replaceAll('|', '\\|')).join(' | ');
  const parsed = parseQuestionLine(line);
  return parsed.ok && parsed.options.join('\u0000') === options.join('\u0000');
}

function buildTaskSchema() {
  return z
    .object({
      context: z.string(),
      instructions: z.string(),
      questions: z.array(z.string().trim().min(1)).min(1),
      options: z
        .array(z.array(z.string()).refine(validOptions, { message: 'not a valid list of options' }))
        .optional(),
      summarize: z.string().trim().min(1),
    })
    .refine((task) => task.options === undefined || task.options.length === task.questions.length, {
      message: 'options must list one entry per question',
      path: ['options'],
    }) satisfies z.ZodType<Task>;
}

function buildEngineSettingsSchema() {
  return z.object({
    turns: settingSchemas.turns,
    wrapUpTurns: settingSchemas.wrapUpTurns,
    topicChangeEvery: settingSchemas.topicChangeEvery,
    askOpinionEvery: settingSchemas.askOpinionEvery,
    introductions: settingSchemas.introductions,
    summary: settingSchemas.summary,
    seed: settingSchemas.seed,
    maxTokens: settingSchemas.maxTokens,
    temperature: z
      .object({ min: settingSchemas.temperatureMin, max: settingSchemas.temperatureMax })
      .refine((t) => t.min <= t.max, {
        message: 'temperature.min must not exceed temperature.max',
      }),
    onError: settingSchemas.onError.optional(),
    vote: settingSchemas.vote.optional(),
    format: settingSchemas.format.optional(),
    phases: phasesSchema().optional() as z.ZodOptional<z.ZodType<readonly PhaseSpec[]>>,
    rounds: settingSchemas.rounds.optional(),
    closing: settingSchemas.closing.optional(),
    stopWhen: settingSchemas.stopWhen.optional(),
    consensusThreshold: settingSchemas.consensusThreshold.optional(),
    consensusCheckEvery: settingSchemas.consensusCheckEvery.optional(),
    budgetTokens: settingSchemas.budgetTokens.optional(),
    budgetUsd: settingSchemas.budgetUsd.optional(),
    // The engine's own options that no setting names yet: held to what the engine accepts.
    speakerPolicy: z.enum(SPEAKER_POLICIES).optional(),
    floor: z.enum(FLOOR_RULES).optional(),
    pingPongLimit: z.int().min(0).optional(),
    dominationLimit: z.number().min(0).optional(),
    silenceLimit: z.number().min(0).optional(),
    repeatThreshold: z.number().min(0).max(1).optional(),
    onRepeat: z.enum(['flag', 'regenerate']).optional(),
    controlWords: z.boolean().optional(),
    moderator: z
      .object({ endpoint: z.string().min(1).optional(), model: z.string().min(1).optional() })
      .optional(),
  }) satisfies z.ZodType<EngineSettings>;
}

// Built on first use: a run reads its table without them (they check a table recorded in
// events.jsonl, which resume reads back).
export const participantSchema = once(buildParticipantSchema);
export const taskSchema = once(buildTaskSchema);
export const engineSettingsSchema = once(buildEngineSettingsSchema);

/**
 * A field of the table or the settings that its schema does not check: names them, so a field
 * added to Participant, Task or EngineSettings without a schema fails to compile here (zod would
 * otherwise drop it silently when resume reads a recorded table).
 */
type Unchecked =
  | Exclude<keyof Participant, keyof z.output<ReturnType<typeof participantSchema>>>
  | Exclude<keyof Task, keyof z.output<ReturnType<typeof taskSchema>>>
  | Exclude<keyof EngineSettings, keyof z.output<ReturnType<typeof engineSettingsSchema>>>;
const everyFieldChecked: [Unchecked] extends [never] ? true : Unchecked = true;
void everyFieldChecked;
