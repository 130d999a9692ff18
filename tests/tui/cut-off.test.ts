// The live view in a real terminal: a reply that broke off is marked as cut off, counted at the
// end, and Ctrl-C ends a turn that would never end at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { writeTable } from '../helpers/cli.js';
import { type Fault, type FaultServer, startFaultServer } from '../helpers/fault-server.js';
import { describeInTmux } from './fixture.js';
import { TerminalRun } from './terminal.js';

describeInTmux('cut-off turns in the live view', () => {
  let script: (index: number) => Fault | undefined = () => undefined;
  let server: FaultServer | undefined;
  let tmp: string | undefined;
  const runs: TerminalRun[] = [];
  beforeAll(async () => {
    server = await startFaultServer({ schedule: (i) => script(i) });
    tmp = await mkdtemp(join(tmpdir(), 'roundtable-cut-off-'));
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((run) => run.close()));
  });
  afterAll(async () => {
    await server?.close();
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  });

  async function start(name: string, args: readonly string[]): Promise<TerminalRun> {
    if (server === undefined || tmp === undefined) throw new Error('not ready');
    const table = writeTable(join(tmp, name), 2);
    const run = await TerminalRun.start({
      args: [
        table,
        '--base-url',
        server.baseUrl,
        '--model',
        'fault-model',
        '--no-summary',
        ...args,
      ],
      columns: 100,
      rows: 40,
    });
    runs.push(run);
    return run;
  }

  it('marks a reply that broke off, with its reason, and counts it at the end', async () => {
    script = (i) =>
      i === 1 ? { kind: 'drop-after-text', text: 'I was about to say that' } : { kind: 'ok' };
    const run = await start('marked', ['--turns', '3']);
    expect(await run.exitCode(30_000)).toBe(0);
    const screen = await run.scrollback();
    expect(screen).toContain('I was about to say that');
    expect(screen).toMatch(/\(cut off\)/);
    expect(screen).toMatch(/⚠ cut off: the connection to .* broke/);
    expect(screen).toMatch(/Discussion completed after 3 turns \(1 cut off\)/);
  });

  it('ends an endless turn at once on Ctrl-C, keeping what was said', async () => {
    script = () => ({ kind: 'endless', text: 'more ' });
    const run = await start('endless', [
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
    expect(await run.exitCode(10_000)).toBe(0);
    const events = await run.events();
    const ended = events.find((e) => e.type === 'turn-ended');
    expect(ended?.status).toBe('skipped');
    expect(ended?.text?.length ?? 0).toBeGreaterThan(50);
    expect(events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'stopped', turns: 1 });
  });
});
