// One zod schema per event type, so that what `resume` reads back from events.jsonl is checked as
// strictly as what a live run produces. `EVENT_SCHEMAS` is typed over DiscussionEventType and each
// schema's output must have every field of its event: adding an event type or a field without a
// schema here fails to compile. The enums are built from records over their unions for the same
// reason.
import { z } from 'zod';
import { engineSettingsSchema, participantSchema, taskSchema } from '../config/table-schema.js';
import type { Command } from '../engine/commands.js';
import type {
  ContextStrategy,
  ControlWord,
  Directive,
  DiscussionEventType,
  EndReason,
  EventOf,
  FloorReason,
  GuardName,
  PhaseEndReason,
  PhaseKind,
  TurnStatus,
} from '../engine/events.js';
import type { ModelErrorKind } from '../engine/model.js';
import type { ClosedRecord, RunRecord } from './events-file.js';
import {
  costSchema,
  costTotalSchema,
  OUTCOME_EVENT_SCHEMAS,
  runPriceSchema,
} from './outcome-event-schemas.js';

function enumOf<T extends string>(members: Record<T, true>): z.ZodEnum<{ [K in T]: K }> {
  return z.enum(Object.keys(members) as [T, ...T[]]);
}

const turnStatus = enumOf<TurnStatus>({
  complete: true,
  skipped: true,
  passed: true,
  failed: true,
  interrupted: true,
  'cut-off': true,
});
const endReason = enumOf<EndReason>({
  completed: true,
  stopped: true,
  interrupted: true,
  failed: true,
});
const floorReason = enumOf<FloorReason>({
  first: true,
  mention: true,
  random: true,
  fair: true,
  'round-robin': true,
  bid: true,
  moderator: true,
  'llm-moderator': true,
  guard: true,
  phase: true,
});
const phaseKind = enumOf<PhaseKind>({
  opening: true,
  discussion: true,
  rounds: true,
  review: true,
  closing: true,
  summary: true,
});
const phaseEndReason = enumOf<PhaseEndReason>({
  done: true,
  'wrap-up': true,
  'time-up': true,
  majority: true,
  moderator: true,
  'all-left': true,
  budget: true,
  consensus: true,
});
const guardName = enumOf<GuardName>({ 'ping-pong': true, domination: true, silence: true });
const controlWord = enumOf<ControlWord>({ pass: true, leave: true, end: true });
const directive = enumOf<Directive>({ 'invite-opinions': true, 'wrap-up': true });
const contextStrategy = enumOf<ContextStrategy>({ 'drop-oldest': true, summarize: true });
const errorKind = enumOf<ModelErrorKind>({
  connection: true,
  auth: true,
  'not-found': true,
  'rate-limit': true,
  server: true,
  timeout: true,
  'bad-request': true,
  protocol: true,
  unknown: true,
});

const count = z.number().int().min(0);
const turnNumber = z.int().min(1);
const seat = z.int().min(1);
const usage = z.object({ promptTokens: count, completionTokens: count, estimated: z.boolean() });
const topic = z.object({ index: z.int().min(-1), text: z.string() });
const speaker = z.string().min(1);
const repeatMark = z.object({ of: z.int().min(1), similarity: z.number().min(0).max(1) });

const COMMAND_SCHEMAS = {
  skip: z.object({ type: z.literal('skip') }),
  'next-topic': z.object({ type: z.literal('next-topic') }),
  'set-topic': z.object({
    type: z.literal('set-topic'),
    topic: z.union([z.int().min(1), z.string().min(1)]),
  }),
  'wrap-up': z.object({ type: z.literal('wrap-up') }),
  stop: z.object({ type: z.literal('stop') }),
  pause: z.object({ type: z.literal('pause') }),
  resume: z.object({ type: z.literal('resume') }),
  interject: z.object({ type: z.literal('interject'), text: z.string() }),
  ask: z.object({ type: z.literal('ask'), name: z.string().min(1) }),
  'time-up': z.object({ type: z.literal('time-up') }),
} satisfies { [K in Command['type']]: z.ZodType<Extract<Command, { type: K }>> };

const C = COMMAND_SCHEMAS;
const command = z.discriminatedUnion('type', [
  C.skip,
  C['next-topic'],
  C['set-topic'],
  C['wrap-up'],
  C.stop,
  C.pause,
  C.resume,
  C.interject,
  C.ask,
  C['time-up'],
]);

