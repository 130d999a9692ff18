// The JSON a seat is asked for when it states its positions, as a JSON Schema for
// `response_format` (json_schema, strict); position-prompts.ts says the same in words.
import type { VoteMethod } from './ballots.js';
import { MAX_SCORE } from './ballots.js';
import { answerKey, type QuestionRef } from './positions.js';

const VOTE_FIELD = { ranked: 'ranking', approval: 'approved', score: 'scores' } as const;

function hasOptions(questions: readonly QuestionRef[]): boolean {
  return questions.some((q) => q.options.length > 0);
}

/** The vote field of a question with options, in a schema: what each vote method asks for. */
function voteFieldSchema(options: readonly string[], vote: VoteMethod): Record<string, unknown> {
  const option = { type: 'string', enum: [...options] };
  if (vote === 'score') {
    return {
      type: 'array',
      description: `A score from 0 to ${MAX_SCORE} for each option.`,
      items: {
        type: 'object',
        properties: { option, score: { type: 'number' } },
        required: ['option', 'score'],
        additionalProperties: false,
      },
    };
  }
  return {
    type: 'array',
    description:
      vote === 'ranked'
        ? 'All the options, best first (your position first).'
        : 'Every option you could accept (your position among them).',
    items: option,
  };
}

/** One question's answer; for a question with options, its options are the only positions. */
function itemSchema(
  question: QuestionRef,
  vote: VoteMethod,
  withVote: boolean,
): Record<string, unknown> {
  const choosing = question.options.length > 0;
  const properties: Record<string, unknown> = {
    position: choosing
      ? {
          type: 'string',
          enum: [...question.options],
          description: 'Your final position: exactly one of the options.',
        }
      : { type: 'string', description: 'Your final position, in a sentence of your own.' },
    confidence: {
      type: 'number',
      description: 'How sure you are, from 0 (not at all) to 1 (completely).',
    },
    changedMind: {
      type: 'boolean',
      description: 'True if the discussion changed your position.',
    },
    because: { type: 'string', description: 'Why, in one or two sentences.' },
  };
  if (withVote) {
    properties[VOTE_FIELD[vote]] = choosing
      ? voteFieldSchema(question.options, vote)
      : { type: 'null', description: 'null: this question lists no options.' };
  }
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/**
 * The JSON Schema sent as `response_format` (json_schema, strict): one property per question,
 * keyed `q1`, `q2`… (so each gets exactly one answer), its options the only positions, every
 * property required and no others, nulls where a field does not apply, as OpenAI's strict mode
 * demands.
 */
export function positionsJsonSchema(
  questions: readonly QuestionRef[],
  vote: VoteMethod,
): Record<string, unknown> {
  const withVote = hasOptions(questions);
  const properties = Object.fromEntries(
    questions.map((q, i) => [
      answerKey(i),
      { ...itemSchema(q, vote, withVote), description: q.text },
    ]),
  );
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}
