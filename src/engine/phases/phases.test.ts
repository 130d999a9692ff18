import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import { FORMATS } from '../formats.js';
import type { ModelRequest } from '../model.js';
import type { EngineSettings, Participant, Table } from '../table.js';
import { collect, FakeModel, ofType, type Script } from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../test-utils/fixture.js';
import type { PhaseSpec } from './spec.js';

const NAMES = ['Ann', 'Bob', 'Cy', 'Dee'];

/** Every reply names the speaker and the call, so a request shows exactly what it heard. */
const marked: Script = (request, call) =>
  request.responseFormat === undefined
    ? `${request.speaker} says #${call}.`
    : JSON.stringify({ evaluation: `${request.speaker} weighs them.`, ranking: ['B', 'A', 'C'] });

async function run(
  settings: Partial<EngineSettings>,
  script: Script = marked,
  table: Table = fixtureTable,
): Promise<{ events: DiscussionEvent[]; fake: FakeModel }> {
  const fake = new FakeModel(script);
  const events = await collect(
    runDiscussion({ table, settings: fixtureSettings(settings), model: fake.model }),
  );
  return { events, fake };
}

const heard = (request: ModelRequest): string =>
  request.messages.map((message) => message.content).join('\n');

describe('the opening', () => {
  it('asks every seat at once, none hearing another’s opening, then everyone hears all of them', async () => {
    const { events, fake } = await run({ phases: [{ kind: 'opening' }, { kind: 'closing' }] });
    const openings = fake.requests.slice(0, 4);
    expect(openings.map((r) => r.speaker)).toEqual(NAMES);
    for (const request of openings) expect(heard(request)).not.toMatch(/says #/u);
    // All four turns start before any of them ends.
    const types = events.map((e) => e.type);
    const firstEnd = types.indexOf('turn-ended');
    expect(ofType(events.slice(0, firstEnd), 'turn-started')).toHaveLength(4);
    expect(ofType(events, 'phase-started')[0]).toMatchObject({
      kind: 'opening',
      parallel: true,
      seats: [1, 2, 3, 4],
    });
    // The closing hears every opening, in seat order.
    const closing = heard(fake.request(4));
    const order = NAMES.map((name) => closing.indexOf(`${name} says`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order.slice(1).every((at, k) => at > (order[k] ?? 0))).toBe(true);
  });

  it('starts the requests together: all are in flight before the first reply ends', async () => {
    let inFlight = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const model = async function* (request: ModelRequest) {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => {
        releases.push(resolve);
        if (releases.length === 4) for (const release of releases) release();
      });
      yield { type: 'text' as const, text: `${request.speaker} opens.` };
      inFlight -= 1;
    };
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ phases: [{ kind: 'opening' }] }),
        model,
      }),
    );
    expect(most).toBe(4);
    expect(ofType(events, 'turn-ended').map((e) => e.status)).toEqual(Array(4).fill('complete'));
  });

  it('keeps each endpoint within its concurrency limit', async () => {
    // Bob talks to endpoint "local", the others to the table's default one.
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    const model = async function* (request: ModelRequest) {
      const key = request.endpoint ?? 'default';
      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      most.set(key, Math.max(most.get(key) ?? 0, inFlight.get(key) ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield { type: 'text' as const, text: `${request.speaker} opens.` };
      inFlight.set(key, (inFlight.get(key) ?? 0) - 1);
    };
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ phases: [{ kind: 'opening' }] }),
        model,
        concurrency: () => 2,
      }),
    );
    expect(Object.fromEntries(most)).toEqual({ default: 2, local: 1 });
    expect(ofType(events, 'turn-ended')).toHaveLength(4);
  });
});

