// The closing positions against a scripted model: valid, repaired and hopeless answers, a seat
// whose request fails, ties and a Condorcet cycle, options in any script, and a resume in the
// middle of them.
import { describe, expect, it } from 'vitest';
import { outcomeSchemas } from '../../outcome/record-schema.js';
import { runDiscussion } from '../discussion.js';
import { ModelError, type ModelRequest } from '../model.js';
import type { Table } from '../table.js';
import { collect, FakeModel, ofType, type ScriptedReply } from '../test-utils/fake-model.js';
import { fixtureSettings } from '../test-utils/fixture.js';
import {
  positionsAnswer as answer,
  isPositions,
  isRecord,
  isRepair,
  RECORD,
  closingTable as table,
} from '../test-utils/positions-script.js';

async function closeWith(
  bySpeaker: (speaker: string, request: ModelRequest) => ScriptedReply | string,
  tableUsed: Table = table,
  vote: 'ranked' | 'approval' | 'score' = 'ranked',
) {
  const fake = new FakeModel((request) => {
    if (isRecord(request)) return RECORD;
    if (isPositions(request)) return bySpeaker(request.speaker, request);
    return 'A fair point about the railway.';
  });
  const events = await collect(
    runDiscussion({
      table: tableUsed,
      settings: fixtureSettings({ turns: 2, closing: true, topicChangeEvery: 1000, vote }),
      model: fake.model,
    }),
  );
  const outcome = ofType(events, 'outcome')[0]?.record;
  return { fake, events, outcome, positions: ofType(events, 'positions') };
}

