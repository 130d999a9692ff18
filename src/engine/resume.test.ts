import { describe, expect, it } from 'vitest';
import type { Command } from './commands.js';
import { DiscussionControls } from './controls.js';
import { runDiscussion } from './discussion.js';
import type { DiscussionEvent } from './events.js';
import { ModelError, type ModelRequest } from './model.js';
import { resumePoint } from './resume.js';
import type { EngineSettings } from './table.js';
import { FakeModel, ofType, type Script } from './test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from './test-utils/fixture.js';

// Replies are a function of the request alone, so a resumed engine that asks the same
// questions gets the same answers whatever order or call count it asks them in.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const NAMES = ['Ann', 'Bob', 'Cy', 'Dee'];

/** A mix of every kind of reply: mentions, passes, cuts, retries, failures. */
const varied: Script = (request) => {
  const h = hash(JSON.stringify(request.messages));
  if (request.purpose === 'summary') return `${request.speaker} sums up: we agreed on ${h % 89}.`;
  switch (h % 7) {
    case 0:
      return { error: new ModelError('server', 'HTTP 500 from the test server', false) };
    case 1:
      return { chunks: [] };
    case 2: {
      const other = NAMES.find((n) => n !== request.speaker) ?? 'Ann';
      return `I say ${h % 71}.\n${other}: and I answer for myself.`;
    }
    case 3:
      return {
        chunks: ['After a wait, ', `${h % 53} it is.`],
        retries: [{ attempt: 1, delayMs: 1000, reason: 'HTTP 429: slow down' }],
        usage: { promptTokens: 100 + (h % 7), completionTokens: 9, estimated: false },
      };
    default:
      return `${request.speaker} thinks ${h % 97}; what do you say, @${NAMES[h % 4]}?`;
  }
};

const settingsFor = (seed: number, overrides: Partial<EngineSettings> = {}) =>
  fixtureSettings({
    turns: 12,
    wrapUpTurns: 3,
    topicChangeEvery: 3,
    askOpinionEvery: 3,
    seed,
    ...overrides,
  });

interface Run {
  readonly events: DiscussionEvent[];
  readonly requests: ModelRequest[];
}

/** Commands sent when a turn starts; the engine applies them after that turn. */
type Plan = ReadonlyMap<number, readonly Command[]>;

async function runOnce(options: {
  settings: EngineSettings;
  script: Script;
  plan?: Plan;
  resume?: readonly DiscussionEvent[];
  signal?: AbortSignal;
  onEvent?: (event: DiscussionEvent) => void;
}): Promise<Run> {
  const fake = new FakeModel(options.script);
  const controls = new DiscussionControls();
  const events: DiscussionEvent[] = [];
  for await (const event of runDiscussion({
    table: fixtureTable,
    settings: options.settings,
    model: fake.model,
    controls,
    signal: options.signal,
    resume: options.resume === undefined ? undefined : { events: options.resume },
  })) {
    events.push(event);
    options.onEvent?.(event);
    if (event.type === 'turn-started') {
      for (const command of options.plan?.get(event.turn) ?? []) controls.send(command);
    }
  }
  return { events, requests: fake.requests };
}

/** What events.jsonl keeps of a stream: no text deltas. */
const stored = (events: readonly DiscussionEvent[]) =>
  events.filter((e) => e.type !== 'text-delta');

/** Index just after the last event that closes a turn (or opens the discussion) before `k`. */
function lastBoundary(events: readonly DiscussionEvent[], k: number): number {
  for (let i = k - 1; i >= 0; i--) {
    const type = events[i]?.type;
    if (type === 'turn-ended' || type === 'summary' || type === 'discussion-started') return i + 1;
  }
  return 0;
}

/** A command's own events: a crash before they are written loses the command itself. */
const fromCommand = (event: DiscussionEvent | undefined) =>
  event?.type === 'command' ||
  event?.type === 'interjection' ||
  (event?.type === 'topic-changed' && event.reason === 'moderator');

