// What read as scripted in long offline runs and structured answers (init table, seeds 1-12, as
// scripts/offline-scripted.ts counts them): a stock answer opener said again by one seat (10 in
// twelve 40-turn runs) or by a second seat (24); a closing stance template a second seat also said
// (115 of 240 free-text positions); a walk that joined two talk sentences and said the opposite
// of the end it took ("Experience tells me to be bold.", ten times); a peer reviewer ranking first
// an answer against its own position while another shared it (16 of 35 reviewers); an invitation
// said again ("What do you think, Tomasz?", 3 in twelve 40-turn runs at the init table).
import { describe, expect, it } from 'vitest';
import { STANCES } from '../../test-server/json/positions.js';
import { ANSWERS, invitationForm } from '../../test-server/model/lines.js';
import { reversesTalk } from '../../test-server/model/reversal.js';
import { EXAMPLE_TABLE, type OfflineRun, runOffline } from './offline-run.js';

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s !== '');

function turns(run: OfflineRun): { speaker: string; text: string }[] {
  const out: { speaker: string; text: string }[] = [];
  for (const event of run.events)
    if (event.type === 'turn-ended' && event.status === 'complete' && !event.text.includes(' → '))
      out.push({ speaker: event.speaker, text: event.text });
  return out;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STANCE_FORMS = STANCES.map(
  (stance) => new RegExp(`^${escaped(stance('\u0000')).replace('\u0000', '.+')}$`),
);

describe('forty-turn runs at the example table, 3 seeds', async () => {
  const runs = await Promise.all(
    [1, 2, 3].map((seed) =>
      runOffline(EXAMPLE_TABLE, {
        seed,
        turns: 40,
        config: { closing: true, speakerPolicy: 'fair' },
      }),
    ),
  );

  it('open an answer with a stock line at most once a seat, and never one another seat used', () => {
    const again: string[] = [];
    let openers = 0;
    for (const [k, run] of runs.entries()) {
      const whose = new Map<string, string>();
      for (const { speaker, text } of turns(run)) {
        const opener = sentencesOf(text).find((s) => ANSWERS.includes(s));
        if (opener === undefined) continue;
        openers++;
        const before = whose.get(opener);
        if (before !== undefined)
          again.push(`seed ${k + 1}: ${before}, then ${speaker}: ${opener}`);
        whose.set(opener, speaker);
      }
    }
    expect(openers).toBeGreaterThan(6);
    expect(again).toEqual([]);
  });

  it('vary their invitations: none said twice, and a seat seldom asks in a form it used before', () => {
    const again: string[] = [];
    let invited = 0;
    let formAgain = 0;
    for (const [k, run] of runs.entries()) {
      const whose = new Map<string, string>();
      const forms = new Map<string, number[]>();
      for (const { speaker, text } of turns(run)) {
        const last = sentencesOf(text).at(-1) ?? '';
        const form = last.endsWith('?') ? invitationForm(last) : -1;
        if (form < 0) continue;
        invited++;
        const before = whose.get(last);
        if (before !== undefined) again.push(`seed ${k + 1}: ${before}, then ${speaker}: ${last}`);
        whose.set(last, speaker);
        if (forms.get(speaker)?.includes(form) === true) formAgain++;
        forms.set(speaker, [...(forms.get(speaker) ?? []), form]);
      }
    }
    expect(invited).toBeGreaterThan(12);
    expect(again).toEqual([]);
    // 1 in these runs (12 forty-turn runs at the init table: 6 before, 1 after).
    expect(formAgain).toBeLessThanOrEqual(3);
  });

  it("close on free-text positions in each seat's own words, no template two seats say", () => {
    const shared: string[] = [];
    let free = 0;
    for (const [k, run] of runs.entries()) {
      const whose = new Map<number, string>();
      for (const event of run.events) {
        if (event.type !== 'positions') continue;
        for (const { position } of event.positions) {
          if (!/\s/.test(position)) continue;
          free++;
          const form = STANCE_FORMS.findIndex((f) => f.test(position));
          if (form < 0) continue;
          const before = whose.get(form);
          if (before !== undefined && before !== event.speaker)
            shared.push(`seed ${k + 1}: ${before} and ${event.speaker}: ${position}`);
          whose.set(form, event.speaker);
        }
      }
    }
    expect(free).toBeGreaterThanOrEqual(3 * 4 * 4);
    expect(shared).toEqual([]);
  });
}, 240_000);

describe('ten-turn runs at the example table, 12 seeds', async () => {
  const runs = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      runOffline(EXAMPLE_TABLE, {
        seed: i + 1,
        turns: 10,
        config: { closing: true, speakerPolicy: 'fair' },
      }),
    ),
  );

  it('say no sentence that turns the meaning of a talk sentence it joined', () => {
    const turned = runs.flatMap((run) =>
      turns(run).flatMap(({ speaker, text }) =>
        sentencesOf(text)
          .filter((s) => reversesTalk(s.split(' ')))
          .map((s) => `${speaker}: ${s}`),
      ),
    );
    expect(turned).toEqual([]);
  });
}, 240_000);

describe("a council's peer review at the example table, 8 seeds", async () => {
  const runs = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
      runOffline(EXAMPLE_TABLE, { seed, turns: 4, config: { format: 'council', closing: true } }),
    ),
  );

  it('ranks first an answer that shares the reviewer’s own position, where one does', () => {
    const missed: string[] = [];
    let alike = 0;
    for (const [k, run] of runs.entries()) {
      const chose = new Map<number, string>();
      for (const event of run.events)
        if (event.type === 'positions' && event.positions[0] !== undefined)
          chose.set(event.seat, event.positions[0].position);
      for (const event of run.events) {
        if (event.type !== 'review' || event.ranking === undefined) continue;
        const own = chose.get(event.seat);
        if (!event.ranking.some((seat) => chose.get(seat) === own)) continue;
        alike++;
        const first = event.ranking[0] ?? 0;
        if (chose.get(first) !== own)
          missed.push(`seed ${k + 1}: ${event.speaker} (${own}) put first ${chose.get(first)}`);
      }
    }
    expect(alike).toBeGreaterThanOrEqual(12);
    expect(missed).toEqual([]);
  });

  it('says in its own words where it parts from an answer', () => {
    const evaluations = runs.flatMap((run) =>
      run.replies
        .filter(
          ({ request }) =>
            request.responseFormat?.type === 'json_schema' &&
            request.responseFormat.name === 'peer_review',
        )
        .map(({ text }) => (JSON.parse(text) as { evaluation: string }).evaluation),
    );
    const own = evaluations.filter((e) =>
      /closest to my own view|; I chose [^,]+, because /.test(e),
    );
    expect(own.length).toBeGreaterThan(evaluations.length / 2);
  });
}, 240_000);
