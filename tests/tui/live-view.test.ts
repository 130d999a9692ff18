// The live view in a real terminal: text streams in, and pause, skip and next-topic act on the
// running discussion (checked on screen and in the transcript's events.jsonl).
import { expect, it } from 'vitest';
import { describeInTmux, useFixture } from './fixture.js';
import { bodyOf, elapsedOf, statusOf, turnTextOf } from './screen-text.js';
import { waitFor, waitForTextMidTurn } from './waits.js';

/**
 * The screen above the status block without what moves by itself: the notice that answers a
 * key, and the spinner of a turn waiting for its first token.
 */
const spoken = (screen: string): string =>
  bodyOf(screen)
    .split('\n')
    .filter((line) => !line.startsWith('→ '))
    .join('\n')
    .replace(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g, '')
    .trimEnd();

describeInTmux('the live view in tmux', () => {
  const fixture = useFixture();
  it('streams the turn being spoken, growing on screen, even with CI=true', async () => {
    // Ink 8 would print only the final frame with CI set; on a terminal the view must stay live.
    const run = await fixture.start(['--turns', '20'], { env: { CI: 'true' } });
    const first = await run.waitForScreen(
      (screen) => (turnTextOf(screen, 1) ?? '').length > 0,
      'the first words of turn 1',
    );
    expect(first).toMatch(/Ann Ann Tester/);
    expect(first).toMatch(/markov @ http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(statusOf(first)).toMatch(/Turn 1\/20/);
    expect(statusOf(first)).toContain('space pause');
    expect(statusOf(first)).toContain('^W wrap');
    const before = turnTextOf(first, 1) ?? '';
    const grown = await run.waitForScreen((screen) => {
      const text = turnTextOf(screen, 1) ?? '';
      return text.length > before.length && text.startsWith(before.slice(0, -1));
    }, 'turn 1 to grow');
    expect((turnTextOf(grown, 1) ?? '').length).toBeGreaterThan(before.length);
  });

  it('pauses (nothing more streams, no turn starts) and resumes', async () => {
    const run = await fixture.start(['--turns', '20']);
    await waitForTextMidTurn(run);
    await run.press('Space');
    const paused = await run.waitForScreen(
      (screen) => statusOf(screen).includes('⏸ paused'),
      'the status line to say paused',
    );
    // Every key that works while paused is named, as the README's key table says.
    expect(statusOf(paused)).toContain(
      '⏸ paused · type to talk · space resume · ^S skip · ^N topic · ^W wrap · ^C quit · ? help',
    );
    const turnsWhenPaused = (await run.events()).filter((e) => e.type === 'turn-started').length;

    // The status clock ticks while paused: two more seconds on it with an unchanged body means
    // nothing streamed in that time (at 30 tokens/s some 60 tokens would have).
    const pausedAt = elapsedOf(paused) ?? 0;
    const settled = await run.waitForScreen(
      (screen) => (elapsedOf(screen) ?? 0) >= pausedAt + 1,
      'the clock to tick while paused',
    );
    const later = await run.waitForScreen(
      (screen) => (elapsedOf(screen) ?? 0) >= (elapsedOf(settled) ?? 0) + 2,
      'two more seconds on the clock',
    );
    expect(spoken(later)).toBe(spoken(settled));
    expect(statusOf(later)).toContain('⏸ paused');
    const events = await run.events();
    expect(events.filter((e) => e.type === 'turn-started')).toHaveLength(turnsWhenPaused);
    expect(events.findLast((e) => e.type === 'command')?.command?.type).toBe('pause');

    await run.press('Space');
    const resumed = await run.waitForScreen(
      (screen) =>
        statusOf(screen).includes('space pause') &&
        spoken(screen).length > spoken(later).length &&
        screen.includes('· resumed'),
      'the text to move on after resuming',
    );
    expect(statusOf(resumed)).not.toContain('paused');
    await run.waitForEvents(
      (all) =>
        all.some((e) => e.type === 'command' && e.command?.type === 'resume') ? true : undefined,
      'the resume command in events.jsonl',
    );
    // Where the pause markers go, at three sizes: readme-view.test.ts.
  });

  it('skips: the turn being spoken ends at once as "skipped", and the next one starts', async () => {
    const run = await fixture.start(['--turns', '20']);
    // A Markov reply may end by itself just as the key arrives; then the skip has nothing to
    // cut (the engine ignores a skip between turns) and the next turn is tried.
    let skipped: number | undefined;
    for (let attempt = 0; attempt < 4 && skipped === undefined; attempt++) {
      const current = await waitForTextMidTurn(run);
      await run.press('C-s');
      const ended = await run.waitForEvents(
        (events) => events.find((e) => e.type === 'turn-ended' && e.turn === current.turn),
        `turn ${current.turn} to end`,
      );
      if (ended.status === 'skipped') skipped = current.turn;
    }
    expect(skipped).toBeDefined();
    const turn = skipped ?? 0;
    const events = await run.events();
    const ended = events.find((e) => e.type === 'turn-ended' && e.turn === turn);
    expect(ended?.status).toBe('skipped');
    expect(
      events.some(
        (e) =>
          e.type === 'command' &&
          e.command?.type === 'skip' &&
          events.indexOf(e) < events.indexOf(ended as (typeof events)[number]),
      ),
    ).toBe(true);
    await run.waitForEvents(
      (all) => all.find((e) => e.type === 'turn-started' && e.turn === turn + 1),
      'the next turn to start',
    );
    await run.waitForScreen(
      (screen) => new RegExp(`· turn ${turn}/20 · markov \\(skipped\\)`).test(screen),
      'the skipped turn marked on screen',
    );
  });

  it('moves to the next topic on Ctrl-N pressed twice: a moderator topic change, on screen too', async () => {
    const run = await fixture.start(['--turns', '20']);
    const current = await waitForTextMidTurn(run);
    await run.press('C-n');
    await run.waitForScreen(
      (screen) => statusOf(screen).includes('next topic? ^N again: yes'),
      'the question on the status line',
    );
    expect((await run.events()).some((e) => e.type === 'topic-changed')).toBe(false);
    await run.press('C-n');
    const changed = await run.waitForEvents(
      (events) => events.find((e) => e.type === 'topic-changed'),
      'a topic change',
    );
    expect(changed).toMatchObject({ reason: 'moderator', topic: { index: 1, text: 'Who pays?' } });
    // The turn being spoken finishes on the old topic; the change applies from the next one.
    expect(changed.turn).toBeGreaterThan(current.turn ?? 0);
    const printed = await waitFor(async () => {
      const all = await run.scrollback();
      return all.includes('── Topic 2/3 (moderator): Who pays?') ? all : undefined;
    }, 'the topic marker');
    await waitFor(
      async () =>
        statusOf(await run.screen()).includes('Topic 2/3: Who pays?') ? true : undefined,
      'the status line to show the new topic',
    );
    expect(printed).toContain('── Topic 1/3: Park, housing or tram?');
  });

  it('survives a resize: everything is printed again once, at the new width', async () => {
    const run = await fixture.start(['--turns', '20']);
    // Turn 1 printed at 100 columns, turn 2 (or later) streaming.
    await run.waitForEvents(
      (events) => events.find((e) => e.type === 'turn-ended' && e.turn === 1),
      'turn 1 to end',
    );
    const current = await waitForTextMidTurn(run);
    await run.resize(60, 30);
    await run.waitForEvents(
      (events) => events.find((e) => e.type === 'turn-ended' && e.turn === (current.turn ?? 0) + 1),
      'a whole turn after the resize',
    );
    const printed = await waitFor(async () => {
      const all = await run.scrollback();
      return all.split('\n').some((line) => /^─{60}$/.test(line)) ? all : undefined;
    }, 'the status rule at 60 columns');
    const lines = printed.split('\n');
    // Terminals re-wrap what is on screen when they narrow; without a clean reprint, copies of
    // the live frame pile up in the scrollback and old lines break mid-word at the margin.
    expect(lines.filter((line) => /^─{20,}$/.test(line))).toEqual(['─'.repeat(60)]);
    expect(lines.filter((line) => line.startsWith('roundtable · '))).toHaveLength(1);
    const headings = lines.filter((line) => /^(Ann|Bob|Cy) · turn \d+\/20/.test(line));
    expect(new Set(headings).size).toBe(headings.length);
    const heading = lines.findIndex((line) => /^(Ann|Bob|Cy) · turn 1\/20/.test(line));
    const body = lines.slice(heading + 1, lines.indexOf('', heading + 1));
    const spoken1 = (await run.events()).find((e) => e.type === 'turn-ended' && e.turn === 1);
    const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
    expect(squash(body.join(' '))).toBe(squash(spoken1?.text ?? ''));
    for (const line of body) expect(line).toMatch(/^ {2}/);
    // A screen read mid-redraw has no status block: wait for a whole one.
    await run.waitForScreen((screen) => statusOf(screen).includes('space pause'), 'the keys line');
  });
});
