import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaInstance } from './schema-instance.js';

describe('schemaInstance', () => {
  it('builds an answer that the schema’s own validator accepts', () => {
    const positions = z.object({
      positions: z
        .array(
          z.object({
            question: z.int().min(1),
            position: z.string().min(1),
            choice: z.enum(['trains', 'trail']).optional(),
            confidence: z.number().min(0).max(1),
            changedMind: z.boolean(),
            ranking: z.array(z.string()).min(2),
            note: z.string().nullable(),
          }),
        )
        .min(1),
      kind: z.literal('closing'),
    });
    const schema = z.toJSONSchema(positions) as Record<string, unknown>;
    const answer = schemaInstance(schema, () => 'text');
    expect(positions.safeParse(answer).success).toBe(true);
  });

  it('follows $ref into definitions and cuts strings to maxLength', () => {
    const schema = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/name' } },
      required: ['a'],
      $defs: { name: { type: 'string', maxLength: 3 } },
    };
    expect(schemaInstance(schema, (max) => 'x'.repeat(max ?? 10))).toEqual({ a: 'xxx' });
  });
});
