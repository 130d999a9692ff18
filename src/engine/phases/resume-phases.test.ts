// Resuming a format with parallel phases from any cut point. The replies of a parallel phase may
// end in any order, so a resumed run is compared by what it decided (every turn's reply, every
// phase, every request); and event for event from the end of the phase the cut fell in.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import { ModelError, type ModelRequest } from '../model.js';
import { resumePoint } from '../resume.js';
import type { EngineSettings, Table } from '../table.js';
import { FakeModel, ofType, type Script } from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../test-utils/fixture.js';
import { chain } from '../test-utils/scripted-run.js';

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Replies are a function of the request alone; some fail, some are empty. */
const varied: Script = (request) => {
  const h = hash(JSON.stringify(request.messages));
  if (request.responseFormat !== undefined) {
    const labels = ['A', 'B', 'C'].sort((a, b) => hash(a + h) - hash(b + h));
    // Some rankings are partial: the rest are recorded as unranked and tallied after them.
    const ranking = labels.slice(0, 1 + (h % 3));
    return JSON.stringify({ evaluation: `Weighed ${h % 13}.`, ranking });
  }
  switch (h % 9) {
    case 0:
      return { error: new ModelError('server', 'HTTP 500 from the test server', false) };
    case 1:
      return { chunks: [] };
    default:
      return `${request.speaker} holds ${h % 97}; @${['Ann', 'Bob', 'Cy', 'Dee'][h % 4]}?`;
  }
};

const stored = (events: readonly DiscussionEvent[]) =>
  events.filter((e) => e.type !== 'text-delta');

async function runOnce(
  settings: EngineSettings,
  table: Table,
  resume?: DiscussionEvent[],
  script: Script = varied,
) {
  const fake = new FakeModel(script);
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table,
    settings,
    model: fake.model,
    resume: resume === undefined ? undefined : { events: resume },
  })) {
    events.push(event);
  }
  return { events, requests: fake.requests };
}

/** What a run decided: each kept turn's reply, each phase, the end. */
function record(events: readonly DiscussionEvent[]) {
  const turns = new Map<number, string>();
  for (const e of ofType(events, 'turn-ended')) {
    if (e.status !== 'interrupted') turns.set(e.turn, `${e.speaker}: ${e.status}: ${e.text}`);
  }
  // What each turn was told, and what it was not told and why (a redone turn starts twice).
  const told = new Map<number, unknown>();
  for (const e of ofType(events, 'turn-started')) {
    told.set(e.turn, [e.speaker, e.reason, e.why, e.directives, e.withheld]);
  }
  return {
    turns: [...turns.entries()].sort(([a], [b]) => a - b),
    told: [...told.entries()].sort(([a], [b]) => a - b),
    phases: ofType(events, 'phase-ended').map((e) => `${e.phase}.${e.round ?? 0}`),
    tallies: ofType(events, 'review-tally').map((e) => e.ranking),
    summary: ofType(events, 'summary').map((e) => e.text),
    end: events.at(-1),
  };
}

const key = (request: ModelRequest) => JSON.stringify(request);

