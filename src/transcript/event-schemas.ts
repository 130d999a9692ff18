// One zod schema per event type, so that what `resume` reads back from events.jsonl is checked as
// strictly as what a live run produces. `EVENT_SCHEMAS` is typed over DiscussionEventType and each
// schema's output must have every field of its event: adding an event type or a field without a
// schema here fails to compile. The parts they share are in event-fields.ts; the transcript's
// other records (run, closed) in record-schemas.ts.
import { z } from 'zod';
import { engineSettingsSchema, participantSchema, taskSchema } from '../config/table-schema.js';
import type { DiscussionEventType, EventOf } from '../engine/events.js';
import type { FormatName } from '../engine/formats.js';
import type { EngineSettings } from '../engine/table.js';
import { once } from '../once.js';
import { eventFields } from './event-fields.js';
import { outcomeEventSchemas } from './outcome-event-schemas.js';

function buildEventSchemas() {
  const {
    address,
    command,
    contextStrategy,
    controlWord,
    count,
    directive,
    endReason,
    errorKind,
    floorReason,
    guardName,
    phaseEndReason,
    phaseKind,
    repeatMark,
    seat,
    speaker,
    topic,
    topicChangeReason,
    turnNumber,
    turnStatus,
    usage,
  } = eventFields();
  const { costSchema, costTotalSchema, OUTCOME_EVENT_SCHEMAS, runPriceSchema } =
    outcomeEventSchemas();
  return {
    'discussion-started': z.object({
      type: z.literal('discussion-started'),
      seed: engineSettingsSchema().shape.seed,
      settings: engineSettingsSchema(),
      participants: z.array(participantSchema()).min(1),
      task: taskSchema(),
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
      withheld: z
        .union([
          z.array(
            z.union([
              z.object({ decision: z.literal('invite-opinions'), reason: z.literal('last-turn') }),
              z.object({
                decision: z.literal('topic-change'),
                reason: z.enum(['wrap-up', 'answer', 'fresh-topic']),
                due: z.int().min(2).optional(),
              }),
              z.object({
                decision: z.literal('silence-guard'),
                reason: z.literal('answer'),
                seat,
                speaker,
              }),
            ]),
          ),
          // Written by main between session 11's T0 and the wrap-up topic rule: one object.
          z
            .object({ directive: z.literal('invite-opinions'), reason: z.literal('last-turn') })
            .transform(({ reason }) => [{ decision: 'invite-opinions' as const, reason }]),
        ])
        .optional(),
      turnsLeft: z.int(),
      reason: floorReason,
      why: z.string().optional(),
      addressed: address.optional(),
      passedOver: z.object({ seat, speaker }).optional(),
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
      questions: z.array(topic).optional(),
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
      unranked: z.array(seat).optional(),
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
      reason: topicChangeReason,
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
}

/**
 * The schemas, built on the first call: a run that neither resumes nor reads an events file
 * never builds them (~120 zod schemas, a good part of a first turn's start-up).
 */
export const eventSchemas = once(buildEventSchemas);
type EventSchemas = ReturnType<typeof buildEventSchemas>;

/**
 * A field of an event that its schema does not check: names them, so a field added to an event
 * without a schema is a compile error here (zod would otherwise drop it silently on resume).
 */
type Unchecked = {
  [K in DiscussionEventType]: Exclude<keyof EventOf<K>, keyof z.output<EventSchemas[K]>>;
}[DiscussionEventType];
const everyFieldChecked: [Unchecked] extends [never] ? true : Unchecked = true;
void everyFieldChecked;

type Writable<T> = T extends readonly (infer U)[]
  ? Writable<U>[]
  : T extends object
    ? { -readonly [P in keyof T]: Writable<T[P]> }
    : T;

/**
 * An event type whose schema rejects a value its type allows (a member of a union left out of
 * an enum): names it, so that is a compile error too, not a transcript that cannot be resumed.
 */
type Rejected = {
  [K in DiscussionEventType]: Writable<Emitted<K>> extends z.input<EventSchemas[K]> ? never : K;
}[DiscussionEventType];

/**
 * An event as a run of this version writes it: the engine takes any format name, a transcript
 * names one of the formats this version knows (one it does not know cannot be resumed).
 */
type Emitted<K extends DiscussionEventType> = K extends 'discussion-started'
  ? Omit<EventOf<K>, 'settings'> & {
      readonly settings: Omit<EngineSettings, 'format'> & { readonly format?: FormatName };
    }
  : EventOf<K>;
const everyEventAccepted: [Rejected] extends [never] ? true : Rejected = true;
void everyEventAccepted;
