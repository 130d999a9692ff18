// Runs `roundtable run` in a real terminal (a detached tmux pane), reads the screen with
// `capture-pane` and types with `send-keys`. Each run gets its own tmux server (a socket in its
// own temporary folder), so test files can run in parallel without seeing each other's panes.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN, cleanEnv, ensureBuilt, ROOT } from '../helpers/cli.js';
import { DEFAULT_WAIT_MS, type EventRecord, waitFor } from './waits.js';

const exec = promisify(execFile);

export function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export interface TerminalRunOptions {
  /** Arguments after `run`. `--out` is added. */
  readonly args: readonly string[];
  /** Another command than `run` (`replay`): `args` follow it as given, with no `--out`. */
  readonly command?: string;
  /** Added to the clean environment of the run. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly columns?: number;
  readonly rows?: number;
  /** Where the run starts (the table folder when args name none). */
  readonly cwd?: string;
  /** Extra lines for the tmux configuration, e.g. `set -g set-clipboard on`. */
  readonly tmuxConfig?: readonly string[];
}

export class TerminalRun {
  readonly #dir: string;
  readonly #socket: string;
  readonly out: string;
  readonly #exitFile: string;
  #closed = false;

  private constructor(dir: string) {
    this.#dir = dir;
    this.#socket = join(dir, 'tmux.sock');
    this.out = join(dir, 'out');
    this.#exitFile = join(dir, 'exit-code');
  }

