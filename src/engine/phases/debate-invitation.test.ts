// In a debate's rebuttals the floor alternates between the sides, so a seat on the speaker's own
// side cannot speak next: an invitation there asks the side that does, by name. (Before, the
// directive asked "the others", and a seat that asked its own side went unanswered: the floor
// went to the other side by the alternation.)
import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../discussion.js';
import type { ModelRequest } from '../model.js';
import type { Participant, Table } from '../table.js';
import { collect, FakeModel, ofType, type Script } from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../test-utils/fixture.js';

const sided = (sides: readonly string[]): Table => ({
  ...fixtureTable,
  participants: fixtureTable.participants.map((p, k): Participant => ({ ...p, side: sides[k] })),
});

const guidanceOf = (request: ModelRequest) => request.messages.at(-1)?.content ?? '';
const INVITE =
  /^Invite the (?:others'|other side's) opinions?: ask (.+), by name, what they think\.$/mu;

/** The names an invitation line asks, as it lists them ("one or more of them (A, B)" or "A"). */
const invited = (request: ModelRequest): string[] | undefined => {
  const asked = INVITE.exec(guidanceOf(request))?.[1];
  if (asked === undefined) return undefined;
  const listed = /\((.+)\)$/u.exec(asked)?.[1] ?? asked;
  return listed.split(', ');
};

/** Asks the first seat the invitation names, as a model following the line would; else names nobody. */
const follows: Script = (request) => {
  const names = invited(request);
  if (request.purpose === 'summary') return `${request.speaker} weighs it up.`;
  return names === undefined || names[0] === 'one or more of them'
    ? `${request.speaker} makes a point.`
    : `${request.speaker} makes a point. What do you think, ${names[0]}?`;
};

describe("a debate's invitation", () => {
  it.each([
    ['two sides and a judge', ['for', 'against', 'for', 'judge']],
    ['three sides', ['for', 'against', 'neutral', 'for']],
  ])('asks the side that speaks next, by name, who answers (%s)', async (_, sides) => {
    const table = sided(sides);
    const sideOf = (name: string) => table.participants.find((p) => p.name === name)?.side;
    // The sides in the order they take the floor (the judge gives the verdict only).
    const order = [...new Set(sides.filter((side) => side !== 'judge'))];
    for (const seed of [1, 2, 3, 4]) {
      const fake = new FakeModel(follows);
      const settings = fixtureSettings({ format: 'debate', turns: 8, askOpinionEvery: 1, seed });
      const events = await collect(runDiscussion({ table, settings, model: fake.model }));
      const rebuttals = ofType(events, 'turn-started').filter((e) => e.phase === 1);
      const asked = fake.requests.filter((r) => r.purpose === 'turn' && invited(r) !== undefined);
      // Every rebuttal but the last is told to invite (the last is held back: nobody answers).
      expect(asked, `seed ${seed}`).toHaveLength(rebuttals.length - 1);
      for (const request of asked) {
        const names = invited(request) ?? [];
        const own = sideOf(request.speaker);
        const next = order[(order.indexOf(own ?? '') + 1) % order.length];
        expect(names.map(sideOf), `seed ${seed}, ${request.speaker}`).toEqual(
          names.map(() => next),
        );
        // The whole side, officials aside.
        expect(names).toEqual(table.participants.filter((p) => p.side === next).map((p) => p.name));
      }
      // So the seat asked is the seat that answers.
      expect(rebuttals.slice(1).map((e) => e.reason)).toEqual(
        Array(rebuttals.length - 1).fill('mention'),
      );
    }
  });

  it('asks the others, unnamed, when the floor does not alternate', async () => {
    const fake = new FakeModel(follows);
    const settings = fixtureSettings({ turns: 4, askOpinionEvery: 1, summary: false });
    await collect(
      runDiscussion({
        table: sided(['for', 'against', 'for', 'against']),
        settings,
        model: fake.model,
      }),
    );
    const lines = fake.requests.map((r) => INVITE.exec(guidanceOf(r))?.[0]);
    expect(lines.slice(0, 3)).toEqual(
      Array(3).fill(
        "Invite the others' opinions: ask one or more of them, by name, what they think.",
      ),
    );
  });
});
