// stopWhen consensus against a scripted model: quiet checks every n turns, and the end once the
// table agrees.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from '../discussion.js';
import { collect, FakeModel, ofType } from '../test-utils/fake-model.js';
import { fixtureSettings } from '../test-utils/fixture.js';
import {
  positionsAnswer as answer,
  isPositions,
  isRecord,
  RECORD,
  closingTable as table,
} from '../test-utils/positions-script.js';

describe('stopWhen: consensus', () => {
  async function checked(bySpeaker: (speaker: string) => string) {
    const fake = new FakeModel((request) => {
      if (isRecord(request)) return RECORD;
      if (isPositions(request)) return bySpeaker(request.speaker);
      return 'A fair point about the railway.';
    });
    const events = await collect(
      runDiscussion({
        table,
        settings: fixtureSettings({
          turns: 8,
          closing: true,
          topicChangeEvery: 1000,
          stopWhen: 'consensus',
          consensusCheckEvery: 2,
          consensusThreshold: 0.75,
        }),
        model: fake.model,
      }),
    );
    return { fake, events };
  }

  it('checks quietly every n turns and ends the discussion when the table agrees', async () => {
    const { events, fake } = await checked(() => answer('park', ['park', 'housing']));
    const checks = ofType(events, 'consensus-check');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({
      turn: 2,
      reached: true,
      questions: [{ index: 0, outcome: 'park', support: 1 }],
    });
    expect(ofType(events, 'phase-ended').find((e) => e.kind === 'discussion')?.reason).toBe(
      'consensus',
    );
    // Two discussion turns, then the closing: the check was heard by nobody.
    const turns = fake.requests.filter(
      (r) => r.purpose === 'turn' && r.responseFormat === undefined,
    );
    expect(turns).toHaveLength(2);
    expect(ofType(events, 'outcome')[0]?.record.stoppedBy).toBe('consensus, found after turn 2');
    const summary = fake.requests.find((r) => r.purpose === 'summary');
    expect(
      summary?.messages.some((m) => m.content.includes('checking where the table stands')),
    ).toBe(false);
  });

  it('goes on while the table is split, checking again', async () => {
    const { events } = await checked((speaker) =>
      speaker === 'Ann' || speaker === 'Bob'
        ? answer('park', ['park'])
        : answer('housing', ['housing']),
    );
    const checks = ofType(events, 'consensus-check');
    expect(checks.map((c) => c.turn)).toEqual([2, 4, 6]);
    expect(checks.every((c) => !c.reached)).toBe(true);
    expect(ofType(events, 'phase-ended').find((e) => e.kind === 'discussion')?.reason).toBe('done');
    // Each check's requests are paid for by the seats that answered.
    expect(
      ofType(events, 'positions').filter(
        (p) => p.moment === 'check' && p.repairUsage !== undefined,
      ),
    ).toHaveLength(12);
  });
});