export const EVENT_SCHEMAS = {
  'discussion-started': z.object({
    type: z.literal('discussion-started'),
    seed: engineSettingsSchema.shape.seed,
    settings: engineSettingsSchema,
    participants: z.array(participantSchema).min(1),
    task: taskSchema,
    topic,
    prices: z.array(runPriceSchema).optional(),
  }),
  'discussion-resumed': z.object({ type: z.literal('discussion-resumed'), fromTurn: turnNumber }),
  'seat-memory': z.object({
    type: z.literal('seat-memory'),
    seat,
    speaker,
    note: z.string(),
    sources: z.array(
      z.object({
        runId: z.string().min(1),
        title: z.string(),
        startedAt: z.string(),
        kinds: z.array(z.enum(['position', 'turn', 'outcome', 'summary'])),
      }),
    ),
  }),
  'turn-started': z.object({
    type: z.literal('turn-started'),
    turn: turnNumber,
    kind: z.enum(['turn', 'summary']),
    seat,
    speaker,
    model: z.string().optional(),
    topic,
    directives: z.array(directive),
    turnsLeft: z.int(),
    reason: floorReason,
    why: z.string().optional(),
    guard: guardName.optional(),
    steer: z.string().optional(),
    phase: count.optional(),
  }),
  'text-delta': z.object({ type: z.literal('text-delta'), turn: turnNumber, text: z.string() }),
  'turn-ended': z.object({
    type: z.literal('turn-ended'),
    turn: turnNumber,
    seat,
    speaker,
    text: z.string(),
    status: turnStatus,
    usage,
    cut: z.object({ as: z.string(), removed: z.string() }).optional(),
    cutOff: z.string().optional(),
    control: controlWord.optional(),
    repeat: repeatMark.optional(),
    cost: costSchema.optional(),
  }),
  'phase-started': z.object({
    type: z.literal('phase-started'),
    phase: count,
    kind: phaseKind,
    title: z.string(),
    parallel: z.boolean(),
    round: z.int().min(1).optional(),
    rounds: z.int().min(1).optional(),
    seats: z.array(seat),
  }),
  'phase-ended': z.object({
    type: z.literal('phase-ended'),
    phase: count,
    kind: phaseKind,
    round: z.int().min(1).optional(),
    reason: phaseEndReason,
  }),
  'reply-discarded': z.object({
    type: z.literal('reply-discarded'),
    turn: turnNumber,
    seat,
    speaker,
    text: z.string(),
    usage,
    cost: costSchema.optional(),
    reason: z.literal('repeat'),
    repeat: repeatMark,
  }),
  'moderator-decision': z.object({
    type: z.literal('moderator-decision'),
    turn: turnNumber,
    next: z.string().optional(),
    reason: z.string().optional(),
    steer: z.string().optional(),
    action: z.enum(['continue', 'next-topic', 'end']),
    fallback: z.string().optional(),
    usage,
    cost: costSchema.optional(),
  }),
  bids: z.object({
    type: z.literal('bids'),
    turn: turnNumber,
    bids: z.array(z.object({ seat, speaker, bid: z.number().min(0).max(9).optional() })),
    usage,
    cost: costSchema.optional(),
  }),
  review: z.object({
    type: z.literal('review'),
    turn: turnNumber,
    seat,
    speaker,
    labels: z.array(z.object({ label: z.string(), seat })),
    ranking: z.array(seat).optional(),
  }),
  'review-tally': z.object({
    type: z.literal('review-tally'),
    phase: count,
    ranking: z.array(
      z.object({
        seat,
        speaker,
        averageRank: z.number().min(1).optional(),
        reviews: count,
      }),
    ),
  }),
  'topic-changed': z.object({
    type: z.literal('topic-changed'),
    turn: turnNumber,
    topic,
    reason: z.enum(['schedule', 'moderator']),
  }),
  summary: z.object({
    type: z.literal('summary'),
    seat,
    speaker,
    text: z.string(),
    usage,
    status: turnStatus,
    cost: costSchema.optional(),
    cutOff: z.string().optional(),
  }),
  'context-trimmed': z.object({
    type: z.literal('context-trimmed'),
    turn: turnNumber,
    seat,
    speaker,
    droppedEntries: count,
    droppedTokens: count,
    keptFrom: count,
    keptEntries: count,
    promptTokens: count,
    contextTokens: count,
    maxTokens: count,
    counter: z.string(),
    strategy: contextStrategy,
    summarized: z.boolean(),
    summary: z.string().optional(),
    summaryError: z.string().optional(),
    summaryUsage: usage.optional(),
    summaryCost: costSchema.optional(),
    overflow: z.boolean(),
  }),
  retry: z.object({
    type: z.literal('retry'),
    turn: turnNumber,
    attempt: z.int().min(1),
    delayMs: z.number().min(0),
    reason: z.string(),
  }),
  error: z.object({
    type: z.literal('error'),
    turn: turnNumber.optional(),
    speaker: z.string().optional(),
    kind: errorKind,
    message: z.string(),
    fatal: z.boolean(),
  }),
  interjection: z.object({
    type: z.literal('interjection'),
    beforeTurn: turnNumber,
    text: z.string(),
    mention: z.string().optional(),
  }),
  command: z.object({ type: z.literal('command'), command }),
  'discussion-ended': z.object({
    type: z.literal('discussion-ended'),
    reason: endReason,
    turns: count,
    turnsByPhase: z
      .array(z.object({ kind: phaseKind, title: z.string(), turns: count }))
      .optional(),
    usage: z.object({
      promptTokens: count,
      completionTokens: count,
      estimated: z.boolean(),
    }),
    cost: costTotalSchema.optional(),
  }),
  ...OUTCOME_EVENT_SCHEMAS,
} satisfies { [K in DiscussionEventType]: z.ZodType<EventOf<K>> };

