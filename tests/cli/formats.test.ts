// Each format's phases through the real CLI against a scripted server that records every request:
// what each seat was sent, phase by phase. Every reply names the request it answers ("Point R7."),
// so a request shows exactly which earlier replies it carried.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscussionEvent, EventOf } from '../../src/engine/events.js';
import { parseEventsFile } from '../../src/transcript/events-file.js';
import { runCli, withTempDir, writeTable } from '../helpers/cli.js';
import {
  type FaultServer,
  type RecordedRequest,
  startFaultServer,
} from '../helpers/fault-server.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NAMES = ['Ann', 'Bob', 'Cy', 'Dee'];

interface ChatBody {
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly response_format?: { readonly type: string } | undefined;
}

const bodyOf = (request: RecordedRequest): ChatBody => request.body as ChatBody;
const heard = (request: RecordedRequest): string =>
  bodyOf(request)
    .messages.map((m) => m.content)
    .join('\n');
/** The replies (by the request number they answered) that a request carried. */
const repliesIn = (request: RecordedRequest): number[] =>
  [...heard(request).matchAll(/Point R(\d+)\./gu)].map((m) => Number(m[1])).sort((a, b) => a - b);

/** A scripted model: a review gets a ranking, anything else a reply naming its request. */
function answer(request: RecordedRequest): string {
  if (bodyOf(request).response_format !== undefined) {
    return JSON.stringify({ evaluation: 'B is the most concrete.', ranking: ['B', 'A', 'C'] });
  }
  return `Point R${request.index}.`;
}

interface Run {
  readonly events: readonly DiscussionEvent[];
  readonly requests: readonly RecordedRequest[];
  /** For each request answered by a turn: that turn's seat and phase. */
  readonly answered: ReadonlyMap<number, { seat: number; turn: number; phase: number | undefined }>;
}

async function runFormat(
  args: readonly string[],
  sides?: readonly (string | undefined)[],
): Promise<Run> {
  const fake = await startFaultServer({ schedule: () => ({ kind: 'ok' }), answer });
  server = fake;
  return withTempDir(async (tmp) => {
    const table = writeTable(join(tmp, 'table'), 4);
    sides?.forEach((side, k) => {
      if (side === undefined) return;
      const file = join(table, 'participants', `role${k + 1}.json`);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), side }));
    });
    const out = join(tmp, 'out');
    const result = await runCli([
      'run',
      table,
      '--plain',
      '--base-url',
      fake.baseUrl,
      '--model',
      'fault-model',
      '--seed',
      '3',
      '--out',
      out,
      ...args,
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /u);
    expect(result.code).toBe(0);
    const [folder] = readdirSync(out);
    const { events: stored } = parseEventsFile(
      readFileSync(join(out, folder ?? '', 'events.jsonl'), 'utf8'),
    );
    const events: readonly DiscussionEvent[] = stored;
    const phaseOf = new Map(
      events
        .filter((e): e is EventOf<'turn-started'> => e.type === 'turn-started')
        .map((e) => [e.turn, e.phase]),
    );
    const answered = new Map<number, { seat: number; turn: number; phase: number | undefined }>();
    for (const e of events) {
      if (e.type !== 'turn-ended') continue;
      const n = /^Point R(\d+)\.$/u.exec(e.text)?.[1];
      if (n !== undefined)
        answered.set(Number(n), { seat: e.seat, turn: e.turn, phase: phaseOf.get(e.turn) });
    }
    return { events, requests: fake.chatRequests(), answered };
  });
}

/** The requests answered in phase `phase`, in the order they were sent. */
const inPhase = (run: Run, phase: number): RecordedRequest[] =>
  run.requests.filter((r) => run.answered.get(r.index)?.phase === phase);

