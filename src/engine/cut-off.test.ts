// A reply that broke off after some text: kept, heard by the others, recorded as cut off with
// its reason, and not counted as a failure.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from './discussion.js';
import { resumePoint } from './resume.js';
import { collect, FakeModel, lastUserMessage, ofType } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';

const REASON = 'the connection to test (http://127.0.0.1/v1) broke (ECONNRESET)';

describe('a cut-off reply', () => {
  it('is recorded as cut off with its reason, kept, and heard by the next speaker', async () => {
    const fake = new FakeModel((_, call) =>
      call === 1
        ? { chunks: ['The viaduct ', 'should stay, because'], cutOff: REASON }
        : `Reply ${call}.`,
    );
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ turns: 3, summary: false }),
        model: fake.model,
        signal: new AbortController().signal,
      }),
    );
    const ended = ofType(events, 'turn-ended');
    expect(ended[1]).toMatchObject({
      status: 'cut-off',
      cutOff: REASON,
      text: 'The viaduct should stay, because',
    });
    expect(ended[0]?.status).toBe('complete');
    expect(ended[0]).not.toHaveProperty('cutOff');
    // The next speaker heard what arrived.
    expect(lastUserMessage(fake.request(2))).toContain('The viaduct should stay, because');
    expect(ofType(events, 'discussion-ended')[0]).toMatchObject({ reason: 'completed', turns: 3 });
    expect(ofType(events, 'error')).toEqual([]);

    // A resume keeps it: it is not spoken again.
    const cutAt = events.findIndex((e) => e.type === 'turn-ended' && e.turn === 2);
    expect(resumePoint(fixtureTable, events.slice(0, cutAt + 1)).nextTurn).toBe(3);
  });

  it('a cut-off summary is marked the same way', async () => {
    const fake = new FakeModel((request) =>
      request.purpose === 'summary' ? { chunks: ['In short'], cutOff: REASON } : 'Fine.',
    );
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ turns: 2 }),
        model: fake.model,
        signal: new AbortController().signal,
      }),
    );
    expect(ofType(events, 'summary')[0]).toMatchObject({ status: 'cut-off', cutOff: REASON });
  });

  it('a cut-off reply that the cleaner leaves empty is a pass, with no reason', async () => {
    const fake = new FakeModel((_, call) =>
      call === 0 ? { chunks: ['   '], cutOff: REASON } : 'Fine.',
    );
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ turns: 1, summary: false }),
        model: fake.model,
        signal: new AbortController().signal,
      }),
    );
    const [ended] = ofType(events, 'turn-ended');
    expect(ended?.status).toBe('passed');
    expect(ended).not.toHaveProperty('cutOff');
  });
});
