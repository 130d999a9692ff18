import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from './schemas.js';
import { validate, validateChat } from './validate.js';

/** What a check makes of a body: the value, or the error it throws (as OpenAI's body). */
function outcome(check: () => unknown): { value: unknown } | { error: unknown } {
  try {
    return { value: check() };
  } catch (error) {
    return { error: (error as { toBody(): unknown }).toBody() };
  }
}

const anyValue = fc.oneof(
  fc.constantFrom(null, undefined, '', 'x', true, 0, -0, 1, 2, 2.5, -1, 1e6, 1e6 + 1, 2 ** 53),
  fc.jsonValue(),
);
/** Mostly what roundtable sends, with every field now and then at or past its bounds. */
const message = fc.record(
  {
    role: fc.oneof(
      {
        weight: 30,
        arbitrary: fc.constantFrom('system', 'user', 'assistant', 'tool', 'developer'),
      },
      { weight: 1, arbitrary: anyValue },
    ),
    content: fc.oneof(
      { weight: 30, arbitrary: fc.string() },
      { weight: 1, arbitrary: anyValue },
      { weight: 1, arbitrary: fc.array(fc.record({ type: fc.constant('text') })) },
    ),
    name: fc.oneof({ weight: 12, arbitrary: fc.string() }, { weight: 1, arbitrary: anyValue }),
  },
  { requiredKeys: ['role', 'content'] },
);
/** Now and then a field the plain layout does not have (the schema judges those). */
const withExtra = <T extends object>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 12, arbitrary },
    {
      weight: 1,
      arbitrary: fc.tuple(arbitrary, anyValue).map(([value, extra]) => ({ ...value, extra })),
    },
  );
/** Mostly a valid value, now and then one at, past or outside its bounds. */
const mostly = <T>(valid: fc.Arbitrary<T>, edges: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 1, arbitrary: edges },
    { weight: 1, arbitrary: anyValue },
  );
const bounded = (low: number, high: number) =>
  mostly(
    fc.double({ min: low, max: high, noNaN: true }),
    fc.constantFrom(null, low, high, low - 1e-9, high + 1e-9, -0, low + 0.5),
  );
const body = fc.record(
  {
    model: mostly(fc.constant('markov'), fc.constant('')),
    messages: mostly(fc.array(withExtra(message), { minLength: 1, maxLength: 4 }), fc.constant([])),
    stream: mostly(fc.boolean(), fc.constant(null)),
    temperature: bounded(0, 2),
    top_p: bounded(0, 1),
    max_tokens: mostly(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.constantFrom(0, 1_000_001, 1.5, null),
    ),
    seed: mostly(fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 53), 0.5, null)),
  },
  { requiredKeys: [] },
);

describe('validateChat', () => {
  it('gives what the schema gives, value or 400, for any body', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 8, arbitrary: withExtra(body) }, anyValue), (value) => {
        const mine = outcome(() => validateChat(value));
        expect(mine).toEqual(outcome(() => validate(chatRequestSchema(), value)));
        if ('value' in mine && mine.value === value) taken++;
      }),
      { numRuns: 5000 },
    );
    // The fast way was tried, not only the schema's.
    expect(taken).toBeGreaterThan(200);
  });

  it('takes a plain body as it is (no copy), and leaves anything else to the schema', () => {
    const plain = {
      model: 'markov',
      messages: [
        { role: 'system', content: 'You are Ada.' },
        { role: 'user', content: 'Moderator: Go on.', name: 'mod' },
      ],
      temperature: 0.8,
      max_tokens: 400,
      stream: false,
    };
    expect(validateChat(plain)).toBe(plain);
    const formatted = { ...plain, response_format: { type: 'json_object' } };
    expect(validateChat(formatted)).not.toBe(formatted);
    expect(validateChat(formatted)).toEqual(formatted);
  });
});

describe('validateChat on a conversation’s next body', () => {
  /** A message as the body memo hands it over: frozen, or as a plain object now and then. */
  const maybeFrozen = fc
    .tuple(withExtra(message), fc.boolean())
    .map(([value, frozen]) => (frozen ? Object.freeze(value) : value));
  const system = Object.freeze({ role: 'system', content: 'You are Ada.' });

  it('gives what the schema gives when a body repeats the last one’s messages and adds some', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(6), fc.array(maybeFrozen, { maxLength: 3 }), fc.nat(8)), {
          minLength: 1,
          maxLength: 8,
        }),
        (steps) => {
          let messages: unknown[] = [system];
          for (const [keep, added, change] of steps) {
            // The last body's first messages (the same objects), then new ones.
            messages = [...messages.slice(0, Math.max(1, messages.length - keep)), ...added];
            const value = { model: 'markov', messages };
            expect(outcome(() => validateChat(value))).toEqual(
              outcome(() => validate(chatRequestSchema(), value)),
            );
            // The same array sent again with a message changed in it.
            if (change < messages.length) {
              messages[change] = { role: 'user', content: 1 };
              expect(outcome(() => validateChat(value))).toEqual(
                outcome(() => validate(chatRequestSchema(), value)),
              );
              messages = [...messages];
              messages[change] = Object.freeze({ role: 'user', content: 'again' });
            }
            // A message not frozen, changed in place, then sent again in a new array.
            const open = messages.find((m) => !Object.isFrozen(m)) as { content?: unknown };
            if (open !== undefined) {
              open.content = 1;
              messages = [...messages];
              const again = { model: 'markov', messages };
              expect(outcome(() => validateChat(again))).toEqual(
                outcome(() => validate(chatRequestSchema(), again)),
              );
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
