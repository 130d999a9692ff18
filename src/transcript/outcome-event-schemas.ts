// The schemas of the outcome and cost events (src/engine/outcome-events.ts) and of the cost fields
// other events carry, held to what the engine produces, so that a resumed transcript's positions,
// budget decisions and decision record are checked like the rest of it.
import { z } from 'zod';
import type {
  AnswerStatus,
  BudgetAction,
  PositionsMoment,
  RunPrice,
} from '../engine/outcome-events.js';
import { once } from '../once.js';
import { MAX_SCORE } from '../outcome/ballots.js';
import { outcomeSchemas } from '../outcome/record-schema.js';

function enumOf<T extends string>(members: Record<T, true>): z.ZodEnum<{ [K in T]: K }> {
  return z.enum(Object.keys(members) as [T, ...T[]]);
}

function buildOutcomeEventSchemas() {
  const count = z.int().min(0);
  const turnNumber = z.int().min(1);
  const seat = z.int().min(1);
  const speaker = z.string().min(1);
  const usd = z.number().min(0);
  const usage = z.object({ promptTokens: count, completionTokens: count, estimated: z.boolean() });

  /** What one request cost: US dollars, or null when its model's price is unknown (never 0). */
  const costSchema = usd.nullable();

  const costTotalSchema = z.object({
    usd,
    pricedTokens: count,
    unpricedTokens: count,
  });

  const perMillion = z.number().min(0).max(1_000_000);

  const runPriceSchema = z.object({
    endpoint: z.string(),
    model: z.string(),
    source: enumOf<RunPrice['source']>({ config: true, local: true, library: true, unknown: true }),
    price: z
      .object({ input: perMillion, cachedInput: perMillion.optional(), output: perMillion })
      .nullable(),
  }) satisfies z.ZodType<RunPrice>;

  const answerStatus = enumOf<AnswerStatus>({
    parsed: true,
    repaired: true,
    unparsed: true,
    failed: true,
  });
  const moment = enumOf<PositionsMoment>({ opening: true, check: true, closing: true });
  const budgetAction = enumOf<BudgetAction>({ 'wrap-up': true, 'skip-repair': true, skip: true });

  const position = z.object({
    question: count,
    position: z.string(),
    confidence: z.number().min(0).max(1),
    changedMind: z.boolean(),
    because: z.string(),
    ranking: z.array(z.string()).optional(),
    approved: z.array(z.string()).optional(),
    scores: z.record(z.string(), z.number().min(0).max(MAX_SCORE)).optional(),
  });

  const structuredSummary = z.object({
    actionItems: z.array(z.object({ action: z.string(), owner: z.string() })),
    openQuestions: z.array(z.string()),
    groups: z.array(z.object({ question: count, stance: z.string(), seats: z.array(z.string()) })),
  });

  const OUTCOME_EVENT_SCHEMAS = {
    positions: z.object({
      type: z.literal('positions'),
      moment,
      turn: turnNumber,
      seat,
      speaker,
      status: answerStatus,
      positions: z.array(position),
      missing: z.array(count),
      problems: z.array(z.string()).optional(),
      raw: z.string().optional(),
      repairUsage: usage.optional(),
      repairCost: costSchema.optional(),
    }),
    'consensus-check': z.object({
      type: z.literal('consensus-check'),
      turn: count,
      reached: z.boolean(),
      threshold: z.number().min(0).max(1),
      questions: z.array(
        z.object({
          index: count,
          outcome: z.string().optional(),
          support: z.number().min(0).max(1),
          reached: z.boolean(),
        }),
      ),
    }),
    budget: z.object({
      type: z.literal('budget'),
      action: budgetAction,
      turn: count,
      spentTokens: count,
      spentUsd: usd.optional(),
      budgetTokens: z.int().min(1).optional(),
      budgetUsd: usd.optional(),
      reserveTokens: count,
      reserveUsd: usd.optional(),
      nextTokens: count.optional(),
      why: z.string(),
    }),
    'summary-record': z.object({
      type: z.literal('summary-record'),
      turn: turnNumber,
      seat,
      speaker,
      status: answerStatus,
      record: structuredSummary,
      raw: z.string().optional(),
      usage,
      cost: costSchema.optional(),
    }),
    outcome: z.object({ type: z.literal('outcome'), record: outcomeSchemas().outcomeRecordSchema }),
  };

  return { costSchema, costTotalSchema, runPriceSchema, OUTCOME_EVENT_SCHEMAS };
}

/** Built on first use, with the other event schemas (see event-schemas.ts). */
export const outcomeEventSchemas = once(buildOutcomeEventSchemas);