async function expectEveryCutResumes(
  settings: EngineSettings,
  table: Table = fixtureTable,
  script: Script = varied,
) {
  const full = await runOnce(settings, table, undefined, script);
  expect(full.events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
  const whole = record(full.events);
  let checked = 0;
  for (let k = 1; k < full.events.length; k++) {
    const prefix = stored(full.events.slice(0, k));
    const resumed = await runOnce(settings, table, prefix, script);
    const [marker] = resumed.events;
    expect(marker).toEqual({
      type: 'discussion-resumed',
      fromTurn: resumePoint(table, prefix).nextTurn,
    });
    const joined = record([...prefix, ...resumed.events.slice(1)]);
    const phases = new Set(joined.phases);
    expect({ ...joined, phases: [...phases] }).toEqual({
      ...whole,
      phases: [...new Set(whole.phases)],
    });
    // Every request the resumed run made, the uninterrupted one made too.
    const asked = new Set(full.requests.map(key));
    for (const request of resumed.requests) expect(asked.has(key(request))).toBe(true);
    checked += 1;
  }
  return checked;
}

const debateTable: Table = {
  ...fixtureTable,
  participants: fixtureTable.participants.map((p, k) => ({
    ...p,
    side: ['for', 'against', 'for', 'judge'][k],
  })),
};

describe('resuming formats with parallel phases from any cut point', () => {
  it.each([1, 2])('council (seed %i)', async (seed) => {
    const settings = fixtureSettings({ format: 'council', seed });
    expect(await expectEveryCutResumes(settings)).toBeGreaterThan(20);
  });

  it.each([1, 2])('rounds (seed %i)', async (seed) => {
    const settings = fixtureSettings({ format: 'rounds', rounds: 3, seed });
    expect(await expectEveryCutResumes(settings)).toBeGreaterThan(20);
  });

  it('a debate whose last rebuttal held its invitation back', async () => {
    const settings = fixtureSettings({ format: 'debate', turns: 4, askOpinionEvery: 1, seed: 3 });
    const full = await runOnce(settings, debateTable);
    const rebuttals = ofType(full.events, 'turn-started').filter((e) => e.phase === 1);
    expect(rebuttals.map((e) => e.withheld?.map((h) => h.reason))).toEqual([
      undefined,
      undefined,
      undefined,
      ['last-turn'],
    ]);
    expect(await expectEveryCutResumes(settings, debateTable)).toBeGreaterThan(20);
  });

  // The scenarios of debate-floor.test.ts: Cy asks Bob, its own side; Bob and Dee ask Ann.
  const asks = ['Against.', 'Ann, what does it cost?', 'Ann, who pays?', 'Ann, and then?'];
  it.each<[string, readonly string[], Script, RegExp, Partial<EngineSettings>?]>([
    [
      "a seat named by its own side, answered at its side's turn",
      ['for', 'for', 'for', 'against'],
      chain({ Cy: ['We are for.', 'Bob, tell them what it costs.'] }),
      /^named by Cy, answered at its side's turn$/u,
    ],
    [
      "a silent seat that waits for an answer, counted in its side's turns",
      ['for', 'against', 'for', 'against'],
      chain({ Bob: asks, Dee: asks }),
      /^silence guard: Cy has not spoken in this phase yet, 1 side turn overdue$/u,
    ],
    [
      "that question carried over a topic move to its side's turn",
      ['for', 'for', 'for', 'against'],
      chain({ Cy: ['We are for.', 'Bob, tell them what it costs.'] }),
      /^named by Cy, answered at its side's turn$/u,
      { turns: 10, topicChangeEvery: 2, seed: 3 },
    ],
  ])('a debate: %s', async (_, sides, script, decided, more = {}) => {
    const table: Table = {
      ...fixtureTable,
      participants: fixtureTable.participants.map((p, k) => ({ ...p, side: sides[k] })),
    };
    const settings = fixtureSettings({
      format: 'debate',
      speakerPolicy: 'round-robin',
      turns: 7,
      wrapUpTurns: 0,
      topicChangeEvery: 0,
      askOpinionEvery: 0,
      ...more,
    });
    const full = await runOnce(settings, table, undefined, script);
    const whys = ofType(full.events, 'turn-started').map((e) => e.why ?? '');
    expect(whys.filter((why) => decided.test(why))).toHaveLength(1);
    expect(await expectEveryCutResumes(settings, table, script)).toBeGreaterThan(20);
  });

  it('debate', async () => {
    const settings = fixtureSettings({ format: 'debate', turns: 5, seed: 4 });
    expect(await expectEveryCutResumes(settings, debateTable)).toBeGreaterThan(20);
  });
});

const NAMES = ['Ann', 'Bob', 'Cy', 'Dee'];

/** `varied`, with [end] proposals and a moderator that answers: the floor follows the history. */
const moderated: Script = (request, call) => {
  const h = hash(JSON.stringify(request.messages));
  if (request.purpose === 'moderator') {
    const action = h % 11 === 0 ? 'next-topic' : 'continue';
    return JSON.stringify({ next: NAMES[h % 4], reason: `reason ${h % 7}`, steer: '', action });
  }
  if (request.purpose === 'summary') return `${request.speaker} sums up ${h % 89}.`;
  // Proposals to end, which a parallel reply after them withdraws.
  if (h % 5 === 0) return `${request.speaker} would stop at ${h % 11}. [end]`;
  return varied(request, call);
};

/** The parallel phase a cut at `k` falls in: the index of its `phase-ended`, else undefined. */
function openBatchEnd(events: readonly DiscussionEvent[], k: number): number | undefined {
  for (let i = k - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === 'phase-ended') return undefined;
    if (event?.type === 'phase-started') {
      if (!event.parallel) return undefined;
      const end = events.findIndex((e, j) => j >= k && e.type === 'phase-ended');
      return end < 0 ? undefined : end;
    }
  }
  return undefined;
}