  static async start(options: TerminalRunOptions): Promise<TerminalRun> {
    ensureBuilt();
    const run = new TerminalRun(await mkdtemp(join(tmpdir(), 'roundtable-tui-')));
    // The pane stays after the program exits, so its last frame can still be read.
    const config = join(run.#dir, 'tmux.conf');
    await writeFile(
      config,
      [
        'set -g remain-on-exit on',
        'set -g history-limit 5000',
        'set -g default-shell /bin/sh',
        ...(options.tmuxConfig ?? []),
        '',
      ].join('\n'),
    );
    const argv =
      options.command === undefined
        ? [process.execPath, BIN, 'run', ...options.args, '--out', run.out]
        : [process.execPath, BIN, options.command, ...options.args];
    const command = `cd ${shellQuote(options.cwd ?? ROOT)} && ${argv.map(shellQuote).join(' ')}; echo $? > ${shellQuote(run.#exitFile)}`;
    await exec(
      'tmux',
      [
        '-S',
        run.#socket,
        '-f',
        config,
        'new-session',
        '-d',
        '-s',
        'roundtable',
        '-x',
        String(options.columns ?? 100),
        '-y',
        String(options.rows ?? 40),
        command,
      ],
      // The tmux server (and so the program) inherits this environment.
      { env: cleanEnv({ TERM: 'xterm-256color', TMUX: undefined, ...options.env }) },
    );
    return run;
  }

  async #tmux(...args: string[]): Promise<string> {
    const { stdout } = await exec('tmux', ['-S', this.#socket, ...args]);
    return stdout;
  }

  /** The visible pane, one line per row, trailing blanks trimmed. */
  async screen(): Promise<string> {
    return (await this.#tmux('capture-pane', '-p', '-t', 'roundtable')).trimEnd();
  }

  /** Everything printed, with each cell's colours and attributes as SGR sequences (capture-pane -e). */
  async scrollbackWithAttributes(): Promise<string> {
    return (await this.#tmux('capture-pane', '-p', '-e', '-S', '-', '-t', 'roundtable')).trimEnd();
  }

  /** The pane's title, which a program may set with OSC 0 or 2. */
  async title(): Promise<string> {
    return (await this.#tmux('display-message', '-p', '-t', 'roundtable', '#{pane_title}')).trim();
  }

  /** tmux's paste buffers (a program's OSC 52 clipboard writes land here with set-clipboard on). */
  async buffers(): Promise<string> {
    return (await this.#tmux('list-buffers')).trim();
  }

  /** Everything printed: the scrollback and the visible pane. */
  async scrollback(): Promise<string> {
    return (await this.#tmux('capture-pane', '-p', '-S', '-', '-t', 'roundtable')).trimEnd();
  }

  waitForScreen(
    holds: (screen: string) => boolean,
    what: string,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<string> {
    return waitFor(
      async () => {
        const screen = await this.screen();
        return holds(screen) ? screen : undefined;
      },
      what,
      timeoutMs,
      () => this.screen(),
    );
  }

  /** Key names as tmux spells them: 'Space', 'Enter', 'Escape', 'C-c', or a single character. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.#tmux('send-keys', '-t', 'roundtable', key);
  }

  /** Resizes the terminal, as dragging its window would. */
  async resize(columns: number, rows: number): Promise<void> {
    await this.#tmux(
      'resize-window',
      '-t',
      'roundtable',
      '-x',
      String(columns),
      '-y',
      String(rows),
    );
  }

  /** Where the terminal's cursor is, counted from the pane's top-left corner. */
  async cursor(): Promise<{ x: number; y: number }> {
    const text = await this.#tmux(
      'display-message',
      '-p',
      '-t',
      'roundtable',
      '#{cursor_x} #{cursor_y}',
    );
    const [x = 0, y = 0] = text.trim().split(' ').map(Number);
    return { x, y };
  }

  /** Pastes `text` as a terminal does: in one write, bracketed when the program asked for it. */
  async paste(text: string): Promise<void> {
    await this.#tmux('set-buffer', '-b', 'roundtable-paste', text);
    await this.#tmux('paste-buffer', '-p', '-d', '-b', 'roundtable-paste', '-t', 'roundtable');
  }

  /** Types `text` literally (no key names). */
  async type(text: string): Promise<void> {
    await this.#tmux('send-keys', '-t', 'roundtable', '-l', text);
  }

  async #transcriptDir(): Promise<string | undefined> {
    if (!existsSync(this.out)) return undefined;
    const [name] = await readdir(this.out);
    return name === undefined ? undefined : join(this.out, name);
  }

  /** The whole records of events.jsonl so far (a partial last line is left out). */
  async events(): Promise<EventRecord[]> {
    const dir = await this.#transcriptDir();
    if (dir === undefined) return [];
    let text: string;
    try {
      text = await readFile(join(dir, 'events.jsonl'), 'utf8');
    } catch {
      return [];
    }
    const whole = text.slice(0, text.lastIndexOf('\n') + 1);
    return whole
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as EventRecord);
  }

  waitForEvents<T>(
    probe: (events: EventRecord[]) => T | undefined,
    what: string,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<T> {
    return waitFor(
      async () => probe(await this.events()),
      what,
      timeoutMs,
      async () =>
        `${await this.screen()}\n--- events ---\n${(await this.events())
          .map((e) => `${e.type} ${e.turn ?? ''} ${e.speaker ?? ''} ${e.status ?? e.reason ?? ''}`)
          .join('\n')}`,
    );
  }

  async transcript(): Promise<string> {
    const dir = await this.#transcriptDir();
    if (dir === undefined) throw new Error('no transcript folder was written');
    return readFile(join(dir, 'transcript.md'), 'utf8');
  }

  /** The program's exit code, once it has exited. */
  exitCode(timeoutMs = DEFAULT_WAIT_MS): Promise<number> {
    return waitFor(
      async () => {
        try {
          const text = await readFile(this.#exitFile, 'utf8');
          return text.endsWith('\n') ? Number(text.trim()) : undefined;
        } catch {
          return undefined;
        }
      },
      'the program to exit',
      timeoutMs,
      () => this.screen(),
    );
  }

  /** Kills the tmux server (and with it the program, if still running) and removes the folder. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#tmux('kill-server');
    } catch {
      // Already gone.
    }
    // The program, hung up on, may still be closing its transcript in there (ENOTEMPTY).
    await rm(this.#dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
