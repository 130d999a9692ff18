import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { forgetSecrets, hidingKeys, redactKnownSecrets, rememberSecret } from './known-secrets.js';

const KEY = 'sk-proj-Zx81qLm0vT4';

afterEach(forgetSecrets);

/** What a screen shows of each turn: its streamed pieces joined, and every other event. */
function screenOf(events: readonly DiscussionEvent[]) {
  const seen: DiscussionEvent[] = [];
  const consume = hidingKeys((event) => seen.push(event));
  for (const event of events) consume(event);
  const streamed = new Map<number, string>();
  for (const event of seen) {
    if (event.type === 'text-delta') {
      streamed.set(event.turn, (streamed.get(event.turn) ?? '') + event.text);
    }
  }
  return { seen, streamed };
}

const delta = (turn: number, text: string): DiscussionEvent => ({ type: 'text-delta', turn, text });
const ended = (turn: number, text: string): DiscussionEvent =>
  ({
    type: 'turn-ended',
    turn,
    seat: 1,
    speaker: 'Ann',
    text,
    status: 'complete',
    usage: { promptTokens: 1, completionTokens: 1, estimated: true },
  }) as DiscussionEvent;

/** `text` cut at the given places. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of [...points, text.length]) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  return pieces.filter((piece) => piece !== '');
}

describe('hidingKeys', () => {
  it('hides a key a reply streams across pieces, one character at a time', () => {
    rememberSecret(KEY);
    const reply = `Your key is ${KEY}, mine is ${KEY}.`;
    const { streamed, seen } = screenOf([...[...reply].map((c) => delta(3, c)), ended(3, reply)]);
    expect(streamed.get(3)).toBe('Your key is [redacted], mine is [redacted].');
    expect(seen.at(-1)).toMatchObject({ type: 'turn-ended', text: streamed.get(3) });
  });

  it('shows the start of a key that never comes, once the turn moves on', () => {
    rememberSecret(KEY);
    const { streamed, seen } = screenOf([delta(1, 'I said sk-pro'), ended(1, 'I said sk-pro')]);
    expect(streamed.get(1)).toBe('I said sk-pro');
    // Held back until the end of the turn, and shown before it.
    expect(seen.map((e) => e.type)).toEqual(['text-delta', 'text-delta', 'turn-ended']);
  });

  it('keeps replies streaming at once apart', () => {
    rememberSecret(KEY);
    const events = [
      delta(4, 'A: sk-proj-'),
      delta(5, 'B: sk-'),
      delta(4, 'Zx81qLm0vT4 done'),
      delta(5, 'proj-Zx81'),
      ended(4, 'A'),
      delta(5, 'qLm0vT4!'),
      ended(5, 'B'),
    ];
    const { streamed } = screenOf(events);
    expect(streamed.get(4)).toBe('A: [redacted] done');
    expect(streamed.get(5)).toBe('B: [redacted]!');
  });

  it('passes a stream without keys through unchanged', () => {
    const events = [delta(1, 'sk-proj-Zx81qLm0vT4'), ended(1, 'x')];
    expect(screenOf(events).seen).toEqual(events);
  });

  it('shows any reply, cut anywhere, as the whole reply with its keys hidden', () => {
    rememberSecret(KEY);
    rememberSecret('k"ey\\with-quotes');
    const reply = fc.array(
      fc.oneof(
        fc.constantFrom(KEY, 'sk-', 'sk-proj-Zx8', 'k\\"ey\\\\with-quotes', 'k"ey\\with'),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(reply, fc.array(fc.nat(), { maxLength: 20 }), (parts, at) => {
        const text = parts.join('');
        const { streamed } = screenOf([...cut(text, at).map((p) => delta(2, p)), ended(2, text)]);
        expect(streamed.get(2) ?? '').toBe(redactKnownSecrets(text));
      }),
      { numRuns: 500 },
    );
  });
});
