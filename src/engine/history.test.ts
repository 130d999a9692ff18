import { describe, expect, it } from 'vitest';
import {
  ConversationLog,
  entryMessage,
  type HistoryEntry,
  mergeMessages,
  seatConversation,
} from './history.js';
import { createRandom } from './random.js';

describe('entryMessage', () => {
  it('gives a seat its own turns as assistant and the rest as tagged user messages', () => {
    const turn: HistoryEntry = { kind: 'turn', seat: 2, speaker: 'Bob', text: 'Hi.' };
    expect(entryMessage(turn, 2)).toEqual({ role: 'assistant', content: 'Hi.' });
    expect(entryMessage(turn, 1)).toEqual({ role: 'user', content: 'Bob: Hi.' });
    expect(entryMessage({ kind: 'moderator', text: 'Topic?' }, 1)).toEqual({
      role: 'user',
      content: 'Moderator: Topic?',
    });
  });
});

describe('mergeMessages', () => {
  it('joins consecutive messages of one role with a blank line', () => {
    expect(
      mergeMessages([
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: 'c' },
        { role: 'assistant', content: 'd' },
        { role: 'user', content: 'e' },
      ]),
    ).toEqual([
      { role: 'user', content: 'a\n\nb' },
      { role: 'assistant', content: 'c\n\nd' },
      { role: 'user', content: 'e' },
    ]);
  });
});

describe('ConversationLog', () => {
  it('keeps every seat’s view equal to the view derived from scratch', () => {
    const random = createRandom(77);
    const seats = [1, 2, 3, 4];
    const log = new ConversationLog(seats);
    for (let i = 0; i < 300; i++) {
      const seat = random.pick(seats);
      log.append(
        random.chance(0.1)
          ? { kind: 'moderator', text: `note ${i}` }
          : { kind: 'turn', seat, speaker: `S${seat}`, text: `reply ${i}` },
      );
      if (i % 37 === 0 || i === 299) {
        for (const s of seats)
          expect(log.conversation(s)).toEqual(seatConversation(log.entries, s));
      }
    }
  });

  it('does not change messages already handed out when the last one grows', () => {
    const log = new ConversationLog([1, 2]);
    log.append({ kind: 'turn', seat: 2, speaker: 'Bob', text: 'one' });
    const snapshot = [...log.conversation(1)];
    log.append({ kind: 'turn', seat: 2, speaker: 'Bob', text: 'two' });
    expect(snapshot).toEqual([{ role: 'user', content: 'Bob: one' }]);
    expect(log.conversation(1)).toEqual([{ role: 'user', content: 'Bob: one\n\nBob: two' }]);
  });

  it('refuses a seat it does not know', () => {
    expect(() => new ConversationLog([1]).conversation(9)).toThrow(RangeError);
  });
});
