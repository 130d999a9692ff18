// Resuming a run that ended early (interrupted, failed, crashed, only its end missing): what is
// redone, what is kept, and what a completed run refuses.
import { describe, expect, it } from 'vitest';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import { ModelError } from './model.js';
import { resumePoint } from './resume.js';
import { FakeModel, ofType, type Script } from './test-utils/fake-model.js';
import { fixtureTable } from './test-utils/fixture.js';
import {
  resumeSettings,
  runPlanned,
  storedEvents,
  variedScript,
} from './test-utils/planned-run.js';

describe('resuming a run that ended', () => {
  it('redoes an interrupted turn, keeps its partial text on record and counts its usage', async () => {
    const settings = resumeSettings(7, { turns: 6, summary: false });
    const plain: Script = (r) => `${r.speaker} speaks, turn ${r.messages.length}.`;
    const full = await runPlanned({ settings, script: plain });
    const controller = new AbortController();
    const interrupted = await runPlanned({
      settings,
      signal: controller.signal,
      // The fourth turn: half a reply, then the user presses Ctrl-C.
      script: (r, call) =>
        call < 3 ? plain(r, call) : { chunks: ['Half a thought ', 'and'], stall: 'silent' },
      onEvent: (e) => {
        if (e.type === 'text-delta' && e.turn === 4) controller.abort();
      },
    });
    expect(interrupted.requests).toHaveLength(4);
    expect(interrupted.events.at(-1)).toMatchObject({ reason: 'interrupted', turns: 4 });
    expect(ofType(interrupted.events, 'turn-ended').at(-1)?.status).toBe('interrupted');

    const resumed = await runPlanned({
      settings,
      script: plain,
      resume: storedEvents(interrupted.events),
    });
    expect(resumed.events[0]).toEqual({ type: 'discussion-resumed', fromTurn: 4 });
    const turnsOf = (events: readonly DiscussionEvent[]) =>
      ofType(events, 'turn-ended')
        .filter((e) => e.status !== 'interrupted')
        .map((e) => [e.turn, e.speaker, e.text]);
    expect([...turnsOf(interrupted.events), ...turnsOf(resumed.events)]).toEqual(
      turnsOf(full.events),
    );
    expect(resumed.requests).toEqual(full.requests.slice(3));
    const end = resumed.events.at(-1);
    const fullEnd = full.events.at(-1);
    if (end?.type !== 'discussion-ended' || fullEnd?.type !== 'discussion-ended') {
      throw new Error('both runs must end');
    }
    expect(end).toMatchObject({ reason: 'completed', turns: 6 });
    // The interrupted attempt was paid for.
    expect(end.usage.promptTokens).toBeGreaterThan(fullEnd.usage.promptTokens);
  });

  it('redoes the turn whose fatal error ended the run, with the same speaker', async () => {
    const settings = resumeSettings(8, { turns: 5, summary: false });
    const plain: Script = (r) => `${r.speaker} is back.`;
    const failing = await runPlanned({
      settings,
      script: (r, call) =>
        call === 2
          ? { error: new ModelError('auth', 'the key was rejected', true) }
          : plain(r, call),
    });
    expect(failing.events.at(-1)).toMatchObject({ reason: 'failed', turns: 3 });
    const failedTurn = ofType(failing.events, 'turn-started')[2];

    const resumed = await runPlanned({
      settings,
      script: plain,
      resume: storedEvents(failing.events),
    });
    expect(resumed.events[0]).toEqual({ type: 'discussion-resumed', fromTurn: 3 });
    expect(ofType(resumed.events, 'turn-started')[0]).toMatchObject({
      turn: 3,
      speaker: failedTurn?.speaker,
    });
    expect(resumed.events.at(-1)).toMatchObject({ reason: 'completed', turns: 5 });
  });

  it('with onError stop, redoes the failed turn; with skip, a failure the run survived stays', async () => {
    const plain: Script = (r) => `${r.speaker} goes on.`;
    const flaky: Script = (r, call) =>
      call === 1 ? { error: new ModelError('server', 'HTTP 503', false) } : plain(r, call);
    const stopSettings = resumeSettings(9, { turns: 4, summary: false, onError: 'stop' });
    const stopped = await runPlanned({ settings: stopSettings, script: flaky });
    expect(stopped.events.at(-1)).toMatchObject({ reason: 'failed', turns: 2 });
    const again = await runPlanned({
      settings: stopSettings,
      script: plain,
      resume: storedEvents(stopped.events),
    });
    expect(again.events[0]).toEqual({ type: 'discussion-resumed', fromTurn: 2 });

    // A skip run that crashed after its failed turn 2: the failure is history.
    const skipSettings = resumeSettings(9, { turns: 4, summary: false, onError: 'skip' });
    const skipped = await runPlanned({ settings: skipSettings, script: flaky });
    const cut = skipped.events.findIndex((e) => e.type === 'turn-started' && e.turn === 3);
    const resumed = await runPlanned({
      settings: skipSettings,
      script: plain,
      resume: storedEvents(skipped.events.slice(0, cut)),
    });
    expect(resumed.events[0]).toEqual({ type: 'discussion-resumed', fromTurn: 3 });
  });

  it('gives a run that failed three times in a row a fresh failure streak', async () => {
    const settings = resumeSettings(10, { turns: 8, summary: false });
    const down: Script = () => ({ error: new ModelError('server', 'HTTP 502', false) });
    const dead = await runPlanned({ settings, script: down });
    expect(dead.events.at(-1)).toMatchObject({ reason: 'failed', turns: 3 });
    expect(resumePoint(fixtureTable, storedEvents(dead.events))).toMatchObject({
      failures: 0,
      nextTurn: 3,
    });
    // Two more failures after the resume do not end it: the streak started over.
    const resumed = await runPlanned({
      settings,
      script: (r, call) => (call < 2 ? down(r, call) : `${r.speaker} is fine now.`),
      resume: storedEvents(dead.events),
    });
    expect(resumed.events.at(-1)).toMatchObject({ reason: 'completed', turns: 8 });
  });

  it('after a crash the failure streak goes on', async () => {
    const settings = resumeSettings(14, { turns: 8, summary: false });
    const down: Script = () => ({ error: new ModelError('server', 'HTTP 502', false) });
    // Down from the second turn on: the run gives up after the fourth.
    const script: Script = (r, call) => (call === 0 ? `${r.speaker} opens.` : down(r, call));
    const full = await runPlanned({ settings, script });
    expect(full.events.at(-1)).toMatchObject({ reason: 'failed', turns: 4 });
    // A crash after the third turn (the second failure) …
    const cut = full.events.findIndex((e) => e.type === 'turn-ended' && e.turn === 3) + 1;
    const prefix = storedEvents(full.events.slice(0, cut));
    expect(resumePoint(fixtureTable, prefix)).toMatchObject({ failures: 2, nextTurn: 4 });
    // … and the next failure is still the third in a row.
    const resumed = await runPlanned({ settings, script: down, resume: prefix });
    expect(resumed.events.slice(1)).toEqual(full.events.slice(cut));
  });

  it('ends at once when only the end was missing after the summary', async () => {
    const settings = resumeSettings(11, { turns: 3 });
    const full = await runPlanned({ settings, script: variedScript });
    const prefix = storedEvents(full.events.slice(0, -1));
    const resumed = await runPlanned({ settings, script: variedScript, resume: prefix });
    expect(resumed.requests).toEqual([]);
    expect(resumed.events).toEqual([
      { type: 'discussion-resumed', fromTurn: 4 },
      full.events.at(-1),
    ]);
  });

  it('refuses a discussion that completed', async () => {
    const settings = resumeSettings(12, { turns: 2 });
    const full = await runPlanned({ settings, script: variedScript });
    expect(() =>
      runDiscussion({
        table: fixtureTable,
        settings,
        model: new FakeModel(variedScript).model,
        resume: { events: storedEvents(full.events) },
      }),
    ).toThrow(/already completed/);
  });

  it('writes only the end when every phase was spoken but the end was not: no turn, no second outcome', async () => {
    const settings = resumeSettings(14, { turns: 2, closing: true });
    const full = await runPlanned({ settings, script: variedScript });
    const noEnd = storedEvents(full.events).filter((e) => e.type !== 'discussion-ended');
    expect(noEnd.some((e) => e.type === 'outcome')).toBe(true);
    const point = resumePoint(fixtureTable, noEnd);
    expect(point).toMatchObject({ completed: false, endOnly: true, outcomeRecorded: true });
    const resumed = await runPlanned({ settings, script: variedScript, resume: noEnd });
    expect(resumed.requests).toEqual([]);
    expect(resumed.events.map((e) => e.type)).toEqual(['discussion-resumed', 'discussion-ended']);
    expect(resumed.events.at(-1)).toEqual(full.events.at(-1));
  });

  it('after the summary, asks only for its record when that is missing, and ends as the run would have', async () => {
    const settings = resumeSettings(14, { turns: 2, closing: true });
    const full = await runPlanned({ settings, script: variedScript });
    const all = storedEvents(full.events);
    const upTo = (type: DiscussionEvent['type']) =>
      all.slice(0, all.findIndex((e) => e.type === type) + 1);
    const ofFull = (type: DiscussionEvent['type']) => all.find((e) => e.type === type);
    // The record's requests are the ones after the summary's (its repair too, for this script).
    const summaryRequest = full.requests.findIndex((r) => r.purpose === 'summary');
    const recordRequests = full.requests.slice(summaryRequest + 1);
    expect(recordRequests.length).toBeGreaterThan(0);

    expect(resumePoint(fixtureTable, upTo('summary-record')).summaryRecordMissing).toBe(false);
    expect(resumePoint(fixtureTable, upTo('summary')).summaryRecordMissing).toBe(true);
    const recorded = await runPlanned({
      settings,
      script: variedScript,
      resume: upTo('summary-record'),
    });
    expect(recorded.requests).toEqual([]);
    expect(recorded.events.map((e) => e.type)).toEqual([
      'discussion-resumed',
      'phase-ended',
      'outcome',
      'discussion-ended',
    ]);

    const missing = await runPlanned({ settings, script: variedScript, resume: upTo('summary') });
    expect(missing.requests).toEqual(recordRequests);
    expect(missing.events.map((e) => e.type)).toEqual([
      'discussion-resumed',
      'summary-record',
      'phase-ended',
      'outcome',
      'discussion-ended',
    ]);
    expect(missing.events[1]).toEqual(ofFull('summary-record'));

    // Either way the decision record is the uninterrupted run's: its summary, record and cost.
    for (const resumed of [recorded, missing]) {
      expect(resumed.events.find((e) => e.type === 'outcome')).toEqual(ofFull('outcome'));
      expect(resumed.events.at(-1)).toEqual(full.events.at(-1));
    }
  });

  it('is not at its end while a phase is left, and decides again after an earlier run stopped', async () => {
    const settings = resumeSettings(15, { turns: 2, closing: true });
    const full = storedEvents((await runPlanned({ settings, script: variedScript })).events);
    const beforeClosing = full.slice(
      0,
      full.findIndex((e) => e.type === 'phase-started' && e.kind === 'closing'),
    );
    expect(resumePoint(fixtureTable, beforeClosing).endOnly).toBe(false);
    // A run stopped by the moderator wrote its outcome and its end; resumed, it decides anew.
    const stopped = [
      ...beforeClosing,
      ...full.filter((e) => e.type === 'outcome'),
      {
        type: 'discussion-ended',
        reason: 'stopped',
        turns: 2,
        usage: full.find((e) => e.type === 'discussion-ended')?.usage,
      } as DiscussionEvent,
    ];
    expect(resumePoint(fixtureTable, stopped).outcomeRecorded).toBe(false);
  });

  it('starts from the top when nothing but the run record was written', async () => {
    const settings = resumeSettings(13, { turns: 3 });
    const full = await runPlanned({ settings, script: variedScript });
    const resumed = await runPlanned({ settings, script: variedScript, resume: [] });
    expect(resumed.events).toEqual(full.events);
  });
});
