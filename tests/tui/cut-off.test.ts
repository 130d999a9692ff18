// The live view in a real terminal: a reply that broke off is marked as cut off, counted at the
// end, and Ctrl-C ends a turn that would never end at once.
import { expect, it } from 'vitest';
import { useFaultTerminal } from './fault-fixture.js';
import { describeInTmux } from './fixture.js';

describeInTmux('cut-off turns in the live view', () => {
  const terminal = useFaultTerminal();

  it('marks a reply that broke off, with its reason, and counts it at the end', async () => {
    terminal.script((i) =>
      i === 1 ? { kind: 'drop-after-text', text: 'I was about to say that' } : { kind: 'ok' },
    );
    const run = await terminal.start(await terminal.table('marked'), [
      '--no-summary',
      '--turns',
      '3',
    ]);
    expect(await run.exitCode(30_000)).toBe(0);
    const screen = await run.scrollback();
    expect(screen).toContain('I was about to say that');
    expect(screen).toMatch(/\(cut off\)/);
    expect(screen).toMatch(/⚠ cut off: the connection to .* broke/);
    expect(screen).toMatch(/Discussion completed after 3 turns \(1 cut off\)/);
  });

  it('ends an endless turn at once on Ctrl-C, keeping what was said (exit 130, resumable)', async () => {
    terminal.script(() => ({ kind: 'endless', text: 'more ' }));
    const run = await terminal.start(await terminal.table('endless'), [
      '--no-summary',
      '--turns',
      '3',
      '--max-tokens',
      '10000000',
      '--timeout',
      '3600',
    ]);
    await run.waitForEvents(
      (events) => events.find((e) => e.type === 'turn-started'),
      'the first turn to start',
    );
    await run.waitForScreen(
      (screen) => (screen.match(/more/g) ?? []).length > 20,
      'text streaming',
    );
    await run.press('C-c');
    // At once: the turn would otherwise run for ten million tokens or an hour.
    expect(await run.exitCode(10_000)).toBe(130);
    const events = await run.events();
    const ended = events.find((e) => e.type === 'turn-ended');
    expect(ended?.status).toBe('interrupted');
    expect(ended?.text?.length ?? 0).toBeGreaterThan(50);
    expect(events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'interrupted' });
  });
});
