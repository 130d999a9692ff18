// The repetition guard: word 3-gram overlap, the turn a reply repeats, and what a repeat does
// (flagged, or withdrawn and asked again).
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../events.js';
import type { EngineSettings, Table } from '../table.js';
import { lastUserMessage, ofType, type Script } from '../test-utils/fake-model.js';
import { numberedTable } from '../test-utils/fixture.js';
import { runScripted } from '../test-utils/scripted-run.js';
import { findRepeat, shingles, similarity } from './repetition.js';

const run = (settings: Partial<EngineSettings>, script: Script, table: Table) =>
  runScripted({ settings, script, table });

describe('repetition', () => {
  it('scores the word 3-grams two replies share, of all they have', () => {
    const a = shingles('The tram pays back over thirty years, as I said before.');
    const b = shingles('As I said, the tram pays back over thirty years, as I said before.');
    // 9 shared of 11 in all.
    expect(similarity(a, b)).toBeCloseTo(9 / 11, 5);
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, shingles('Parks need money for upkeep every single year.'))).toBe(0);
  });

  it('finds the earlier turn a reply repeats, among the last ten', () => {
    const entries = [
      {
        kind: 'turn' as const,
        seat: 1,
        speaker: 'A',
        text: 'Trams cost the most up front and pay back over thirty years.',
        turn: 3,
      },
      { kind: 'moderator' as const, text: 'New topic: money.' },
      {
        kind: 'turn' as const,
        seat: 2,
        speaker: 'B',
        text: 'Parks fail without money for upkeep.',
        turn: 4,
      },
    ];
    expect(
      findRepeat(
        'As I said: trams cost the most up front and pay back over thirty years.',
        entries,
        0.6,
      ),
    ).toEqual({ of: 3, similarity: 0.769 });
    expect(
      findRepeat('Housing above the stops would let the land value pay.', entries, 0.6),
    ).toBeUndefined();
    expect(findRepeat('Agreed.', entries, 0.6)).toBeUndefined();
  });

  const echo: Script = (r, call) => {
    const own = r.messages.filter((m) => m.role === 'assistant').at(-1)?.content;
    if (own !== undefined && call % 3 === 0) return `As I said, ${own}`;
    return `${r.speaker} makes point number ${call} about the ${['tram', 'park', 'levy', 'bridge'][call % 4]} and its cost in year ${call * 7}.`;
  };

  it('marks a repeat and asks the seat for a new point next time', async () => {
    const { events, fake } = await run(
      { speakerPolicy: 'fair', turns: 20, summary: false },
      echo,
      numberedTable(3),
    );
    const repeats = ofType(events, 'turn-ended').filter((e) => e.repeat !== undefined);
    expect(repeats.length).toBeGreaterThan(2);
    const marked = repeats[0] as EventOf<'turn-ended'>;
    const next = fake.requests.find(
      (r, k) =>
        k >
          fake.requests.findIndex(
            (q) =>
              q.speaker === marked.speaker &&
              lastUserMessage(q).includes(`turn ${marked.turn - 0}`),
          ) && r.speaker === marked.speaker,
    );
    expect(next === undefined ? '' : lastUserMessage(next)).toContain(
      'Your last reply repeated an earlier turn: make a new point this time.',
    );
  });

  it('with onRepeat regenerate, withdraws the repeat and asks the turn again, once', async () => {
    const { events, fake } = await run(
      { speakerPolicy: 'fair', turns: 12, summary: false, onRepeat: 'regenerate' },
      echo,
      numberedTable(3),
    );
    const discarded = ofType(events, 'reply-discarded');
    expect(discarded.length).toBeGreaterThan(0);
    const first = discarded[0] as EventOf<'reply-discarded'>;
    expect(first.text).toMatch(/^As I said/u);
    const again = fake.requests.filter((r) =>
      lastUserMessage(r).includes(`That nearly repeated turn ${first.repeat.of}`),
    );
    expect(again.length).toBeGreaterThan(0);
    const ended = ofType(events, 'turn-ended').find((e) => e.turn === first.turn);
    expect(ended?.text).not.toBe(first.text);
    const total = ofType(events, 'discussion-ended')[0]?.usage.promptTokens ?? 0;
    const counted =
      ofType(events, 'turn-ended').reduce((n, e) => n + e.usage.promptTokens, 0) +
      discarded.reduce((n, e) => n + e.usage.promptTokens, 0);
    expect(total).toBe(counted);
  });
});
