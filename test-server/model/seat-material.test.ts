import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readChat } from './read-request.js';
import { seatMaterial } from './seat-material.js';

const request = JSON.parse(
  readFileSync(new URL('../fixtures/turn5-request.json', import.meta.url), 'utf8'),
) as { messages: { role: string; content: string }[] };

describe('a seat’s table words', () => {
  it('are its context’s and the topics asked for, whatever topics it was asked for before', () => {
    const seat = seatMaterial(
      readChat(request.messages.map((m) => ({ role: m.role, text: m.content }))),
    );
    const bridges = seat.tableWords(['Should we repair the bridges?']);
    expect(bridges.has('bridges')).toBe(true);
    // As many topics, other words: another conversation's request at this seat.
    const ferries = seat.tableWords(['Should we run the ferries?']);
    expect(ferries.has('ferries')).toBe(true);
    expect(ferries.has('bridges')).toBe(false);
    expect(seat.tableWords(['Should we repair the bridges?'])).toEqual(bridges);
  });
});
