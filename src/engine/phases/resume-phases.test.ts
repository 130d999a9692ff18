// Resuming a format with parallel phases from any cut point: the replies of a parallel phase
// may end in any order, so the resumed run is compared by what it decided (every turn's reply,
// every phase, every request), not event by event.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import { ModelError, type ModelRequest } from '../model.js';
import { resumePoint } from '../resume.js';
import type { EngineSettings, Table } from '../table.js';
import { FakeModel, ofType, type Script } from '../test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../test-utils/fixture.js';

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
    return JSON.stringify({ evaluation: `Weighed ${h % 13}.`, ranking: labels });
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

async function runOnce(settings: EngineSettings, table: Table, resume?: DiscussionEvent[]) {
  const fake = new FakeModel(varied);
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
  return {
    turns: [...turns.entries()].sort(([a], [b]) => a - b),
    phases: ofType(events, 'phase-ended').map((e) => `${e.phase}.${e.round ?? 0}`),
    tallies: ofType(events, 'review-tally').map((e) => e.ranking),
    summary: ofType(events, 'summary').map((e) => e.text),
    end: events.at(-1),
  };
}

const key = (request: ModelRequest) => JSON.stringify(request);

async function expectEveryCutResumes(settings: EngineSettings, table: Table = fixtureTable) {
  const full = await runOnce(settings, table);
  expect(full.events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
  const whole = record(full.events);
  let checked = 0;
  for (let k = 1; k < full.events.length; k++) {
    const prefix = stored(full.events.slice(0, k));
    const resumed = await runOnce(settings, table, prefix);
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

describe('resuming formats with parallel phases from any cut point', () => {
  it.each([1, 2])('council (seed %i)', async (seed) => {
    const settings = fixtureSettings({ format: 'council', seed });
    expect(await expectEveryCutResumes(settings)).toBeGreaterThan(20);
  });

  it.each([1, 2])('rounds (seed %i)', async (seed) => {
    const settings = fixtureSettings({ format: 'rounds', rounds: 3, seed });
    expect(await expectEveryCutResumes(settings)).toBeGreaterThan(20);
  });

  it('debate', async () => {
    const table: Table = {
      ...fixtureTable,
      participants: fixtureTable.participants.map((p, k) => ({
        ...p,
        side: ['for', 'against', 'for', 'judge'][k],
      })),
    };
    const settings = fixtureSettings({ format: 'debate', turns: 5, seed: 4 });
    expect(await expectEveryCutResumes(settings, table)).toBeGreaterThan(20);
  });
});
