// A whole discussion run against a scripted fake model, for the engine's tests.
import { runDiscussion } from '../discussion.js';
import type { DiscussionEvent } from '../events.js';
import { createRandom, deriveSeed, normalizeSeed } from '../random.js';
import { everyToProbability } from '../schedule.js';
import type { EngineSettings, Participant, Table } from '../table.js';
import { collect, FakeModel, ofType, type Script } from './fake-model.js';
import { fixtureParticipants, fixtureSettings, fixtureTable } from './fixture.js';

export interface ScriptedRun {
  readonly table?: Table;
  readonly settings?: Partial<EngineSettings>;
  readonly script: Script;
  readonly signal?: AbortSignal;
}

/** Every event of the run (the fixture table and settings unless given), and the fake model. */
export async function runScripted(
  options: ScriptedRun,
): Promise<{ events: DiscussionEvent[]; fake: FakeModel }> {
  const fake = new FakeModel(options.script);
  const events = await collect(
    runDiscussion({
      table: options.table ?? fixtureTable,
      settings: fixtureSettings(options.settings),
      model: fake.model,
      signal: options.signal,
    }),
  );
  return { events, fake };
}

/**
 * Round-robin over 8 turns with nothing scheduled (no wrap-up, topic moves, invitations or
 * summary): who speaks is the policy's and the guards' alone.
 */
export const bareFloor = {
  speakerPolicy: 'round-robin',
  turns: 8,
  wrapUpTurns: 0,
  topicChangeEvery: 0,
  askOpinionEvery: 0,
  summary: false,
} as const;

/** Every seat says the same kind of thing, naming nobody. */
export const plainReply: Script = (request) => `${request.speaker} has a view on this.`;

/**
 * Each seat's replies in order, by how many times it has spoken (a function of the request
 * alone, so a resumed run hears the same); past its list, a reply that names nobody.
 */
export const chain =
  (lines: Readonly<Record<string, readonly string[]>>): Script =>
  (request) => {
    const spoken = request.messages.filter((m) => m.role === 'assistant').length;
    return lines[request.speaker]?.[spoken] ?? `${request.speaker} has a view on this.`;
  };

/** The discussion turns' starts (not the summary's), in order. */
export const turnsOf = (events: readonly DiscussionEvent[]) =>
  ofType(events, 'turn-started').filter((e) => e.kind === 'turn');

/** How a turn got the floor: who, the reason, its words, and any seat it made wait. */
export const floorOf = (e: ReturnType<typeof turnsOf>[number]) => ({
  speaker: e.speaker,
  reason: e.reason,
  why: e.why,
  ...(e.withheld === undefined ? {} : { withheld: e.withheld }),
});

/** Who had each discussion turn, in order. */
export const speakersOf = (events: readonly DiscussionEvent[]) =>
  turnsOf(events).map((e) => e.speaker);

export const seatNamed = (name: string): Participant => {
  const participant = fixtureParticipants.find((p) => p.name === name);
  if (participant === undefined) throw new Error(`no ${name}`);
  return participant;
};

/** The schedule's topic-change draw for a turn, made as the engine makes it: first in its stream. */
export const topicDrawn = (settings: EngineSettings, turn: number): boolean =>
  createRandom(deriveSeed(normalizeSeed(settings.seed ?? 0), turn)).chance(
    everyToProbability(settings.topicChangeEvery),
  );