describe('formats against a recording server', () => {
  it('council: a blind opening, then an anonymous review shuffled per reviewer, then the synthesis', async () => {
    const run = await runFormat(['--format', 'council']);
    const openings = inPhase(run, 0);
    expect(openings).toHaveLength(4);
    // Blind: no opening request carries another reply.
    for (const request of openings) expect(repliesIn(request)).toEqual([]);
    const openingReplies = openings.map((r) => r.index).sort((a, b) => a - b);

    const reviews = run.requests.filter((r) => bodyOf(r).response_format !== undefined);
    expect(reviews).toHaveLength(4);
    const orders = new Set<string>();
    for (const request of reviews) {
      const text = heard(request);
      const reviewer = /Moderator: (\w+), here are the answers/u.exec(text)?.[1];
      expect(NAMES).toContain(reviewer);
      // The other seats are neither named nor described; their answers are labelled A, B, C.
      for (const name of NAMES.filter((n) => n !== reviewer)) expect(text).not.toContain(name);
      expect(text).toMatch(/Response A:[\s\S]*Response B:[\s\S]*Response C:/u);
      expect(text).not.toContain('Response D');
      expect(bodyOf(request).response_format?.type).toBe('json_schema');
      // Exactly the three other openings labelled, and the reviewer's own as its own.
      const own = openings.find(
        (r) => run.answered.get(r.index)?.seat === NAMES.indexOf(reviewer ?? '') + 1,
      );
      const labelled = [...text.matchAll(/Response [A-C]:\nPoint R(\d+)/gu)].map((m) => m[1]);
      expect(labelled.map(Number).sort((a, b) => a - b)).toEqual(
        openingReplies.filter((n) => n !== own?.index),
      );
      expect(text).toContain(`Your own answer:\nPoint R${own?.index}.`);
      orders.add(labelled.join());
    }
    expect(orders.size).toBeGreaterThan(1);

    // The chair's synthesis (the best reviewed seat here) hears the openings and the tally.
    const synthesis = run.requests.at(-1) as RecordedRequest;
    expect(repliesIn(synthesis)).toEqual(openingReplies);
    expect(heard(synthesis)).toContain('Peer review, best ranked first');
    expect(run.requests).toHaveLength(9);
  }, 60_000);

  it('rounds: every round hears exactly the previous round', async () => {
    const run = await runFormat(['--format', 'rounds', '--rounds', '3', '--no-summary']);
    expect(
      run.events
        .filter((e) => e.type === 'phase-started')
        .map((e) => (e as EventOf<'phase-started'>).title),
    ).toEqual(['Round 1 of 3', 'Round 2 of 3', 'Round 3 of 3']);
    // Parallel replies take consecutive turn numbers: round k is turns 4k+1 to 4k+4.
    const rounds = [0, 1, 2].map((k) =>
      run.requests.filter((r) => {
        const turn = run.answered.get(r.index)?.turn ?? 0;
        return turn > 4 * k && turn <= 4 * k + 4;
      }),
    );
    expect(rounds.map((r) => r.length)).toEqual([4, 4, 4]);
    const replies = rounds.map((round) => round.map((r) => r.index).sort((a, b) => a - b));
    for (const request of rounds[0] ?? []) expect(repliesIn(request)).toEqual([]);
    for (const k of [1, 2]) {
      for (const request of rounds[k] ?? []) expect(repliesIn(request)).toEqual(replies[k - 1]);
    }
  }, 60_000);

  it('debate: opening statements, rebuttals alternating the sides, closings, the judge last', async () => {
    const sides = ['for', 'against', 'for', 'judge'];
    const run = await runFormat(['--format', 'debate', '--turns', '6'], sides);
    const sideOf = (seat: number | undefined) => sides[(seat ?? 0) - 1];
    const phases = run.events.filter(
      (e): e is EventOf<'phase-started'> => e.type === 'phase-started',
    );
    expect(phases.map((p) => p.kind)).toEqual(['opening', 'discussion', 'closing', 'summary']);
    // The opening statements are blind, from the debaters only.
    const openings = inPhase(run, 0);
    expect(openings.map((r) => sideOf(run.answered.get(r.index)?.seat)).sort()).toEqual([
      'against',
      'for',
      'for',
    ]);
    for (const request of openings) expect(repliesIn(request)).toEqual([]);
    // The rebuttals, in the order they were asked, alternate the sides.
    const rebuttals = inPhase(run, 1);
    expect(rebuttals.map((r) => sideOf(run.answered.get(r.index)?.seat))).toEqual([
      'for',
      'against',
      'for',
      'against',
      'for',
      'against',
    ]);
    // Each rebuttal has heard every reply before it.
    for (const request of rebuttals) {
      expect(repliesIn(request)).toEqual(
        [...run.answered.keys()].filter((n) => n < request.index).sort((a, b) => a - b),
      );
    }
    // The judge speaks once, last, having heard everything.
    const verdict = run.requests.at(-1) as RecordedRequest;
    expect(heard(verdict)).toContain('As the judge');
    expect(repliesIn(verdict)).toEqual([...run.answered.keys()].sort((a, b) => a - b));
  }, 60_000);
});
