// The invitation to ask the others' opinions is given only when a discussion turn follows to
// answer it. On the last discussion turn (before a closing round, the summary or the end) it is
// drawn as before, held back, and the turn's start says so: the seeded draws keep their order.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent, EventOf } from './events.js';
import type { ModelRequest } from './model.js';
import type { EngineSettings, Table } from './table.js';
import { collect, FakeModel, lastUserMessage, type Script } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { plainReply, turnsOf } from './test-utils/scripted-run.js';

const INVITE = "Invite the others' opinions";
const HELD = { decision: 'invite-opinions', reason: 'last-turn' } as const;

async function run(
  settings: Partial<EngineSettings>,
  script: Script = plainReply,
  table: Table = fixtureTable,
): Promise<{ events: DiscussionEvent[]; requests: ModelRequest[] }> {
  const fake = new FakeModel(script);
  const events = await collect(
    runDiscussion({ table, settings: fixtureSettings(settings), model: fake.model }),
  );
  return { events, requests: fake.requests };
}

const invites = (e: EventOf<'turn-started'>) => e.directives.includes('invite-opinions');
const heldBack = (e: EventOf<'turn-started'>) =>
  (e.withheld ?? []).some((h) => h.decision === 'invite-opinions');
/** What the turn drew: an invitation given, or one held back. */
const drawn = (e: EventOf<'turn-started'>) => invites(e) || heldBack(e);

/** The free discussion's turns (phase 0), not a closing round's answers. */
const talk = (events: readonly DiscussionEvent[]) => turnsOf(events).filter((e) => e.phase === 0);

/** The discussion turns' guidance, in order (not a closing round's questions). */
const guidanceByTurn = (requests: readonly ModelRequest[]) =>
  requests.map((r) => lastUserMessage(r)).filter((text) => text.includes('the floor is yours'));

describe('the last discussion turn', () => {
  it.each([1, 2, 3, 4])(
    'never invites; every other turn draws as a longer discussion does (seed %i)',
    async (seed) => {
      let held = 0;
      for (const wrapUpTurns of [0, 3]) {
        for (const closing of [false, true]) {
          const base = { seed, wrapUpTurns, closing, askOpinionEvery: 2, topicChangeEvery: 3 };
          const longer = talk((await run({ ...base, turns: 12 })).events);
          for (let turns = 1; turns <= 8; turns++) {
            const { events, requests } = await run({ ...base, turns });
            const started = talk(events);
            const label = `seed ${seed}, ${turns} turns, wrapUpTurns ${wrapUpTurns}, closing ${closing}`;
            expect(started, label).toHaveLength(turns);
            const last = started.at(-1) as EventOf<'turn-started'>;
            expect(invites(last), label).toBe(false);
            expect(guidanceByTurn(requests).at(-1), label).not.toContain(INVITE);
            // The draws are the longer discussion's; only the last one may be held back.
            expect(started.map(drawn), label).toEqual(longer.slice(0, turns).map(invites));
            for (const e of started.slice(0, -1)) expect(heldBack(e), label).toBe(false);
            if (drawn(last)) {
              expect(last.withheld, label).toContainEqual(HELD);
              held += 1;
            }
          }
        }
      }
      // The case under test did come up.
      expect(held).toBeGreaterThan(0);
    },
  );

  it("holds it back on a human seat's last turn too", async () => {
    const table: Table = {
      ...fixtureTable,
      participants: fixtureTable.participants.map((p) =>
        p.name === 'Bob' ? { ...p, human: true } : p,
      ),
    };
    // Everyone hands the floor to Bob, who hands it back to Ann: Bob has every other turn.
    const script: Script = (request) =>
      request.speaker === 'Bob' ? 'I pass it to @Ann.' : `${request.speaker} asks @Bob.`;
    const lastSpeakers = new Set<string>();
    for (let turns = 2; turns <= 5; turns++) {
      const { events } = await run({ turns, askOpinionEvery: 1 }, script, table);
      const started = turnsOf(events);
      lastSpeakers.add(started.at(-1)?.speaker ?? '');
      expect(started.map(invites)).toEqual([...Array(turns - 1).fill(true), false]);
      expect(started.at(-1)?.withheld).toContainEqual(HELD);
    }
    expect(lastSpeakers).toContain('Bob');
  });

  it('in a debate: on the last rebuttal, before the closing statements', async () => {
    const sides = ['for', 'against', 'for', 'judge'];
    const table: Table = {
      ...fixtureTable,
      participants: fixtureTable.participants.map((p, k) => ({ ...p, side: sides[k] })),
    };
    const { events } = await run(
      { format: 'debate', turns: 4, askOpinionEvery: 1 },
      undefined,
      table,
    );
    const rebuttals = turnsOf(events).filter((e) => e.phase === 1);
    expect(rebuttals.map(invites)).toEqual([true, true, true, false]);
    expect(rebuttals.at(-1)?.withheld).toContainEqual(HELD);
  });

  it("keeps it on a phase's last turn when a later discussion phase answers it", async () => {
    const phases = [
      { kind: 'discussion', turns: 2 },
      { kind: 'discussion', turns: 2 },
      { kind: 'summary' },
    ] as const;
    const { events } = await run({ phases, askOpinionEvery: 1 });
    const started = turnsOf(events);
    expect(started.map(invites)).toEqual([true, true, true, false]);
    expect(started.map(heldBack)).toEqual([false, false, false, true]);
  });
});
