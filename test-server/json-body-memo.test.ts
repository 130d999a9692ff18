import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBodyMemo, MEMO_FROM, SHORT_ELEMENT } from './json-body-memo.js';

const message = fc.record({
  role: fc.constantFrom('system', 'user', 'assistant'),
  content: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ minLength: 64 })),
});

describe('JsonBodyMemo', () => {
  it('parses as JSON.parse does, however bodies repeat messages, and shares repeated ones', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), { maxLength: 8 }),
        fc.constantFrom(0, 200, 1_000_000),
        (pool, requests, limit) => {
          const memo = new JsonBodyMemo(limit);
          const seen = new Map<string, unknown>();
          for (const [r, picks] of requests.entries()) {
            // A message of its own opens each body, so that none is taken as a seat's last body
            // plus a tail: such a tail is not remembered by its bytes (see JsonBodyMemo's
            // `remembering`), and a message first met there is parsed again when it comes back
            // in another body (the next property covers resuming).
            const opening = { role: 'system', content: `Request ${r}.` };
            const messages = [opening, ...picks.map((pick) => pool[pick % pool.length])];
            // Long enough to be read message by message.
            const pad = 'x'.repeat(MEMO_FROM);
            const text = JSON.stringify({ model: 'm', messages, temperature: 0.5, pad });
            const parsed = memo.parse(Buffer.from(text)) as { messages: unknown[] };
            expect(parsed).toEqual(JSON.parse(text));
            for (const [i, value] of parsed.messages.entries()) {
              const bytes = JSON.stringify(messages[i]);
              if (Buffer.byteLength(bytes) < SHORT_ELEMENT) continue;
              expect(Object.isFrozen(value)).toBe(true);
              // Remembered (in a roomy memo): the same object again.
              if (limit === 1_000_000 && seen.has(bytes)) expect(value).toBe(seen.get(bytes));
              seen.set(bytes, value);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes a seat's next body as its last one plus a tail: the same messages, parsed as JSON.parse does", () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 4, maxLength: 30 }),
        fc.array(fc.record({ seat: fc.nat(1), grow: fc.nat(3), edit: fc.nat(40) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom(0, 3_000, 1_000_000),
        (said, steps, limit) => {
          const memo = new JsonBodyMemo(limit);
          const system = ['You are Ines.', 'You are Tomasz.'].map((content) => ({
            role: 'system',
            content: `${content} ${'x'.repeat(MEMO_FROM)}`,
          }));
          const shown = [2, 2];
          const last: ({ messages: unknown[] } | undefined)[] = [undefined, undefined];
          for (const { seat, grow, edit } of steps) {
            shown[seat] = Math.min(said.length, (shown[seat] ?? 2) + grow);
            const messages = [system[seat], ...said.slice(0, shown[seat])];
            // Now and then a message changed before the end: no longer the last body's prefix.
            if (edit < messages.length && edit > 0)
              messages[edit] = { role: 'user', content: `changed ${edit}` };
            const text = JSON.stringify({ model: 'm', messages, temperature: 0.5 });
            const parsed = memo.parse(Buffer.from(text)) as { messages: unknown[] };
            expect(parsed).toEqual(JSON.parse(text));
            // Unchanged messages before the last body's last are that body's own objects, in a
            // roomy memo.
            const before = last[seat];
            if (limit === 1_000_000 && before !== undefined && edit >= messages.length) {
              const kept = before.messages.length - 1;
              const same =
                JSON.stringify(before.messages.slice(0, kept)) ===
                JSON.stringify(parsed.messages.slice(0, kept));
              if (same)
                for (let k = 0; k < kept; k++) expect(parsed.messages[k]).toBe(before.messages[k]);
            }
            last[seat] = parsed;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("remembers no message of a body resumed from its seat's last: the seat's next body takes them from it", () => {
    const memo = new JsonBodyMemo(1_000_000);
    const turn = (k: number) => ({
      role: k % 2 === 0 ? 'user' : 'assistant',
      // Told apart by their last bytes (see keyOf).
      content: `${'the viaduct and the tram line '.repeat(8)}(turn ${k})`,
    });
    const system = { role: 'system', content: `You are Ines. ${'x'.repeat(MEMO_FROM)}` };
    const body = (head: object, turns: number) =>
      Buffer.from(
        JSON.stringify({
          model: 'm',
          messages: [head, ...Array.from({ length: turns }, (_, k) => turn(k))],
        }),
      );
    memo.parse(body(system, 2));
    const first = memo.messageBytes;
    expect(first).toBeGreaterThan(0);
    let last: { messages: unknown[] } | undefined;
    for (let turns = 3; turns <= 60; turns++) {
      const text = body(system, turns);
      const parsed = memo.parse(text) as { messages: unknown[] };
      expect(parsed).toEqual(JSON.parse(text.toString()));
      // Taken from the last body (all but its last message): the same objects.
      if (last !== undefined) expect(parsed.messages[turns - 2]).toBe(last.messages[turns - 2]);
      last = parsed;
    }
    expect(memo.messageBytes).toBe(first);
    // Another seat's first body is read message by message, and its messages remembered: the
    // same bytes come back as the same objects.
    const other = { role: 'system', content: `You are Tomasz. ${'x'.repeat(MEMO_FROM)}` };
    const once = memo.parse(body(other, 10)) as { messages: unknown[] };
    expect(memo.messageBytes).toBeGreaterThan(first);
    const again = memo.parse(body({ role: 'system', content: 'You are Margit.' }, 10)) as {
      messages: unknown[];
    };
    expect(again.messages[9]).toBe(once.messages[9]);
  });

  it('tells apart messages whose fingerprints agree, by their bytes', () => {
    const memo = new JsonBodyMemo(1_000_000);
    const long = 'a'.repeat(10_000);
    // Byte 5,001 of the text is not among those fingerprinted (about one in 200 is).
    const other = `${long.slice(0, 5001)}b${long.slice(5002)}`;
    const body = (text: string) =>
      Buffer.from(
        JSON.stringify({ model: 'm', messages: [{ role: 'user', content: text }], n: 1 }),
      );
    const first = memo.parse(body(long)) as { messages: { content: string }[] };
    const second = memo.parse(body(other)) as { messages: { content: string }[] };
    expect(first.messages[0]?.content).toBe(long);
    expect(second.messages[0]?.content).toBe(other);
    expect((memo.parse(body(long)) as typeof first).messages[0]?.content).toBe(long);
  });

  it('refuses what JSON.parse refuses, with its message', () => {
    const memo = new JsonBodyMemo(1_000_000);
    const good = JSON.stringify({
      model: 'm',
      messages: [{ role: 'user', content: 'x'.repeat(2000) }],
    });
    memo.parse(Buffer.from(good));
    const bad = `${good.slice(0, -1)},}`;
    expect(() => memo.parse(Buffer.from(bad))).toThrow(
      (() => {
        try {
          JSON.parse(bad);
        } catch (error) {
          return (error as Error).message;
        }
        return 'unreachable';
      })(),
    );
  });
});
