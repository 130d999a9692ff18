// The parts the event schemas (event-schemas.ts) are built from: the enums, each built from a
// record over its union so that a member added to the union without one here fails to compile,
// the small shapes many events share, and the moderator's commands.
import { z } from 'zod';
import type { Address } from '../engine/address.js';
import type { Command } from '../engine/commands.js';
import type {
  ContextStrategy,
  ControlWord,
  Directive,
  EndReason,
  EventOf,
  FloorReason,
  GuardName,
  PhaseEndReason,
  PhaseKind,
  TurnStatus,
} from '../engine/events.js';
import type { ModelErrorKind } from '../engine/model.js';
import { once } from '../once.js';

function enumOf<T extends string>(members: Record<T, true>): z.ZodEnum<{ [K in T]: K }> {
  return z.enum(Object.keys(members) as [T, ...T[]]);
}

function buildEventFields() {
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
  const topicChangeReason = enumOf<EventOf<'topic-changed'>['reason']>({
    schedule: true,
    moderator: true,
    'llm-moderator': true,
  });
  const guardName = enumOf<GuardName>({ 'ping-pong': true, domination: true, silence: true });
  const address = enumOf<Address>({ at: true, vocative: true, question: true, request: true });
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
  const usage = z.object({
    promptTokens: count,
    completionTokens: count,
    estimated: z.boolean(),
  });
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

  return {
    turnStatus,
    endReason,
    floorReason,
    phaseKind,
    phaseEndReason,
    topicChangeReason,
    guardName,
    address,
    controlWord,
    directive,
    contextStrategy,
    errorKind,
    count,
    turnNumber,
    seat,
    usage,
    topic,
    speaker,
    repeatMark,
    command,
  };
}

/** The shared parts, built with the event schemas on first use (see event-schemas.ts). */
export const eventFields = once(buildEventFields);