describe('closing positions', () => {
  it('asks every seat at once for json_schema positions and records what they said', async () => {
    const { fake, positions, outcome, events } = await closeWith((speaker) =>
      speaker === 'Dee'
        ? answer('park', ['park', 'tram line'])
        : answer('tram line', ['tram line', 'park', 'housing']),
    );
    const asked = fake.requests.filter(isPositions);
    expect(asked).toHaveLength(4);
    const format = asked[0]?.responseFormat;
    expect(format?.type === 'json_schema' && format.strict).toBe(true);
    expect(asked[0]?.messages.at(-1)?.content).toContain(
      'Options: "park", "housing", "tram line".',
    );
    expect(positions.map((p) => p.status)).toEqual(['parsed', 'parsed', 'parsed', 'parsed']);
    expect(outcome?.questions[0]).toMatchObject({
      outcome: 'tram line',
      vote: { decidedBy: 'condorcet' },
      consensus: { reached: true, support: 0.75, dissenters: ['Dee'] },
      minorityReport: [{ speaker: 'Dee', position: 'park' }],
    });
    expect(outcome?.actionItems).toEqual([
      { action: 'Cost the tram line', owner: 'Ann', ownerIsSeat: true },
    ]);
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(outcome).success).toBe(true);
    // The table (and the summarizer) hear the positions in words, not JSON.
    const summary = fake.requests.find((r) => r.purpose === 'summary');
    const heard = summary?.messages.map((m) => m.content).join('\n') ?? '';
    expect(heard).toContain('→ tram line (80% sure)');
    expect(heard).not.toContain('"positions"');
    expect(ofType(events, 'discussion-ended')[0]?.reason).toBe('completed');
  });

  it('records a council (no closing phase) with the positions its answers took', async () => {
    const fake = new FakeModel((request) => {
      if (isRecord(request)) return RECORD;
      if (isPositions(request)) return answer('housing', ['housing', 'park']);
      return 'A fair point about the railway.';
    });
    const events = await collect(
      runDiscussion({
        table,
        settings: fixtureSettings({ format: 'council', closing: true }),
        model: fake.model,
      }),
    );
    const positions = ofType(events, 'positions');
    expect(positions.map((p) => p.moment)).toEqual(['opening', 'opening', 'opening', 'opening']);
    const outcome = ofType(events, 'outcome')[0]?.record;
    expect(outcome?.questions[0]).toMatchObject({ outcome: 'housing', changes: [] });
    expect(outcome?.questions[0]?.opening).toBeUndefined();
    expect(outcome?.actionItems).toHaveLength(1);
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(outcome).success).toBe(true);
  });

  it('repairs an unreadable answer once, and keeps a hopeless one as said, marked unparsed', async () => {
    const { fake, positions, outcome } = await closeWith((speaker, request) => {
      if (speaker === 'Bob')
        return isRepair(request) ? answer('housing', ['housing']) : 'I would say housing, really.';
      if (speaker === 'Cy')
        return isRepair(request) ? '{"positions": [{"question": 1}]}' : 'Trams! {not json';
      return answer('park', ['park']);
    });
    const bob = positions.find((p) => p.speaker === 'Bob');
    const cy = positions.find((p) => p.speaker === 'Cy');
    expect(bob).toMatchObject({ status: 'repaired', problems: ['the reply holds no JSON object'] });
    expect(bob?.repairUsage).toBeDefined();
    expect(cy).toMatchObject({ status: 'unparsed', raw: 'Trams! {not json', positions: [] });
    // One repair each, no more.
    expect(
      fake.requests
        .filter(isRepair)
        .map((r) => r.speaker)
        .sort(),
    ).toEqual(['Bob', 'Cy']);
    const repair = fake.requests.find((r) => isRepair(r) && r.speaker === 'Bob');
    expect(repair?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: 'I would say housing, really.',
    });
    expect(outcome?.questions[0]?.positions.map((p) => p.status)).toEqual([
      'parsed',
      'repaired',
      'unparsed',
      'parsed',
    ]);
    expect(outcome?.questions[0]?.outcome).toBe('park');
    expect(outcomeSchemas().outcomeRecordSchema.safeParse(outcome).success).toBe(true);
  });

  it('goes on without a seat whose closing request fails', async () => {
    const { positions, outcome, events } = await closeWith((speaker) =>
      speaker === 'Cy'
        ? { error: new ModelError('server', 'upstream 502', false, 502) }
        : answer('housing', ['housing', 'park']),
    );
    expect(positions.find((p) => p.speaker === 'Cy')?.status).toBe('failed');
    expect(ofType(events, 'error').some((e) => e.speaker === 'Cy')).toBe(true);
    expect(outcome?.questions[0]).toMatchObject({
      outcome: 'housing',
      vote: { voters: ['Ann', 'Bob', 'Dee'] },
    });
    expect(ofType(events, 'discussion-ended')[0]?.reason).toBe('completed');
  });

  it('reports a Condorcet cycle as a tie, and a tie it cannot break as one', async () => {
    const rankings: Record<string, string[]> = {
      Ann: ['park', 'housing', 'tram line'],
      Bob: ['housing', 'tram line', 'park'],
      Cy: ['tram line', 'park', 'housing'],
    };
    const cycle = await closeWith((speaker) => {
      const ranking = rankings[speaker];
      return ranking === undefined
        ? { error: new ModelError('server', 'gone', false) }
        : answer(ranking[0] ?? '', ranking);
    });
    expect(cycle.outcome?.questions[0]).toMatchObject({
      outcome: null,
      vote: {
        decidedBy: 'tie',
        tied: ['park', 'housing', 'tram line'],
        condorcet: { winner: null },
      },
      consensus: { reached: false },
    });
    expect(cycle.outcome?.questions[0]?.vote?.condorcet?.smithSet).toHaveLength(3);

    const tie = await closeWith((speaker) =>
      speaker === 'Ann' || speaker === 'Bob'
        ? answer('park', ['park', 'housing'])
        : answer('housing', ['housing', 'park']),
    );
    expect(tie.outcome?.questions[0]).toMatchObject({
      outcome: null,
      vote: { tied: ['park', 'housing'] },
    });
  });

  it('takes options in any script, matched whatever their case and normal form', async () => {
    const options = ['Z\u00fcge', '公園', 'жильё 🏠'];
    const unicode: Table = { ...table, task: { ...table.task, options: [options, [], []] } };
    const { outcome } = await closeWith(
      (speaker) =>
        speaker === 'Dee'
          ? answer('жильё 🏠', ['жильё 🏠'])
          : answer(speaker === 'Ann' ? 'ZU\u0308GE' : 'Zu\u0308ge', ['zu\u0308ge', '公園']),
      unicode,
    );
    expect(outcome?.questions[0]?.options).toEqual(options);
    expect(outcome?.questions[0]).toMatchObject({
      outcome: 'Z\u00fcge',
      consensus: { dissenters: ['Dee'] },
    });
    expect(outcome?.questions[0]?.positions[0]?.ranking).toEqual(['Z\u00fcge', '公園']);
  });

  it('stamps no cost and takes no prices when the run is not priced', async () => {
    const { events } = await closeWith(() => answer('park', ['park']));
    expect(ofType(events, 'turn-ended').every((e) => e.cost === undefined)).toBe(true);
    expect(ofType(events, 'discussion-ended')[0]?.cost).toBeUndefined();
  });
});

describe('resuming in the middle of the closing positions', () => {
  it('asks again a seat whose answer was recorded but not its positions, and counts it', async () => {
    const fake = () =>
      new FakeModel((request) => {
        if (isRecord(request)) return RECORD;
        if (isPositions(request)) return answer('park', ['park', 'housing']);
        return 'A fair point about the railway.';
      });
    const settings = fixtureSettings({ turns: 2, closing: true, topicChangeEvery: 1000 });
    const whole = await collect(runDiscussion({ table, settings, model: fake().model }));
    // Stopped after the closing turns were recorded and only the first seat's positions.
    const cut = whole.findIndex((e) => e.type === 'positions') + 1;
    const second = fake();
    const resumed = await collect(
      runDiscussion({
        table,
        settings,
        model: second.model,
        resume: { events: whole.slice(0, cut) },
      }),
    );
    const positions = ofType(resumed, 'positions');
    expect(positions.map((p) => p.status)).toEqual(['parsed', 'parsed', 'parsed']);
    // Each was asked again (its answer was kept only as the table heard it), and that is counted.
    expect(second.requests.filter(isPositions)).toHaveLength(3);
    for (const p of positions) expect(p.repairUsage?.completionTokens).toBeGreaterThan(0);
    const outcome = ofType(resumed, 'outcome')[0]?.record;
    expect(outcome?.questions[0]?.positions.map((p) => p.status)).toEqual(Array(4).fill('parsed'));
  });
});
