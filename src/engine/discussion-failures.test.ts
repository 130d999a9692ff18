// A whole discussion against a scripted model: failed turns, fatal errors, onError, and the
// abort.
import { describe, expect, it } from 'vitest';
import { MAX_CONSECUTIVE_FAILURES, runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import { ModelError } from './model.js';
import { collect, FakeModel, ofType, type Script } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';
import { plainReply, runScripted } from './test-utils/scripted-run.js';

describe('failures', () => {
  const failAt =
    (call: number, error: unknown): Script =>
    (r, i) =>
      i === call ? { chunks: ['Half a '], error } : `${r.speaker} speaks.`;

  it('ends at a fatal model error: error, failed turn, failed discussion', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 5 },
      script: failAt(1, new ModelError('auth', 'The API key was rejected (401).', true, 401)),
    });
    expect(events.slice(-3)).toEqual([
      {
        type: 'error',
        turn: 2,
        speaker: fake.requests[1]?.speaker,
        kind: 'auth',
        message: 'The API key was rejected (401).',
        fatal: true,
      },
      expect.objectContaining({ type: 'turn-ended', turn: 2, status: 'failed', text: '' }),
      expect.objectContaining({ type: 'discussion-ended', reason: 'failed', turns: 2 }),
    ]);
    expect(fake.requests).toHaveLength(2);
  });

  it('goes on after a non-fatal failure, without the failed turn in anyone’s history', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 4, summary: false },
      script: failAt(
        1,
        new ModelError('server', 'The server failed (502) after 3 attempts.', false, 502),
      ),
    });
    const error = ofType(events, 'error')[0];
    expect(error).toMatchObject({ turn: 2, kind: 'server', fatal: false });
    expect(ofType(events, 'turn-ended')[1]).toMatchObject({ status: 'failed', text: '' });
    expect(JSON.stringify(fake.requests[2]?.messages)).not.toContain('Half a');
    expect(events.at(-1)).toMatchObject({ reason: 'completed', turns: 4 });
  });

  it(`gives up after ${MAX_CONSECUTIVE_FAILURES} failed turns in a row`, async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 10 },
      script: (_, i) =>
        i === 0 ? 'Fine.' : { error: new ModelError('connection', 'Connection refused', false) },
    });
    expect(fake.requests).toHaveLength(1 + MAX_CONSECUTIVE_FAILURES);
    expect(ofType(events, 'error').at(-1)).toMatchObject({ fatal: true, kind: 'connection' });
    expect(events.at(-1)).toMatchObject({ reason: 'failed', turns: 4 });
  });

  it('ends cleanly, as failed, after a failure with onError "stop"', async () => {
    const { events } = await runScripted({
      settings: { turns: 5, onError: 'stop' },
      script: failAt(0, new ModelError('timeout', 'No reply within 60 s', false)),
    });
    expect(events.map((e) => e.type)).toEqual([
      'discussion-started',
      'phase-started',
      'turn-started',
      'text-delta',
      'error',
      'turn-ended',
      'discussion-ended',
    ]);
    expect(events.at(-1)).toMatchObject({ reason: 'failed', turns: 1 });
  });

  it('treats any other thrown error as fatal, kind "unknown"', async () => {
    const { events } = await runScripted({
      settings: { turns: 3 },
      script: failAt(0, new TypeError('oops')),
    });
    expect(ofType(events, 'error')).toEqual([
      expect.objectContaining({ kind: 'unknown', message: 'oops', fatal: true }),
    ]);
    expect(events.at(-1)).toMatchObject({ reason: 'failed' });
  });

  it('survives a model function that throws before streaming', async () => {
    const events = await collect(
      runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings({ turns: 2 }),
        model: () => {
          throw new ModelError('not-found', 'No model "x" at this endpoint', true, 404);
        },
      }),
    );
    expect(ofType(events, 'error')[0]).toMatchObject({ kind: 'not-found', fatal: true });
    expect(events.at(-1)).toMatchObject({ reason: 'failed', turns: 1 });
  });
});

describe('interruption', () => {
  it.each(['silent', 'throw'] as const)(
    'aborts the request in flight, keeps the partial turn and ends "interrupted" (model ends %s)',
    async (stall) => {
      const controller = new AbortController();
      const fake = new FakeModel(() => ({ chunks: ['Ann: Half ', 'a thought'], stall }));
      const events: DiscussionEvent[] = [];
      for await (const event of runDiscussion({
        table: fixtureTable,
        settings: fixtureSettings(),
        model: fake.model,
        signal: controller.signal,
      })) {
        events.push(event);
        if (event.type === 'text-delta' && event.text.includes('thought')) controller.abort();
      }
      expect(fake.signals[0]?.aborted).toBe(true);
      expect(events.slice(-2)).toEqual([
        expect.objectContaining({
          type: 'turn-ended',
          status: 'interrupted',
          text: expect.stringContaining('a thought'),
        }),
        expect.objectContaining({ type: 'discussion-ended', reason: 'interrupted', turns: 1 }),
      ]);
    },
  );

  it('ends at once when the signal is already aborted', async () => {
    const { events, fake } = await runScripted({ script: plainReply, signal: AbortSignal.abort() });
    expect(events.map((e) => e.type)).toEqual(['discussion-started', 'discussion-ended']);
    expect(events.at(-1)).toMatchObject({ reason: 'interrupted', turns: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('aborts the request in flight when the consumer stops reading', async () => {
    const fake = new FakeModel(() => ({ chunks: ['Some words'], stall: 'silent' }));
    for await (const event of runDiscussion({
      table: fixtureTable,
      settings: fixtureSettings(),
      model: fake.model,
    })) {
      if (event.type === 'text-delta') break;
    }
    expect(fake.signals[0]?.aborted).toBe(true);
  });
});
