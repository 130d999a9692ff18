// outcome.json, the decision record: its zod schema is the one definition; the TypeScript types
// and the published JSON Schema (schema/outcome.schema.json) both come from it.
import { z } from 'zod';
import { once } from '../once.js';

function buildOutcomeSchemas() {
  const seatName = z.string().meta({ description: 'A participant’s name.' });

  const cost = z
    .object({
      usd: z
        .number()
        .min(0)
        .meta({ description: 'What the tokens with a known price cost, in US dollars.' }),
      complete: z.boolean().meta({
        description:
          'Every token had a known price. False: the true cost is usd plus an unknown amount.',
      }),
      pricedTokens: z.int().min(0),
      unpricedTokens: z
        .int()
        .min(0)
        .meta({ description: 'Tokens of models whose price is unknown.' }),
    })
    .meta({
      id: 'cost',
      description: 'A cost that keeps unknown prices apart (never counted as $0).',
    });

  const tokens = z
    .object({
      prompt: z.int().min(0),
      completion: z.int().min(0),
      estimated: z.boolean().meta({ description: 'Some of the counts are estimates.' }),
    })
    .meta({ id: 'tokens' });

  const positionStatusSchema = z.enum(['parsed', 'repaired', 'unparsed', 'failed', 'absent']).meta({
    description:
      'parsed: the answer was valid; repaired: valid after one repair request; unparsed: still invalid (raw holds the reply); failed: the request failed; absent: the answer left this question out.',
  });

  const seatPosition = z
    .object({
      seat: z.int().min(1),
      speaker: seatName,
      status: positionStatusSchema,
      position: z.string().optional(),
      confidence: z.number().min(0).max(1).optional(),
      changedMind: z.boolean().optional(),
      because: z.string().optional().meta({ description: 'The seat’s reason, in its own words.' }),
      ranking: z.array(z.string()).optional(),
      approved: z.array(z.string()).optional(),
      scores: z.record(z.string(), z.number()).optional(),
      raw: z
        .string()
        .optional()
        .meta({ description: 'The reply as given, when it could not be read.' }),
    })
    .meta({ id: 'seatPosition' });

  const change = z
    .object({
      seat: z.int().min(1),
      speaker: seatName,
      from: z.string(),
      to: z.string(),
    })
    .meta({
      id: 'change',
      description: 'A seat whose closing position differs from its opening one.',
    });

  const vote = z
    .object({
      method: z.enum(['ranked', 'approval', 'score']),
      voters: z.array(seatName),
      winner: z
        .string()
        .nullable()
        .meta({ description: 'The outcome; null for a tie or no votes.' }),
      tied: z.array(z.string()),
      decidedBy: z.enum([
        'condorcet',
        'borda',
        'approval',
        'score',
        'head-to-head',
        'first-choices',
        'tie',
        'no-votes',
      ]),
      firstChoices: z.record(z.string(), z.int().min(0)),
      borda: z.record(z.string(), z.number()).optional(),
      condorcet: z
        .object({
          winner: z.string().nullable(),
          smithSet: z.array(z.string()).meta({
            description:
              'The Condorcet winner alone, or the options caught in a cycle or tied head to head.',
          }),
          pairwise: z.record(z.string(), z.record(z.string(), z.int().min(0))).meta({
            description: 'pairwise[a][b]: how many seats rank a above b.',
          }),
        })
        .optional(),
      approvals: z.record(z.string(), z.int().min(0)).optional(),
      meanScores: z.record(z.string(), z.number()).optional(),
    })
    .meta({ id: 'vote' });

  const consensus = z
    .object({
      reached: z.boolean().nullable().meta({
        description:
          'The outcome’s support met the threshold; null for a question without options.',
      }),
      threshold: z.number().min(0).max(1),
      pluralityShare: z.number().min(0).max(1).nullable(),
      support: z.number().min(0).max(1).nullable().meta({
        description: 'Share of the voting seats whose position is the outcome.',
      }),
      kendallW: z.number().min(0).max(1).nullable(),
      dissenters: z.array(seatName),
    })
    .meta({ id: 'consensus' });

  const group = z.object({ stance: z.string(), seats: z.array(seatName) }).meta({
    id: 'group',
    description: 'Seats whose free-text positions agree, as the summarizer grouped them.',
  });

  const questionOutcomeSchema = z
    .object({
      index: z
        .int()
        .min(0)
        .meta({ description: '0-based line of the question in task/questions.txt.' }),
      question: z.string(),
      options: z.array(z.string()),
      outcome: z.string().nullable().meta({
        description:
          'The option the table chose; null for a tie, no votes, or a question without options.',
      }),
      positions: z.array(seatPosition),
      opening: z
        .array(seatPosition)
        .optional()
        .meta({ description: 'Positions from the opening phase.' }),
      changes: z.array(change),
      vote: vote.optional(),
      consensus,
      groups: z.array(group).optional(),
      minorityReport: z
        .array(
          z.object({
            seat: z.int().min(1),
            speaker: seatName,
            position: z.string(),
            because: z.string(),
          }),
        )
        .meta({ description: 'Each dissenter’s position and reason, in its own words.' }),
    })
    .meta({ id: 'questionOutcome' });

  const actionItemSchema = z
    .object({
      action: z.string().min(1),
      owner: z
        .string()
        .min(1)
        .meta({ description: 'A participant’s name, or whoever the summarizer named.' }),
      ownerIsSeat: z.boolean(),
    })
    .meta({ id: 'actionItem' });

  const usageRow = z.object({ tokens, cost }).meta({ id: 'usageRow' });

  const outcomeRecordSchema = z
    .object({
      $schema: z.string().optional(),
      version: z.literal(1),
      endReason: z.enum(['completed', 'stopped', 'interrupted', 'failed']),
      stoppedBy: z.string().optional().meta({
        description: 'What ended the discussion early: consensus, budget, a person, the moderator…',
      }),
      vote: z.enum(['ranked', 'approval', 'score']),
      questions: z.array(questionOutcomeSchema),
      summary: z.object({ speaker: seatName, text: z.string() }).optional(),
      actionItems: z.array(actionItemSchema),
      openQuestions: z.array(z.string()),
      recordStatus: positionStatusSchema.optional().meta({
        description:
          'How the summarizer’s structured record (action items, open questions, groups) was read.',
      }),
      cost: z.object({
        total: usageRow,
        perSeat: z.array(usageRow.extend({ seat: z.int().min(0), speaker: z.string() })),
        perPhase: z.array(usageRow.extend({ phase: z.string() })),
      }),
    })
    .meta({
      title: 'outcome.json',
      description:
        'The decision record roundtable writes into a transcript folder: per question the outcome, its support, the positions and changes of mind, the minority report; action items, open questions, and what the run cost.',
    });

  return {
    positionStatusSchema,
    questionOutcomeSchema,
    actionItemSchema,
    outcomeRecordSchema,
    seatPosition,
  };
}

/** Built on first use: a run builds them only when it reads or checks a record (see event-schemas.ts). */
export const outcomeSchemas = once(buildOutcomeSchemas);
type OutcomeSchemas = ReturnType<typeof buildOutcomeSchemas>;

export type OutcomeRecord = z.output<OutcomeSchemas['outcomeRecordSchema']>;
export type QuestionOutcome = z.output<OutcomeSchemas['questionOutcomeSchema']>;
export type SeatPosition = z.output<OutcomeSchemas['seatPosition']>;
export type ActionItem = z.output<OutcomeSchemas['actionItemSchema']>;
export type PositionStatus = z.output<OutcomeSchemas['positionStatusSchema']>;

export const OUTCOME_SCHEMA_PATH = 'schema/outcome.schema.json';

export function outcomeJsonSchemaText(): string {
  const schema = z.toJSONSchema(outcomeSchemas().outcomeRecordSchema, {
    target: 'draft-07',
    io: 'input',
  });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
