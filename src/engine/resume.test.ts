// Resuming a recorded discussion from any point it could have been cut at: the rest is the
// uninterrupted run's, event for event, and asks the model the same.
import { describe, expect, it } from 'vitest';
import type { Command } from './commands.js';
import type { DiscussionEvent } from './events.js';
import { ModelError } from './model.js';
import { resumePoint } from './resume.js';
import type { EngineSettings } from './table.js';
import { ofType, type Script } from './test-utils/fake-model.js';
import { fixtureTable } from './test-utils/fixture.js';
import {
  hash,
  NAMES,
  type Plan,
  resumeSettings,
  runPlanned,
  storedEvents,
  variedScript,
} from './test-utils/planned-run.js';
import { chain, topicDrawn } from './test-utils/scripted-run.js';

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
  script: Script = variedScript,
): Promise<number> {
  const full = await runPlanned({ settings, script, plan });
  let checked = 0;
  for (let k = 1; k < full.events.length; k++) {
    if (fromCommand(full.events[k])) continue;
    const prefix = storedEvents(full.events.slice(0, k));
    const resumed = await runPlanned({ settings, script, plan, resume: prefix });
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
  it.each([2, 3, 4, 6])(
    'prefix + resumed events equal the uninterrupted run (seed %i)',
    async (seed) => {
      const full = await runPlanned({ settings: resumeSettings(seed), script: variedScript });
      // The script must really exercise the state being rebuilt.
      const ended = ofType(full.events, 'turn-ended');
      expect(ended.some((e) => e.status === 'failed')).toBe(true);
      expect(ofType(full.events, 'turn-started').some((e) => e.reason === 'mention')).toBe(true);
      expect(ofType(full.events, 'topic-changed').length).toBeGreaterThan(0);
      expect(ofType(full.events, 'summary')).toHaveLength(1);
      expect(full.events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
      expect(await expectEveryCutResumes(resumeSettings(seed))).toBeGreaterThan(50);
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
    const full = await runPlanned({ settings: resumeSettings(5), script: variedScript, plan });
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
    expect(await expectEveryCutResumes(resumeSettings(5), plan)).toBeGreaterThan(30);
  });
});

describe('resuming around what the schedule held back', () => {
  it('a redone wrap-up turn holds back its topic change and invitation again, and says so', async () => {
    const settings = resumeSettings(6, { turns: 5, askOpinionEvery: 1, topicChangeEvery: 1 });
    const full = await runPlanned({ settings, script: variedScript });
    const talk = ofType(full.events, 'turn-started').filter((e) => e.kind === 'turn');
    expect(talk.map((e) => e.withheld?.map((h) => `${h.decision} ${h.reason}`))).toEqual([
      undefined,
      ['topic-change fresh-topic'],
      ['topic-change wrap-up'],
      ['topic-change wrap-up'],
      ['topic-change wrap-up', 'invite-opinions last-turn'],
    ]);
    expect(await expectEveryCutResumes(settings)).toBeGreaterThan(15);
  });

  it('a change that waited for an answer or a second turn is made by the same turn', async () => {
    const settings = resumeSettings(3);
    const full = await runPlanned({ settings, script: variedScript });
    const talk = ofType(full.events, 'turn-started').filter((e) => e.kind === 'turn');
    const held = talk.map((e) => e.withheld?.find((h) => h.decision === 'topic-change')?.reason);
    // Turns 2 and 4 wait for a second turn, turn 8 for a named seat's answer; turns 3, 5 and 9
    // make the change that waited, with no draw of their own: only the record says it is due.
    expect(held.slice(0, 9)).toEqual([
      undefined,
      'fresh-topic',
      undefined,
      'fresh-topic',
      undefined,
      undefined,
      undefined,
      'answer',
      undefined,
    ]);
    const changes = ofType(full.events, 'topic-changed');
    expect(changes.map((e) => [e.turn, e.reason])).toEqual([
      [3, 'schedule'],
      [5, 'schedule'],
      [9, 'schedule'],
    ]);
    expect(changes.filter((e) => topicDrawn(settings, e.turn))).toEqual([]);
    expect(await expectEveryCutResumes(settings)).toBeGreaterThan(50);
  });
});

describe('resuming with two topic changes waiting', () => {
  it('a cut after a turn that kept a second draw makes both changes, as the run did', async () => {
    const settings = resumeSettings(3, { topicChangeEvery: 1, wrapUpTurns: 0 });
    const full = await runPlanned({ settings, script: variedScript });
    const talk = ofType(full.events, 'turn-started').filter((e) => e.kind === 'turn');
    const holds = talk.map((e) => e.withheld?.find((h) => h.decision === 'topic-change'));
    expect(holds.some((h) => h?.due === 2)).toBe(true);
    expect(await expectEveryCutResumes(settings)).toBeGreaterThan(50);
  });
});

describe('resuming around a silence guard that waits for an answer', () => {
  it("a cut between the wait and the silent seat's turn gives the silent seat that turn", async () => {
    const settings = resumeSettings(1, {
      speakerPolicy: 'round-robin',
      turns: 8,
      topicChangeEvery: 0,
      askOpinionEvery: 0,
    });
    const script = chain({
      Ann: ['Bob, what would it cost?', 'Bob, and who pays in year ten?'],
      Bob: ['Ann, about two million.'],
    });
    const full = await runPlanned({ settings, script });
    const talk = ofType(full.events, 'turn-started').filter((e) => e.kind === 'turn');
    // Turn 4: Bob answers Ann while Cy, due by the silence guard, waits; turn 5 is Cy's.
    expect(talk[3]?.withheld).toEqual([
      { decision: 'silence-guard', reason: 'answer', seat: 3, speaker: 'Cy' },
    ]);
    expect(talk[4]).toMatchObject({ speaker: 'Cy', guard: 'silence' });
    expect(await expectEveryCutResumes(settings, undefined, script)).toBeGreaterThan(30);
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
      const settings = resumeSettings(seed, { speakerPolicy, onRepeat, turns: 10 });
      const full = await runPlanned({ settings, script: moderatedScript });
      const ended = ofType(full.events, 'turn-ended');
      expect(ended.some((e) => e.control !== undefined || e.repeat !== undefined)).toBe(true);
      expect(await expectEveryCutResumes(settings, undefined, moderatedScript)).toBeGreaterThan(30);
    },
    120_000,
  );
});

describe('resuming after a reply that names a seat only in passing', () => {
  it.each(['addressed', 'named'] as const)(
    'gives the floor as the run did (floor: %s)',
    async (floor) => {
      const settings = resumeSettings(1, {
        speakerPolicy: 'round-robin',
        turns: 6,
        topicChangeEvery: 0,
        askOpinionEvery: 0,
        floor,
      });
      const script = chain({
        Ann: ['I want the sums first. Dee knows what I mean.'],
        Bob: ['I agree with Ann. Cy, what do you say?'],
      });
      const full = await runPlanned({ settings, script });
      const talk = ofType(full.events, 'turn-started').filter((e) => e.kind === 'turn');
      // Addressed: Dee is passed over and Cy addressed; named: Dee answers Ann.
      expect(talk.some((e) => e.passedOver !== undefined)).toBe(floor === 'addressed');
      expect(talk.some((e) => e.addressed === 'vocative')).toBe(floor === 'addressed');
      expect(talk[1]?.speaker).toBe(floor === 'addressed' ? 'Bob' : 'Dee');
      expect(await expectEveryCutResumes(settings, undefined, script)).toBeGreaterThan(20);
    },
  );
});
