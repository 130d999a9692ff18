// The end of a run says which phase spoke its turns: counted from the stream, the recorded part
// of a resumed run included, and left out when it would only repeat "N turns".
import { describe, expect, it } from 'vitest';
import { DiscussionControls } from './controls.js';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import type { ModelRequest } from './model.js';
import { collect, FakeModel, ofType } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';

const isJson = (r: ModelRequest) => r.responseFormat?.type === 'json_schema';

async function run(
  settings = fixtureSettings({ turns: 6, closing: true }),
  resume?: DiscussionEvent[],
  controls?: DiscussionControls,
) {
  const fake = new FakeModel((request) =>
    isJson(request) ? '{"positions": []}' : 'A fair point about the railway.',
  );
  return collect(
    runDiscussion({
      table: fixtureTable,
      settings,
      model: fake.model,
      resume: resume === undefined ? undefined : { events: resume },
      controls,
    }),
  );
}

const ended = (events: readonly DiscussionEvent[]) => ofType(events, 'discussion-ended')[0];

describe('turnsByPhase on discussion-ended', () => {
  it('splits the turns into the discussion and the closing answers', async () => {
    const end = ended(await run());
    const seats = fixtureTable.participants.length;
    expect(end?.turns).toBe(6 + seats);
    expect(end?.turnsByPhase).toEqual([
      { kind: 'discussion', title: 'Discussion', turns: 6 },
      { kind: 'closing', title: 'Closing positions', turns: seats },
    ]);
  });

  it('is left out when one phase spoke every turn', async () => {
    const end = ended(await run(fixtureSettings({ turns: 5 })));
    expect(end?.turns).toBe(5);
    expect(end).not.toHaveProperty('turnsByPhase');
  });

  it('counts the recorded turns of a resumed run too', async () => {
    const whole = await run();
    // Cut after turn 3 ended: the resumed run speaks the rest.
    const cut = whole.findIndex((e) => e.type === 'turn-ended' && e.turn === 3);
    const resumed = await run(undefined, whole.slice(0, cut + 1));
    expect(ended(resumed)?.turnsByPhase).toEqual(ended(whole)?.turnsByPhase);
  });

  it('names the closing answers when they were all that was spoken', async () => {
    // A wrap-up before the first turn: the closing answers are the run's only turns.
    const controls = new DiscussionControls();
    controls.send({ type: 'wrap-up' });
    const end = ended(await run(fixtureSettings({ closing: true }), undefined, controls));
    expect(end?.turnsByPhase).toEqual([
      { kind: 'closing', title: 'Closing positions', turns: fixtureTable.participants.length },
    ]);
  });

  it('keeps the rounds of a rounds phase together', async () => {
    const end = ended(await run(fixtureSettings({ format: 'rounds', rounds: 3, closing: true })));
    expect(end?.turnsByPhase).toBeUndefined();
    expect(end?.turns).toBe(3 * fixtureTable.participants.length);
  });
});
