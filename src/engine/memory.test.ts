// A seat's memory of earlier runs: the session finds the notes, the engine announces each as an
// event and puts it in that seat's system message only; a resumed run remembers what it was given.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent, SeatMemory } from './events.js';
import { FakeModel } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';

const memory: SeatMemory = {
  seat: 2,
  note: '- On “Should the line reopen?” (2026-11-01): you said last: “Trams, not parks.”.',
  sources: [
    {
      runId: 'abc123def456',
      title: 'Should the line reopen?',
      startedAt: '2026-11-01T10:00:00.000Z',
      kinds: ['turn'],
    },
  ],
};

async function run(options: {
  memories?: readonly SeatMemory[];
  resume?: readonly DiscussionEvent[];
  turns?: number;
}) {
  const fake = new FakeModel(() => 'A short reply.');
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table: fixtureTable,
    settings: fixtureSettings({ turns: options.turns ?? 4, summary: false }),
    model: fake.model,
    memories: options.memories,
    resume: options.resume === undefined ? undefined : { events: options.resume },
  })) {
    events.push(event);
  }
  return { events, requests: fake.requests };
}

const systemOf = (requests: FakeModel['requests'], seat: number) =>
  requests.find((r) => r.seat === seat && r.purpose === 'turn')?.messages[0]?.content ?? '';

describe('seat memory in the engine', () => {
  it('announces the note after discussion-started and gives it to that seat alone', async () => {
    const { events, requests } = await run({ memories: [memory] });
    const speaker = fixtureTable.participants.find((p) => p.seat === 2)?.name;
    expect(events[1]).toEqual({ type: 'seat-memory', speaker, ...memory });
    expect(events.filter((e) => e.type === 'seat-memory')).toHaveLength(1);
    expect(systemOf(requests, 2)).toContain('Your memory of earlier discussions');
    expect(systemOf(requests, 2)).toContain('Trams, not parks.');
    for (const seat of [1, 3]) expect(systemOf(requests, seat)).not.toContain('Trams, not parks.');
  });

  it('leaves out notes for seats that are not at the table, and empty notes', async () => {
    const { events } = await run({
      memories: [
        { ...memory, seat: 9 },
        { ...memory, seat: 1, note: '  ' },
      ],
    });
    expect(events.some((e) => e.type === 'seat-memory')).toBe(false);
  });

  it('a resumed run keeps the memory it recorded, whatever it is given now', async () => {
    const first = await run({ memories: [memory], turns: 10 });
    const cut = first.events.findIndex((e) => e.type === 'turn-ended' && e.turn === 1);
    const recorded = first.events.slice(0, cut + 1).filter((e) => e.type !== 'text-delta');
    const resumed = await run({
      memories: [{ ...memory, note: 'Something else entirely.' }],
      resume: recorded,
      turns: 10,
    });
    // Not announced twice; the seat still hears its recorded note.
    expect(resumed.events.some((e) => e.type === 'seat-memory')).toBe(false);
    expect(systemOf(resumed.requests, 2)).toContain('Trams, not parks.');
    expect(systemOf(resumed.requests, 2)).not.toContain('Something else');
  });
});
