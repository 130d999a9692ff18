// A whole discussion against a scripted model: how replies stream, are cleaned and heard, and
// how their usage adds up.
import { describe, expect, it } from 'vitest';
import { ofType } from './test-utils/fake-model.js';
import { runScripted } from './test-utils/scripted-run.js';
import { estimatePromptTokens, estimateTokens } from './usage.js';

describe('replies', () => {
  it('streams the raw text without the own name tag, and others hear the cleaned text', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 2, summary: false },
      script: (r) => ({ chunks: [`**${r.speaker}`, ':** Hello', ' there.  '] }),
    });
    const firstTurn = events.filter((e) => e.type === 'text-delta' && e.turn === 1);
    expect(firstTurn.map((e) => (e.type === 'text-delta' ? e.text : '')).join('')).toBe(
      'Hello there.  ',
    );
    const ended = ofType(events, 'turn-ended')[0];
    expect(ended?.text).toBe('Hello there.');
    expect(fake.requests[1]?.messages.at(-1)?.content).toContain(
      `${ended?.speaker}: Hello there.\n`,
    );
  });

  it('stops the request once the model speaks for someone else', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 1, summary: false },
      script: () => ({
        chunks: ['Agreed.', '\nModerator', ': next topic', ' please', ' and more', ' and more'],
      }),
    });
    expect(fake.pulled).toBe(3);
    expect(fake.signals[0]?.aborted).toBe(true);
    expect(ofType(events, 'turn-ended')[0]).toMatchObject({
      text: 'Agreed.',
      status: 'complete',
      cut: { as: 'Moderator', removed: 'Moderator: next topic' },
    });
    expect(
      ofType(events, 'text-delta')
        .map((e) => e.text)
        .join(''),
    ).toBe('Agreed.');
  });

  it('marks an empty reply as passed, keeps it out of the history, and moves on', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 4, summary: false },
      script: (_, call) => (call === 0 ? { chunks: ['  ', '\n'] } : 'Something.'),
    });
    const [passed] = ofType(events, 'turn-ended');
    expect(passed).toMatchObject({ turn: 1, text: '', status: 'passed' });
    expect(ofType(events, 'turn-started')[1]?.reason).toBe('random');
    expect(fake.requests[1]?.messages).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ reason: 'completed', turns: 4 });
  });
});

describe('usage', () => {
  it('sums reported usage and marks estimates when the model reports none', async () => {
    const { events, fake } = await runScripted({
      settings: { turns: 2, summary: false },
      script: (_, call) =>
        call === 0
          ? {
              chunks: ['Reported.'],
              usage: { promptTokens: 100, completionTokens: 5, estimated: false },
            }
          : { chunks: ['Not reported, so estimated.'] },
    });
    const [reported, estimated] = ofType(events, 'turn-ended');
    expect(reported?.usage).toEqual({ promptTokens: 100, completionTokens: 5, estimated: false });
    expect(estimated?.usage).toEqual({
      promptTokens: estimatePromptTokens(fake.requests[1]?.messages ?? []),
      completionTokens: estimateTokens('Not reported, so estimated.'),
      estimated: true,
    });
    expect(events.at(-1)).toMatchObject({
      usage: {
        promptTokens: 100 + (estimated?.usage.promptTokens ?? 0),
        completionTokens: 5 + (estimated?.usage.completionTokens ?? 0),
        estimated: true,
      },
    });
  });

  it('adds up several usage chunks of one reply', async () => {
    const { events } = await runScripted({
      settings: { turns: 1, summary: false },
      script: () => ({
        chunks: ['Hi.'],
        usage: { promptTokens: 7, completionTokens: 2, estimated: false },
        retries: [],
      }),
    });
    expect(events.at(-1)).toMatchObject({
      usage: { promptTokens: 7, completionTokens: 2, estimated: false },
    });
  });

  it('passes retries on as retry events of the turn', async () => {
    const { events } = await runScripted({
      settings: { turns: 1, summary: false },
      script: () => ({
        chunks: ['Hi.'],
        retries: [{ attempt: 1, delayMs: 500, reason: '429 Too Many Requests' }],
      }),
    });
    expect(ofType(events, 'retry')).toEqual([
      { type: 'retry', turn: 1, attempt: 1, delayMs: 500, reason: '429 Too Many Requests' },
    ]);
  });
});
