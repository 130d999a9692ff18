// A parallel phase in a real terminal, read as a person reads it: at 80×24 and 60×20 the replies
// stack, on a large terminal they stand side by side, each streaming under the heading it keeps
// in the history; the layout holds as replies end; then the LLM moderator gives the floor.
import { expect, it } from 'vitest';
import { floorLabel } from '../../src/render/labels.js';
import { describeInTmux, useFixture } from './fixture.js';
import { bodyOf, statusOf } from './screen-text.js';
import type { EventRecord } from './waits.js';

const NAMES = ['Ann', 'Bob', 'Cy'];
const CONFIG = {
  speakerPolicy: 'moderator',
  phases: [{ kind: 'opening' }, { kind: 'discussion', turns: 2 }, { kind: 'rounds', rounds: 1 }],
};

const headingsIn = (line: string, label: string) =>
  NAMES.filter((name) => line.includes(`${name} · ${label}`)).length;

/** The text printed under the one `heading` line, joined into one line. */
function textUnder(screen: string, heading: string): string {
  const lines = screen.split('\n');
  const at = lines.findIndex((line) => line.startsWith(heading));
  expect(lines.filter((line) => line.startsWith(heading))).toHaveLength(1);
  const text: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('  ')) break;
    text.push(line.trim());
  }
  return text.join(' ');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

// Ann says a few words and stops (a cut-off at her max_tokens, ~1 s at this pace); Bob and Cy
// run on to theirs (the dummy's `ramble` knob, ~4 s). So the frame with one opening answered and
// two still streaming lasts seconds, not the moment it did when three replies of chance lengths
// ended close together and a poll on a loaded machine could miss it.
const SEATS = [
  { max_tokens: 25 },
  { model: 'markov?ramble=1', max_tokens: 100 },
  { model: 'markov?ramble=1', max_tokens: 100 },
];

describeInTmux('parallel replies in tmux, under the LLM moderator', () => {
  const fixture = useFixture({ tokensPerSecond: 25 }, 3, CONFIG, SEATS);

  it.each([
    [80, 24, 'stacked'],
    [60, 20, 'stacked'],
    [160, 45, 'side by side'],
  ] as const)(
    '%i×%i: %s, streaming, then heard whole',
    async (columns, rows, layout) => {
      const run = await fixture.start(['--no-summary'], { columns, rows });

      // Every reply streams at once, each under its heading, its text indented beneath it.
      const streaming = await run.waitForScreen((screen) => {
        const body = bodyOf(screen);
        return (
          statusOf(screen).includes('Opening · 0/3 answered') &&
          NAMES.every((name) => body.includes(`${name} · opening`)) &&
          !body.includes('thinking…')
        );
      }, 'three openings streaming');
      const lines = bodyOf(streaming).split('\n');
      const together = lines.filter((line) => headingsIn(line, 'opening') > 0);
      // Each heading has its reply's text under it, indented as a turn's text is.
      for (const heading of together) {
        expect(lines[lines.indexOf(heading) + 1]).toMatch(/^ {2}\S/);
      }
      if (layout === 'stacked') {
        expect(together).toEqual(NAMES.map((name) => `${name} · opening`));
        // A blank row sets each reply apart, as in the history.
        for (const name of NAMES.slice(1)) {
          expect(lines[lines.indexOf(`${name} · opening`) - 1]).toBe('');
        }
      } else {
        expect(together).toHaveLength(1);
        expect(headingsIn(together[0] ?? '', 'opening')).toBe(3);
      }
      expect(statusOf(streaming)).toMatch(/~\d+ out/);

      // As replies end and go to the history, the ones still streaming keep their layout.
      const partway = await run.waitForScreen(
        (screen) => /Opening · 1\/3 answered/.test(statusOf(screen)),
        'a frame with one opening answered, two streaming',
      );
      const live = bodyOf(partway)
        .split('\n')
        .filter((line) => headingsIn(line, 'opening') > 1);
      if (layout === 'stacked') expect(live).toEqual([]);

      // Then the discussion. While the moderator is asked, the screen says so (it takes seconds).
      const choosing = await run.waitForScreen(
        (screen) => bodyOf(screen).includes('Moderator · choosing who speaks next…'),
        'the moderator choosing the first speaker',
      );
      expect(bodyOf(choosing)).toContain('══ Discussion ══');
      // The moderator gives the floor, and each turn's heading says why.
      const events = await run.waitForEvents(
        (all) => (all.some((e) => e.type === 'discussion-ended') ? all : undefined),
        'the end of the run',
        60_000,
      );
      expect(await run.exitCode()).toBe(0);
      const decisions = events.filter((e) => e.type === 'moderator-decision');
      expect(decisions.length).toBeGreaterThan(0);
      const screen = await run.scrollback();
      const discussion = events.filter(
        (e) => e.type === 'turn-started' && e.reason !== 'phase',
      ) as (EventRecord & { why?: string; steer?: string; reason: string })[];
      expect(discussion).toHaveLength(2);
      for (const turn of discussion) {
        const why = floorLabel(turn as Parameters<typeof floorLabel>[0]) ?? '';
        // Turns number on across the phases: no "/10", which counted the discussion alone.
        const heading = screen
          .split('\n')
          .find((line) => line.startsWith(`${turn.speaker} · turn ${turn.turn} · `));
        expect(heading).toContain(why.slice(0, Math.min(why.length, 12)));
      }

      // Every parallel reply is in the history once, whole, under the heading it streamed under.
      // Ann's replies are cut off at her max_tokens: heard as far as she got.
      const ended = events.filter(
        (e) => e.type === 'turn-ended' && (e.status === 'complete' || e.status === 'cut-off'),
      );
      for (const label of ['opening', 'round 1 of 1']) {
        for (const name of NAMES) {
          const reply = ended.find(
            (e) =>
              e.speaker === name &&
              events.some(
                (s) =>
                  s.type === 'turn-started' &&
                  s.turn === e.turn &&
                  s.reason === 'phase' &&
                  (label === 'opening' ? (s.turn ?? 0) <= 3 : (s.turn ?? 0) > 5),
              ),
          );
          expect(reply?.text).toBeTruthy();
          expect(textUnder(screen, `${name} · ${label}`)).toBe(squash(reply?.text ?? ''));
        }
      }
    },
    120_000,
  );
});
