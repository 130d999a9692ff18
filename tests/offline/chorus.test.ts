// Seats that answer at once (the rounds format, closing positions) do not hear each other, and
// every seat speaks from the same built-in talk: two of them said one sentence word for word
// ("I would rather have something modest that works than something grand that stalls.") in 17
// of 24 rounds over 12 seeds. The talk is shared out among the seats (talk-shares.ts): within a
// discussion no two seats say the same sentence, at once or in turn (in turn, a seat hears what
// was said and never says it again: see Prepared.view).
import { describe, expect, it } from 'vitest';
import { isIntroduction } from '../../test-server/model/lines.js';
import { EXAMPLE_TABLE, type OfflineRun, runOffline } from './offline-run.js';

const SEEDS = Array.from({ length: 6 }, (_, i) => i + 1);
const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s !== '');
/** Sentences worth comparing: a seat's own words, not its name or a two-word reply. */
const said = (text: string) =>
  sentencesOf(text).filter((s) => !isIntroduction(s) && s.split(' ').length >= 5);

/** Each parallel phase's answers: per phase, each seat's sentences (turns and reasons). */
function atOnce(run: OfflineRun): Map<string, Map<string, string[]>> {
  const phases = new Map<string, Map<string, string[]>>();
  let phase: string | undefined;
  const add = (speaker: string, sentences: string[]) => {
    if (phase === undefined) return;
    const seats = phases.get(phase) ?? new Map<string, string[]>();
    seats.set(speaker, [...(seats.get(speaker) ?? []), ...sentences]);
    phases.set(phase, seats);
  };
  for (const event of run.events) {
    if (event.type === 'phase-started') phase = event.parallel ? event.title : undefined;
    // An answer of positions ("Question → trail (58% sure). Because …") is read from them below.
    else if (
      event.type === 'turn-ended' &&
      event.status === 'complete' &&
      !event.text.includes(' → ')
    )
      add(event.speaker, said(event.text));
    else if (event.type === 'positions')
      add(
        event.speaker,
        event.positions.flatMap((p) => [
          p.because,
          ...(p.position.includes(' ') ? [p.position] : []),
        ]),
      );
  }
  return phases;
}

function chorus(run: OfflineRun, seed: number): string[] {
  const alike: string[] = [];
  for (const [phase, seats] of atOnce(run)) {
    const whose = new Map<string, string>();
    for (const [speaker, sentences] of seats)
      for (const sentence of new Set(
        sentences.map((s) => s.replace(/^Because /, '').toLowerCase()),
      )) {
        const other = whose.get(sentence);
        if (other !== undefined && other !== speaker)
          alike.push(`seed ${seed} ${phase}: ${other} and ${speaker}: ${sentence}`);
        whose.set(sentence, speaker);
      }
  }
  return alike;
}

describe('seats answering at once at the example table, 6 seeds', () => {
  it('never say one sentence alike, in rounds or in closing positions', async () => {
    const alike: string[] = [];
    let phases = 0;
    for (const seed of SEEDS) {
      for (const config of [{ format: 'rounds' }, { closing: true }]) {
        const run = await runOffline(EXAMPLE_TABLE, { seed, turns: 8, config });
        phases += atOnce(run).size;
        alike.push(...chorus(run, seed));
      }
    }
    expect(phases).toBeGreaterThanOrEqual(18);
    expect(alike).toEqual([]);
  }, 180_000);
});