/** Index just after the last event that closes a turn or a phase before `k`. */
function lastBoundary(events: readonly DiscussionEvent[], k: number): number {
  for (let i = k - 1; i >= 0; i--) {
    const type = events[i]?.type;
    if (type === 'turn-ended' || type === 'phase-ended' || type === 'discussion-started') {
      return i + 1;
    }
  }
  return 0;
}

const endedByTurn = (events: readonly DiscussionEvent[]) =>
  new Map(ofType(events, 'turn-ended').map((e) => [e.turn, e]));

async function expectEveryCutReplays(settings: EngineSettings): Promise<{
  inside: number;
  after: number;
}> {
  const full = await runOnce(settings, fixtureTable, undefined, moderated);
  expect(full.events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
  const counts = { inside: 0, after: 0 };
  for (let k = 1; k < full.events.length; k++) {
    const prefix = stored(full.events.slice(0, k));
    const resumed = await runOnce(settings, fixtureTable, prefix, moderated);
    const [marker, ...rest] = resumed.events;
    expect(marker?.type).toBe('discussion-resumed');
    const batchEnd = openBatchEnd(full.events, k);
    if (batchEnd === undefined) {
      // Between parallel phases, or after one: the rest of the uninterrupted run, event for
      // event, from the cut or the start of the turn it fell in, asking exactly what it asked.
      const start = full.events.length - rest.length;
      expect(rest).toEqual(full.events.slice(start));
      expect(start).toBeLessThanOrEqual(k);
      expect(start).toBeGreaterThanOrEqual(lastBoundary(full.events, k));
      expect(resumed.requests).toEqual(full.requests.slice(-resumed.requests.length || Infinity));
      counts.after += 1;
      continue;
    }
    // Inside one: the phase's missing replies are asked (in whatever order they end), and from
    // its end on the resumed run is the uninterrupted one, event for event.
    const restEnd = rest.findIndex((e) => e.type === 'phase-ended');
    expect(rest.slice(restEnd)).toEqual(full.events.slice(batchEnd));
    const phase = full.events.slice(0, batchEnd);
    const joined = new Map([...endedByTurn(prefix), ...endedByTurn(rest.slice(0, restEnd))]);
    expect(joined).toEqual(endedByTurn(phase));
    const asked = new Set(full.requests.map(key));
    for (const request of resumed.requests) expect(asked.has(key(request))).toBe(true);
    counts.inside += 1;
  }
  return counts;
}

describe('resuming a run cut inside or after a parallel phase replays it exactly', () => {
  // Seeds whose runs hear every kind of parallel reply (checked below); seed 2's stopped failing
  // one when topics began to wait for answers (session 12), so seed 5 took its place.
  it.each([1, 3, 5])(
    'opening, discussion, two rounds, review, discussion, summary (seed %i)',
    async (seed) => {
      const settings = fixtureSettings({
        seed,
        turns: 6,
        speakerPolicy: 'moderator',
        phases: [
          { kind: 'opening' },
          { kind: 'discussion' },
          { kind: 'rounds', rounds: 2 },
          { kind: 'review' },
          { kind: 'discussion', turns: 4 },
          { kind: 'summary' },
        ],
      });
      const full = await runOnce(settings, fixtureTable, undefined, moderated);
      // The run must hear failed, empty and spoken parallel replies, and the moderator decide.
      const parallel = ofType(full.events, 'turn-ended').filter((e) =>
        ofType(full.events, 'turn-started').some((s) => s.turn === e.turn && s.reason === 'phase'),
      );
      expect(parallel.some((e) => e.status === 'failed' || e.text === '')).toBe(true);
      expect(parallel.filter((e) => e.text.length > 0).length).toBeGreaterThan(6);
      expect(ofType(full.events, 'moderator-decision').length).toBeGreaterThan(2);
      expect(ofType(full.events, 'review-tally')).toHaveLength(1);
      const counts = await expectEveryCutReplays(settings);
      expect(counts.inside).toBeGreaterThan(15);
      expect(counts.after).toBeGreaterThan(15);
    },
    120_000,
  );
});