describe('rounds', () => {
  it('each round hears all of the previous round and none of the rounds before it', async () => {
    const { fake, events } = await run({ phases: [{ kind: 'rounds', rounds: 3 }] });
    expect(fake.requests).toHaveLength(12);
    const round = (k: number) => fake.requests.slice(4 * k, 4 * k + 4);
    for (const request of round(0)) expect(heard(request)).not.toMatch(/says #/u);
    for (const request of round(1)) {
      for (const call of [0, 1, 2, 3]) expect(heard(request)).toContain(`says #${call}.`);
    }
    for (const request of round(2)) {
      for (const call of [4, 5, 6, 7]) expect(heard(request)).toContain(`says #${call}.`);
      for (const call of [0, 1, 2, 3]) expect(heard(request)).not.toContain(`says #${call}.`);
    }
    // Its own answer as its own (assistant) turn, the others' as theirs.
    const own = round(1)[0]?.messages.filter((m) => m.role === 'assistant') ?? [];
    expect(own.map((m) => m.content)).toEqual(['Ann says #0.']);
    expect(ofType(events, 'phase-started').map((e) => e.title)).toEqual([
      'Round 1 of 3',
      'Round 2 of 3',
      'Round 3 of 3',
    ]);
  });

  it("addresses the built-in instruction to the seat as one sentence, and a table's own as written", async () => {
    const { fake } = await run({ format: 'rounds', rounds: 2, summary: false });
    const guidance = (request: ModelRequest | undefined) =>
      request?.messages
        .at(-1)
        ?.content.split('\n')
        .find((line) => /^Moderator: (?:Ann|Bob|Cy|Dee),/u.test(line));
    const asked = fake.requests.map(guidance);
    expect(asked.slice(0, 2)).toEqual([
      'Moderator: Ann, give your answer to the topic, with your reasoning.',
      'Moderator: Bob, give your answer to the topic, with your reasoning.',
    ]);
    expect(asked[4]).toMatch(/^Moderator: Ann, above are the answers from the last round\./u);
    const own = await run({
      phases: [{ kind: 'rounds', rounds: 1, prompt: 'Paris first: say what you would fund.' }],
    });
    expect(guidance(own.fake.requests[0])).toMatch(
      /^Moderator: Ann, Paris first: say what you would fund\./u,
    );
  });

  it('takes the number of rounds from the rounds setting', async () => {
    const { fake } = await run({ format: 'rounds', rounds: 3, summary: false });
    expect(fake.requests).toHaveLength(12);
  });
});

describe('the review', () => {
  it('labels the others’ answers A, B, C in an order shuffled per reviewer and names no seat', async () => {
    const { fake, events } = await run({ format: 'council', summary: false, seed: 3 });
    const reviews = fake.requests.slice(4, 8);
    const orders = new Set<string>();
    reviews.forEach((request, k) => {
      const reviewer = NAMES[k] ?? '';
      const text = heard(request);
      for (const name of NAMES.filter((n) => n !== reviewer)) expect(text).not.toContain(name);
      expect(text).toMatch(/Response A:[\s\S]*Response B:[\s\S]*Response C:/u);
      expect(text).not.toContain('Response D');
      // The reviewer's own answer is not among them: it comes before them, as its own.
      const labelled = text.slice(text.indexOf('Response A:'));
      expect(labelled).not.toContain(`says #${k}.`);
      expect(text).toMatch(new RegExp(`Your own answer:\\n[^\\n]* says #${k}\\.`, 'u'));
      expect(request.responseFormat?.type).toBe('json_schema');
      orders.add(
        [...text.matchAll(/Response [A-C]:\n[^\n]* says #(\d)/gu)].map((m) => m[1]).join(''),
      );
    });
    // Shuffled: not every reviewer sees the answers in seat order.
    expect(orders.size).toBeGreaterThan(1);
    const review = ofType(events, 'review')[0];
    // Ranking B, A, C maps back to the seats behind those labels.
    const byLabel = new Map(review?.labels.map((l) => [l.label, l.seat]));
    expect(review?.ranking).toEqual(['B', 'A', 'C'].map((label) => byLabel.get(label)));
    const tally = ofType(events, 'review-tally')[0];
    expect(tally?.ranking).toHaveLength(4);
    expect(tally?.ranking.every((r) => r.reviews === 3)).toBe(true);
  });

  it('lets the best-reviewed seat synthesize when there is no chair, hearing the tally', async () => {
    const { fake, events } = await run({ format: 'council' });
    const synthesis = fake.requests.at(-1);
    expect(synthesis?.purpose).toBe('summary');
    const best = ofType(events, 'review-tally')[0]?.ranking[0];
    expect(synthesis?.speaker).toBe(best?.speaker);
    expect(heard(synthesis as ModelRequest)).toContain('Peer review, best ranked first');
    expect(heard(synthesis as ModelRequest)).toContain('As the chair, synthesize');
  });
});

const sided = (sides: readonly (string | undefined)[]): Table => ({
  ...fixtureTable,
  participants: fixtureTable.participants.map((p, k): Participant => ({ ...p, side: sides[k] })),
});

describe('the debate', () => {
  it('alternates the sides in the rebuttals; the judge only gives the verdict', async () => {
    const table = sided(['for', 'against', 'for', 'judge']);
    const { events, fake } = await run({ format: 'debate', turns: 6 }, marked, table);
    const started = ofType(events, 'phase-started');
    expect(started.map((e) => e.kind)).toEqual(['opening', 'discussion', 'closing', 'summary']);
    expect(started[0]?.seats).toEqual([1, 2, 3]);
    const rebuttals = ofType(events, 'turn-started').filter((e) => e.phase === 1);
    expect(rebuttals).toHaveLength(6);
    const sideOf = (seat: number) => table.participants.find((p) => p.seat === seat)?.side;
    const sides = rebuttals.map((e) => sideOf(e.seat));
    expect(sides).toEqual(['for', 'against', 'for', 'against', 'for', 'against']);
    const speakers = fake.requests.map((r) => r.speaker);
    expect(speakers.filter((s) => s === 'Dee')).toHaveLength(1);
    expect(fake.requests.at(-1)).toMatchObject({ speaker: 'Dee', purpose: 'summary' });
    expect(heard(fake.requests.at(-1) as ModelRequest)).toContain('As the judge');
    expect(fake.requests[0]?.messages[0]?.content).toContain('Your side: for.');
  });

  it('closes with the table’s summary, not a verdict, when there is no judge', async () => {
    const { events, fake } = await run(
      { format: 'debate', turns: 2 },
      marked,
      sided(['for', 'against', 'for', 'against']),
    );
    const summary = fake.requests.at(-1) as ModelRequest;
    expect(summary.purpose).toBe('summary');
    // A debater asked "which side made the stronger case" would judge its own side.
    expect(heard(summary)).toContain(fixtureTable.task.summarize);
    expect(heard(summary)).not.toContain('As the judge');
    expect(ofType(events, 'phase-started').at(-1)).toMatchObject({
      kind: 'summary',
      title: 'Summary',
    });
    expect(ofType(events, 'turn-started').at(-1)).toMatchObject({
      kind: 'summary',
      reason: 'moderator',
      why: expect.stringMatching(/^no judge: the summary, by the seat heard most(; .*)?$/),
    });
  });

  it('titles the judge’s summary "Verdict"', async () => {
    const table = sided(['for', 'against', 'judge', 'for']);
    const { events } = await run({ format: 'debate', turns: 2 }, marked, table);
    expect(ofType(events, 'phase-started').at(-1)).toMatchObject({ title: 'Verdict' });
    expect(ofType(events, 'turn-started').at(-1)).toMatchObject({ seat: 3, why: 'the judge' });
  });
});

describe('formats are data', () => {
  it('runs a table’s own list of phases', async () => {
    const phases: PhaseSpec[] = [
      { kind: 'opening', title: 'First thoughts', prompt: 'Say one thing.' },
      { kind: 'discussion', turns: 2 },
      { kind: 'closing' },
    ];
    const { events, fake } = await run({ phases });
    expect(ofType(events, 'phase-started').map((e) => e.title)).toEqual([
      'First thoughts',
      'Discussion',
      'Closing positions',
    ]);
    expect(fake.requests).toHaveLength(4 + 2 + 4);
    expect(heard(fake.request(0))).toContain('Say one thing.');
    expect(events.at(-1)).toMatchObject({
      type: 'discussion-ended',
      reason: 'completed',
      turns: 10,
    });
  });

  it('turn numbers run on across phases and name each reply once', async () => {
    const { events } = await run({ format: 'council' });
    const turns = ofType(events, 'turn-started').map((e) => e.turn);
    expect(turns).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(ofType(events, 'text-delta').map((e) => e.turn)).size).toBeGreaterThan(4);
  });

  it('has a closing phase in the roundtable format only when the closing setting is on', () => {
    expect(FORMATS.roundtable.map((p) => p.kind)).toEqual(['discussion', 'closing', 'summary']);
  });

  it('skips to the closing phases on wrap-up', async () => {
    const fake = new FakeModel(marked);
    const events: DiscussionEvent[] = [];
    const { DiscussionControls } = await import('../controls.js');
    const controls = new DiscussionControls();
    for await (const event of runDiscussion({
      table: fixtureTable,
      settings: fixtureSettings({ format: 'rounds', rounds: 4 }),
      model: fake.model,
      controls,
    })) {
      events.push(event);
      if (event.type === 'phase-ended' && event.round === 1) controls.send({ type: 'wrap-up' });
    }
    expect(ofType(events, 'phase-started').map((e) => e.kind)).toEqual(['rounds', 'summary']);
    expect(events.at(-1)).toMatchObject({ reason: 'completed' });
  });
});