async function expectEveryCutResumes(
  settings: EngineSettings,
  plan?: Plan,
  script: Script = varied,
): Promise<number> {
  const full = await runOnce({ settings, script, plan });
  let checked = 0;
  for (let k = 1; k < full.events.length; k++) {
    if (fromCommand(full.events[k])) continue;
    const prefix = stored(full.events.slice(0, k));
    const resumed = await runOnce({ settings, script, plan, resume: prefix });
    const [marker, ...rest] = resumed.events;
    expect(marker).toEqual({
      type: 'discussion-resumed',
      fromTurn: resumePoint(fixtureTable, prefix).nextTurn,
    });
    const start = full.events.length - rest.length;
    // The resumed run is the rest of the uninterrupted one, event for event, starting at the
    // cut or at the start of the turn the cut fell in, never earlier.
    expect(rest).toEqual(full.events.slice(start));
    expect(start).toBeLessThanOrEqual(k);
    expect(start).toBeGreaterThanOrEqual(lastBoundary(full.events, k));
    // …and it asked the model exactly what the uninterrupted run asked from there on.
    expect(resumed.requests).toEqual(full.requests.slice(-resumed.requests.length || Infinity));
    checked += 1;
  }
  return checked;
}

describe('resuming from any cut point', () => {
  it.each([1, 2, 3, 4])(
    'prefix + resumed events equal the uninterrupted run (seed %i)',
    async (seed) => {
      const full = await runOnce({ settings: settingsFor(seed), script: varied });
      // The script must really exercise the state being rebuilt.
      const ended = ofType(full.events, 'turn-ended');
      expect(ended.some((e) => e.status === 'failed')).toBe(true);
      expect(ofType(full.events, 'turn-started').some((e) => e.reason === 'mention')).toBe(true);
      expect(ofType(full.events, 'topic-changed').length).toBeGreaterThan(0);
      expect(ofType(full.events, 'summary')).toHaveLength(1);
      expect(full.events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
      expect(await expectEveryCutResumes(settingsFor(seed))).toBeGreaterThan(50);
    },
  );

  it('rebuilds moderator state too: interjections, asks, topic changes, wrap-up, skips', async () => {
    const plan: Plan = new Map<number, Command[]>([
      [2, [{ type: 'interject', text: 'What would it cost, @Cy?' }]],
      [3, [{ type: 'skip' }, { type: 'ask', name: 'ann' }]],
      [4, [{ type: 'set-topic', topic: 2 }]],
      [5, [{ type: 'next-topic' }]],
      [6, [{ type: 'pause' }, { type: 'resume' }, { type: 'set-topic', topic: 'Trams or bikes?' }]],
      [7, [{ type: 'interject', text: 'Keep it short, everyone.' }]],
      [9, [{ type: 'wrap-up' }]],
    ]);
    const full = await runOnce({ settings: settingsFor(5), script: varied, plan });
    const started = ofType(full.events, 'turn-started');
    expect(started.find((e) => e.turn === 3)).toMatchObject({ speaker: 'Cy', reason: 'moderator' });
    expect(ofType(full.events, 'turn-ended').find((e) => e.turn === 3)?.status).toBe('skipped');
    expect(started.find((e) => e.turn === 4)).toMatchObject({
      speaker: 'Ann',
      reason: 'moderator',
    });
    expect(
      ofType(full.events, 'topic-changed').filter((e) => e.reason === 'moderator'),
    ).toHaveLength(3);
    expect(started.filter((e) => e.kind === 'turn')).toHaveLength(9);
    expect(await expectEveryCutResumes(settingsFor(5), plan)).toBeGreaterThan(30);
  });
});

/** Replies that use every moderation feature: control words, repeats, mentions, failures. */
const moderatedScript: Script = (request) => {
  const h = hash(JSON.stringify(request.messages));
  if (request.purpose === 'summary') return `${request.speaker} sums up ${h % 89}.`;
  if (request.purpose === 'moderator') {
    return JSON.stringify({
      next: NAMES[h % 4],
      reason: `reason ${h % 7}`,
      steer: '',
      action: 'continue',
    });
  }
  if (request.purpose === 'bid') return String(h % 10);
  const own = request.messages.filter((m) => m.role === 'assistant').at(-1)?.content;
  switch (h % 8) {
    case 0:
      return { error: new ModelError('server', 'HTTP 500 from the test server', false) };
    case 1:
      return `${request.speaker} passes on ${h % 31}. [pass]`;
    case 2:
      return own === undefined ? `${request.speaker} starts ${h % 13}.` : `As I said, ${own}`;
    case 3:
      return `${request.speaker} would stop at ${h % 11}. [end]`;
    default:
      return `${request.speaker} holds ${h % 97} about the tram and the levy; @${NAMES[h % 4]}?`;
  }
};

describe('resuming a moderated discussion from any cut point', () => {
  it.each([
    // Seeds whose discussions meet a control word or a repeat (checked below).
    ['fair', 'regenerate', 3],
    ['round-robin', 'flag', 3],
    ['moderator', 'flag', 4],
    ['bid', 'regenerate', 3],
  ] as const)(
    '%s, onRepeat %s (seed %i)',
    async (speakerPolicy, onRepeat, seed) => {
      const settings = settingsFor(seed, { speakerPolicy, onRepeat, turns: 10 });
      const full = await runOnce({ settings, script: moderatedScript });
      const ended = ofType(full.events, 'turn-ended');
      expect(ended.some((e) => e.control !== undefined || e.repeat !== undefined)).toBe(true);
      expect(await expectEveryCutResumes(settings, undefined, moderatedScript)).toBeGreaterThan(30);
    },
    120_000,
  );
});

describe('resuming a run that ended', () => {
  it('redoes an interrupted turn, keeps its partial text on record and counts its usage', async () => {
    const settings = settingsFor(7, { turns: 6, summary: false });
    const plain: Script = (r) => `${r.speaker} speaks, turn ${r.messages.length}.`;
    const full = await runOnce({ settings, script: plain });
    const controller = new AbortController();
    const interrupted = await runOnce({
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

    const resumed = await runOnce({
      settings,
      script: plain,
      resume: stored(interrupted.events),
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
    const settings = settingsFor(8, { turns: 5, summary: false });
    const plain: Script = (r) => `${r.speaker} is back.`;
    const failing = await runOnce({
      settings,
      script: (r, call) =>
        call === 2
          ? { error: new ModelError('auth', 'the key was rejected', true) }
          : plain(r, call),
    });
    expect(failing.events.at(-1)).toMatchObject({ reason: 'failed', turns: 3 });
    const failedTurn = ofType(failing.events, 'turn-started')[2];

    const resumed = await runOnce({ settings, script: plain, resume: stored(failing.events) });
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
    const stopSettings = settingsFor(9, { turns: 4, summary: false, onError: 'stop' });
    const stopped = await runOnce({ settings: stopSettings, script: flaky });
    expect(stopped.events.at(-1)).toMatchObject({ reason: 'failed', turns: 2 });
    const again = await runOnce({
      settings: stopSettings,
      script: plain,
      resume: stored(stopped.events),
    });
    expect(again.events[0]).toEqual({ type: 'discussion-resumed', fromTurn: 2 });

    // A skip run that crashed after its failed turn 2: the failure is history.
    const skipSettings = settingsFor(9, { turns: 4, summary: false, onError: 'skip' });
    const skipped = await runOnce({ settings: skipSettings, script: flaky });
    const cut = skipped.events.findIndex((e) => e.type === 'turn-started' && e.turn === 3);
    const resumed = await runOnce({
      settings: skipSettings,
      script: plain,
      resume: stored(skipped.events.slice(0, cut)),
    });
    expect(resumed.events[0]).toEqual({ type: 'discussion-resumed', fromTurn: 3 });
  });

  it('gives a run that failed three times in a row a fresh failure streak', async () => {
    const settings = settingsFor(10, { turns: 8, summary: false });
    const down: Script = () => ({ error: new ModelError('server', 'HTTP 502', false) });
    const dead = await runOnce({ settings, script: down });
    expect(dead.events.at(-1)).toMatchObject({ reason: 'failed', turns: 3 });
    expect(resumePoint(fixtureTable, stored(dead.events))).toMatchObject({
      failures: 0,
      nextTurn: 3,
    });
    // Two more failures after the resume do not end it: the streak started over.
    const resumed = await runOnce({
      settings,
      script: (r, call) => (call < 2 ? down(r, call) : `${r.speaker} is fine now.`),
      resume: stored(dead.events),
    });
    expect(resumed.events.at(-1)).toMatchObject({ reason: 'completed', turns: 8 });
  });

  it('after a crash the failure streak goes on', async () => {
    const settings = settingsFor(14, { turns: 8, summary: false });
    const down: Script = () => ({ error: new ModelError('server', 'HTTP 502', false) });
    // Down from the second turn on: the run gives up after the fourth.
    const script: Script = (r, call) => (call === 0 ? `${r.speaker} opens.` : down(r, call));
    const full = await runOnce({ settings, script });
    expect(full.events.at(-1)).toMatchObject({ reason: 'failed', turns: 4 });
    // A crash after the third turn (the second failure) …
    const cut = full.events.findIndex((e) => e.type === 'turn-ended' && e.turn === 3) + 1;
    const prefix = stored(full.events.slice(0, cut));
    expect(resumePoint(fixtureTable, prefix)).toMatchObject({ failures: 2, nextTurn: 4 });
    // … and the next failure is still the third in a row.
    const resumed = await runOnce({ settings, script: down, resume: prefix });
    expect(resumed.events.slice(1)).toEqual(full.events.slice(cut));
  });

  it('ends at once when only the end was missing after the summary', async () => {
    const settings = settingsFor(11, { turns: 3 });
    const full = await runOnce({ settings, script: varied });
    const prefix = stored(full.events.slice(0, -1));
    const resumed = await runOnce({ settings, script: varied, resume: prefix });
    expect(resumed.requests).toEqual([]);
    expect(resumed.events).toEqual([
      { type: 'discussion-resumed', fromTurn: 4 },
      full.events.at(-1),
    ]);
  });

  it('refuses a discussion that completed', async () => {
    const settings = settingsFor(12, { turns: 2 });
    const full = await runOnce({ settings, script: varied });
    expect(() =>
      runDiscussion({
        table: fixtureTable,
        settings,
        model: new FakeModel(varied).model,
        resume: { events: stored(full.events) },
      }),
    ).toThrow(/already completed/);
  });

  it('writes only the end when every phase was spoken but the end was not: no turn, no second outcome', async () => {
    const settings = settingsFor(14, { turns: 2, closing: true });
    const full = await runOnce({ settings, script: varied });
    const noEnd = stored(full.events).filter((e) => e.type !== 'discussion-ended');
    expect(noEnd.some((e) => e.type === 'outcome')).toBe(true);
    const point = resumePoint(fixtureTable, noEnd);
    expect(point).toMatchObject({ completed: false, endOnly: true, outcomeRecorded: true });
    const resumed = await runOnce({ settings, script: varied, resume: noEnd });
    expect(resumed.requests).toEqual([]);
    expect(resumed.events.map((e) => e.type)).toEqual(['discussion-resumed', 'discussion-ended']);
    expect(resumed.events.at(-1)).toEqual(full.events.at(-1));
  });

  it('after the summary, asks only for its record when that is missing, and ends as the run would have', async () => {
    const settings = settingsFor(14, { turns: 2, closing: true });
    const full = await runOnce({ settings, script: varied });
    const all = stored(full.events);
    const upTo = (type: DiscussionEvent['type']) =>
      all.slice(0, all.findIndex((e) => e.type === type) + 1);
    const ofFull = (type: DiscussionEvent['type']) => all.find((e) => e.type === type);
    // The record's requests are the ones after the summary's (its repair too, for this script).
    const summaryRequest = full.requests.findIndex((r) => r.purpose === 'summary');
    const recordRequests = full.requests.slice(summaryRequest + 1);
    expect(recordRequests.length).toBeGreaterThan(0);

    expect(resumePoint(fixtureTable, upTo('summary-record')).summaryRecordMissing).toBe(false);
    expect(resumePoint(fixtureTable, upTo('summary')).summaryRecordMissing).toBe(true);
    const recorded = await runOnce({ settings, script: varied, resume: upTo('summary-record') });
    expect(recorded.requests).toEqual([]);
    expect(recorded.events.map((e) => e.type)).toEqual([
      'discussion-resumed',
      'phase-ended',
      'outcome',
      'discussion-ended',
    ]);

    const missing = await runOnce({ settings, script: varied, resume: upTo('summary') });
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
    const settings = settingsFor(15, { turns: 2, closing: true });
    const full = stored((await runOnce({ settings, script: varied })).events);
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
    const settings = settingsFor(13, { turns: 3 });
    const full = await runOnce({ settings, script: varied });
    const resumed = await runOnce({ settings, script: varied, resume: [] });
    expect(resumed.events).toEqual(full.events);
  });
});
