// Plain output on a terminal is not paced, and wrapped lines in the live view start without a
// stray space, header lines with a hanging indent (the rest of what the README says of the view,
// at three sizes: readme-view.test.ts, human-seat.test.ts).
import { expect, it } from 'vitest';
import { describeInTmux, SIZES, useFixture } from './fixture.js';
import { paces, type Timed, UNPACED_TOKENS_PER_SECOND } from './waits.js';

describeInTmux('plain output on a terminal', () => {
  const fixture = useFixture('offline');

  it('is not paced: --plain streams the offline model as fast as it can', async () => {
    const run = await fixture.start(['--turns', '3', '--no-summary', '--plain']);
    expect(await run.exitCode(30_000)).toBe(0);
    const rates = paces((await run.events()) as Timed[]);
    expect(rates.length).toBeGreaterThan(0);
    expect(Math.max(...rates)).toBeGreaterThan(UNPACED_TOKENS_PER_SECOND);
  });
});

describeInTmux('wrapped lines in the live view', () => {
  const fixture = useFixture({ tokensPerSecond: 400 });

  for (const [columns, rows] of SIZES) {
    it(`start without a stray space and hang under their heading at ${columns}×${rows}`, async () => {
      const run = await fixture.start(['--turns', '4', '--no-summary'], { columns, rows });
      expect(await run.exitCode(30_000)).toBe(0);
      const lines = (await run.scrollback()).split('\n');
      const turns = (await run.events()).filter((e) => e.type === 'turn-ended');
      expect(turns).toHaveLength(4);
      for (const turn of turns) {
        const heading = lines.findIndex((l) => new RegExp(`^\\w+ · turn ${turn.turn}/4`).test(l));
        expect(heading).toBeGreaterThan(0);
        const body: string[] = [];
        for (const line of lines.slice(heading + 1)) {
          if (line === '' || !line.startsWith('  ')) break;
          body.push(line);
        }
        // Every row of a turn is indented by exactly two: never a third, stray, space.
        for (const line of body) expect(line).toMatch(/^ {2}\S/);
        expect(body.map((l) => l.trim()).join(' ')).toBe(
          (turn.text ?? '').replace(/\s+/g, ' ').trim(),
        );
      }
      // Header lines that wrap continue under their text; the topic marker under its own.
      const seat = lines.findIndex((l) => l.startsWith('● Cy Cy Tester'));
      if (columns < 60) expect(lines[seat + 1]).toMatch(/^ {2}\S/);
      const topic = lines.findIndex((l) => l.startsWith('── Topic 1/3'));
      if (lines[topic + 1] !== '') expect(lines[topic + 1]).toMatch(/^ {3}\S/);
    });
  }
});
