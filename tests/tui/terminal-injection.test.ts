// The live view in a real terminal shows a hostile reply and hostile table text as inert text:
// the pane's title, the clipboard and the screen stay the program's own.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { HOSTILE_TEXT } from '../../src/render/test-utils/hostile.js';
import { writeTable } from '../helpers/cli.js';
import { type FaultServer, startFaultServer } from '../helpers/fault-server.js';
import { describeInTmux } from './fixture.js';
import { TerminalRun } from './terminal.js';

describeInTmux('terminal injection in the live view', () => {
  let server: FaultServer | undefined;
  let tmp: string | undefined;
  const runs: TerminalRun[] = [];
  beforeAll(async () => {
    server = await startFaultServer({ schedule: () => ({ kind: 'ok', text: HOSTILE_TEXT }) });
    tmp = await mkdtemp(join(tmpdir(), 'roundtable-injection-'));
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((run) => run.close()));
  });
  afterAll(async () => {
    await server?.close();
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  });

  it('keeps the title, the clipboard and the screen when replies and the table carry escape sequences', async () => {
    if (server === undefined || tmp === undefined) throw new Error('not ready');
    const table = writeTable(join(tmp, 'table'), 2);
    await writeFile(join(table, 'task', 'context.txt'), `Context. \u001b]0;ctx title\u0007\n`);
    await writeFile(join(table, 'task', 'questions.txt'), 'Why \u001b[2J\u001b[31mnow\u001b[0m?\n');
    const run = await TerminalRun.start({
      args: [table, '--base-url', server.baseUrl, '--model', 'fault-model', '--turns', '2'],
      // With set-clipboard on, tmux would take an OSC 52 write into a paste buffer.
      tmuxConfig: ['set -g set-clipboard on', 'set -g allow-rename on', 'set -g set-titles on'],
      columns: 120,
      rows: 50,
    });
    runs.push(run);
    const titleBefore = await run.title();
    expect(await run.exitCode(30_000)).toBe(0);
    const screen = await run.scrollback();
    // Shown, as text: the reply's attacks and the table's.
    expect(screen).toContain('␛]0;pwned title␇');
    expect(screen).toContain('␛]52;c;');
    expect(screen).toContain('⟨U+009B⟩31m');
    expect(screen).toContain('visible␍HIDDEN');
    expect(screen).toContain('␛[2J');
    // Not obeyed: the title is the shell's, no clipboard write, the header was not cleared away.
    expect(await run.title()).toBe(titleBefore);
    expect(await run.title()).not.toMatch(/pwned|ctx title/);
    expect(await run.buffers()).toBe('');
    expect(screen).toMatch(/Ann Tester/);
    // No cell was coloured by the reply's SGR (the live view's own colours are 256-colour or RGB).
    const cells = await run.scrollbackWithAttributes();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is the point.
    expect(cells).not.toMatch(/\u001b\[(?:[0-9;]*;)?31m/u);
  });
});
