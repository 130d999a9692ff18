// The live view in a real terminal shows a hostile reply and hostile table text as inert text:
// the pane's title, the clipboard and the screen stay the program's own.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { HOSTILE_TEXT } from '../../src/render/test-utils/hostile.js';
import { useFaultTerminal } from './fault-fixture.js';
import { describeInTmux } from './fixture.js';

describeInTmux('terminal injection in the live view', () => {
  const terminal = useFaultTerminal();

  it('keeps the title, the clipboard and the screen when replies and the table carry escape sequences', async () => {
    terminal.script(() => ({ kind: 'ok', text: HOSTILE_TEXT }));
    const table = await terminal.table('table', async (dir) => {
      await writeFile(join(dir, 'task', 'context.txt'), `Context. \u001b]0;ctx title\u0007\n`);
      await writeFile(join(dir, 'task', 'questions.txt'), 'Why \u001b[2J\u001b[31mnow\u001b[0m?\n');
    });
    const run = await terminal.start(table, ['--turns', '2'], {
      // With set-clipboard on, tmux would take an OSC 52 write into a paste buffer.
      tmuxConfig: ['set -g set-clipboard on', 'set -g allow-rename on', 'set -g set-titles on'],
      columns: 120,
      rows: 50,
    });
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