/**
 * A field of an event that its schema does not check: names them, so a field added to an event
 * without a schema is a compile error here (zod would otherwise drop it silently on resume).
 */
type Unchecked = {
  [K in DiscussionEventType]: Exclude<keyof EventOf<K>, keyof z.output<(typeof EVENT_SCHEMAS)[K]>>;
}[DiscussionEventType];
const everyFieldChecked: [Unchecked] extends [never] ? true : Unchecked = true;
void everyFieldChecked;

const timestamp = z.string().min(1);

/** The first line of events.jsonl and of every resumed segment (see RunRecord). */
export const runRecordSchema = z.object({
  type: z.literal('run'),
  id: z
    .string()
    .regex(/^[0-9a-f]{12}$/)
    .optional(),
  version: z.string(),
  endpoint: z.string().optional(),
  baseUrl: z.string().optional(),
  model: z.string().optional(),
  tableDir: z.string().min(1),
  startedAt: timestamp,
  settings: z.record(z.string(), z.unknown()),
  title: z.string(),
  ts: timestamp,
  resumed: z.boolean().optional(),
  forkedFrom: z
    .object({
      dir: z.string().min(1),
      id: z
        .string()
        .regex(/^[0-9a-f]{12}$/)
        .optional(),
      turn: z.number().int().nonnegative(),
    })
    .optional(),
});

export const closedRecordSchema = z.object({
  type: z.literal('closed'),
  reason: endReason,
  ts: timestamp,
});

/** As for events: a field added to the run or closed record without a schema fails to compile. */
type UncheckedRecordField =
  | Exclude<keyof RunRecord, keyof z.output<typeof runRecordSchema>>
  | Exclude<keyof ClosedRecord, keyof z.output<typeof closedRecordSchema>>;
const everyRecordFieldChecked: [UncheckedRecordField] extends [never]
  ? true
  : UncheckedRecordField = true;
void everyRecordFieldChecked;

const RECORD_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ['run', runRecordSchema],
  ['closed', closedRecordSchema],
  ...Object.entries(EVENT_SCHEMAS).map(
    ([type, schema]) => [type, schema.extend({ ts: timestamp.optional() })] as const,
  ),
]);

/** The schema of a stored record of this type, or undefined for a type no transcript holds. */
export function recordSchema(type: string): z.ZodType | undefined {
  return RECORD_SCHEMAS.get(type);
}

/** Why `value` fails `schema`, in one line: `settings.turns: too small (got -5)`. */
export function describeIssues(error: z.ZodError, value: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const got = valueAt(value, issue.path);
      const shown = issue.code === 'unrecognized_keys' ? '' : ` (got ${showRaw(got)})`;
      return `${path === '' ? 'the record' : path}: ${issue.message.toLowerCase()}${shown}`;
    })
    .join('; ');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function showRaw(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
