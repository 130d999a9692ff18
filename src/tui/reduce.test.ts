import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import type { HistoryItem } from './history-item.js';
import { reduce } from './reduce.js';
import { initialTuiState, type TuiState } from './state.js';
import { delta, started, turnEnded, turnStarted } from './test-utils/events.js';

function run(events: readonly DiscussionEvent[], state: TuiState = initialTuiState()): TuiState {
  return events.reduce(reduce, state);
}

const kinds = (state: TuiState): HistoryItem['kind'][] => state.history.map((item) => item.kind);

describe('reduce', () => {
  it('starts with the header, then the first topic', () => {
    const state = run([started(12)]);
    expect(kinds(state)).toEqual(['header', 'topic']);
    expect(state.totalTurns).toBe(12);
    expect(state.topic?.index).toBe(0);
  });

  it('knows when the LLM moderator is choosing the next speaker: between turns, not after the last', () => {
    const base = started(2);
    const discussion = {
      type: 'phase-started' as const,
      phase: 0,
      kind: 'discussion' as const,
      title: 'Discussion',
      parallel: false,
      seats: [1, 2, 3],
    };
    const moderated = {
      ...base,
      settings: { ...base.settings, speakerPolicy: 'moderator' as const },
    };
    const steps = [
      moderated,
      discussion,
      turnStarted(1, 1, { turnsLeft: 1 }),
      turnEnded(1, 1, 'Trams.'),
      turnStarted(2, 2, { turnsLeft: 0 }),
      turnEnded(2, 2, 'Homes.'),
    ];
    const choosing = steps.map((_, k) => run(steps.slice(0, k + 1)).phase?.choosing === true);
    expect(choosing).toEqual([false, true, false, true, false, false]);
    expect(run(steps.slice(0, 2)).phase?.chooser).toBe('moderator');
    // Under a policy that asks nobody, nothing is awaited between turns.
    expect(run([base, discussion, turnStarted(1, 1), turnEnded(1, 1, 'x')]).phase?.choosing).toBe(
      false,
    );
    const bids = { ...base, settings: { ...base.settings, speakerPolicy: 'bid' as const } };
    expect(run([bids, discussion]).phase?.chooser).toBe('bids');
  });

  it('numbers turns without a total when they run on across phases (a council, an opening)', () => {
    const base = started(12);
    const council = run([{ ...base, settings: { ...base.settings, format: 'council' } }]);
    expect(council.totalTurns).toBeUndefined();
    const opening = run([
      {
        ...base,
        settings: { ...base.settings, phases: [{ kind: 'opening' }, { kind: 'discussion' }] },
      },
    ]);
    expect(opening.totalTurns).toBeUndefined();
  });

  it('streams deltas into the live turn and moves the cleaned text to history when it ends', () => {
    const streaming = run([started(), turnStarted(1, 2), delta(1, 'Bob: Hello '), delta(1, 'all')]);
    expect(streaming.live?.text).toBe('Bob: Hello all');
    expect(streaming.live?.speaker).toBe('Bob');
    expect(streaming.turn).toBe(1);

    const ended = reduce(streaming, turnEnded(1, 2, 'Hello all'));
    expect(ended.live).toBeUndefined();
    const last = ended.history.at(-1);
    expect(last).toMatchObject({ kind: 'turn', turn: 1, speaker: 'Bob', text: 'Hello all' });
    expect(ended.usage).toEqual({ promptTokens: 100, completionTokens: 20, estimated: false });
  });

  it('ignores deltas for a turn that is not live', () => {
    const state = run([started(), turnStarted(2, 1), delta(1, 'late')]);
    expect(state.live?.text).toBe('');
  });

  it('marks totals estimated once any turn was estimated', () => {
    const state = run([
      started(),
      turnStarted(1, 1),
      turnEnded(1, 1, 'a'),
      turnStarted(2, 2),
      turnEnded(2, 2, 'b', { usage: { promptTokens: 5, completionTokens: 1, estimated: true } }),
    ]);
    expect(state.usage).toEqual({ promptTokens: 105, completionTokens: 21, estimated: true });
  });

  it('adds topic markers for changes and none for a repeat of the current topic', () => {
    const state = run([
      started(),
      { type: 'topic-changed', turn: 2, topic: { index: 1, text: 'Q2' }, reason: 'schedule' },
      { type: 'topic-changed', turn: 2, topic: { index: 1, text: 'Q2' }, reason: 'schedule' },
      { type: 'topic-changed', turn: 3, topic: { index: -1, text: 'Bikes' }, reason: 'moderator' },
    ]);
    expect(kinds(state)).toEqual(['header', 'topic', 'topic', 'topic']);
    expect(state.topic).toEqual({ index: -1, text: 'Bikes' });
  });

  it('shows invite-opinions each time but the wrap-up directive only once', () => {
    const state = run([
      started(),
      turnStarted(1, 1, { directives: ['invite-opinions'] }),
      turnEnded(1, 1, 'a'),
      turnStarted(2, 2, { directives: ['wrap-up', 'invite-opinions'] }),
      turnEnded(2, 2, 'b'),
      turnStarted(3, 3, { directives: ['wrap-up'] }),
    ]);
    const directives = state.history.filter((item) => item.kind === 'directive');
    expect(directives.map((item) => item.directive)).toEqual([
      'invite-opinions',
      'wrap-up',
      'invite-opinions',
    ]);
  });

  it('follows the engine on pause and resume', () => {
    const paused = run([started(), { type: 'command', command: { type: 'pause' } }]);
    expect(paused.paused).toBe(true);
    expect(paused.history.at(-1)).toEqual({ kind: 'command', command: { type: 'pause' } });
    expect(reduce(paused, { type: 'command', command: { type: 'resume' } }).paused).toBe(false);
  });

  it('drops a failed attempt’s text when the request is retried', () => {
    const state = run([
      started(),
      turnStarted(1, 1),
      delta(1, 'half a sen'),
      { type: 'retry', turn: 1, attempt: 2, delayMs: 1500, reason: 'HTTP 503' },
    ]);
    expect(state.live?.text).toBe('');
    expect(state.live?.retry).toEqual({ attempt: 2, delayMs: 1500, reason: 'HTTP 503' });
    expect(state.retries).toBe(1);
    expect(reduce(state, delta(1, 'again')).live?.retry).toBeUndefined();
  });

  it('records errors in the history', () => {
    const state = run([
      started(),
      {
        type: 'error',
        turn: 1,
        speaker: 'Bob',
        kind: 'connection',
        message: 'refused',
        fatal: false,
      },
    ]);
    expect(state.errors).toBe(1);
    expect(state.history.at(-1)).toMatchObject({ kind: 'error', message: 'refused' });
  });

  it('turns the summary into one summary item, counting its usage once', () => {
    const state = run([
      started(2),
      turnStarted(3, 1, { kind: 'summary' }),
      delta(3, 'In short'),
      turnEnded(3, 1, 'In short.'),
      {
        type: 'summary',
        seat: 1,
        speaker: 'Alice',
        text: 'In short.',
        usage: { promptTokens: 100, completionTokens: 20, estimated: false },
        status: 'complete',
      },
    ]);
    expect(kinds(state)).toEqual(['header', 'topic', 'summary']);
    expect(state.usage.promptTokens).toBe(100);
    expect(state.live).toBeUndefined();
  });

  it('keeps the partial text of a turn cut off by the end, and takes the final totals', () => {
    const state = run([
      started(),
      turnStarted(1, 1),
      delta(1, 'Unfinish'),
      {
        type: 'discussion-ended',
        reason: 'interrupted',
        turns: 0,
        usage: { promptTokens: 7, completionTokens: 3, estimated: true },
      },
    ]);
    expect(state.history.at(-2)).toMatchObject({
      kind: 'turn',
      text: 'Unfinish',
      status: 'interrupted',
    });
    expect(state.history.at(-1)).toMatchObject({ kind: 'end', reason: 'interrupted' });
    expect(state.usage).toEqual({ promptTokens: 7, completionTokens: 3, estimated: true });
    expect(state.ended).toEqual({ reason: 'interrupted', turns: 0 });
  });

  it('keeps earlier history items identical so <Static> never re-renders them', () => {
    const before = run([started(), turnStarted(1, 1), turnEnded(1, 1, 'a')]);
    const after = run([turnStarted(2, 2), delta(2, 'x'), turnEnded(2, 2, 'b')], before);
    before.history.forEach((item, index) => {
      expect(after.history[index]).toBe(item);
    });
  });
});
