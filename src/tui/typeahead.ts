// Keys typed while `roundtable run` starts would be echoed by the terminal over the first lines
// of the live view (the terminal echoes until the view takes the keyboard). So a run headed for
// the live view takes it at once: raw mode stops the echo, and what is typed is held for the
// view, which reads it as typing. Ctrl-C still interrupts (raw mode turns off the terminal's own
// signal, so it is raised here), and Node puts the terminal back as it was when it exits.

type Stdin = NodeJS.ReadStream & { setRawMode?: (mode: boolean) => unknown };

let held: Buffer[] | undefined;
let onReadable: (() => void) | undefined;

const VIEW_OFF = ['--plain', '--json', '--help', '-h', '--version', '-V'];

/** Whether these arguments start the live view on this terminal. */
export function startsLiveView(
  args: readonly string[],
  stdin: Stdin,
  stdout: { isTTY?: boolean },
): boolean {
  const command = args.find((arg) => !arg.startsWith('-'));
  return (
    (command === 'run' || command === 'resume') &&
    stdin.isTTY === true &&
    stdout.isTTY === true &&
    typeof stdin.setRawMode === 'function' &&
    !args.some((arg) => VIEW_OFF.includes(arg))
  );
}

// Read with 'readable' (never 'data' and pause(): a paused TTY stream whose read was cut short
// would never read again for the view's own 'readable' listener).
export function holdTypeahead(
  stdin: Stdin = process.stdin,
  stdout: { write(text: string): unknown } = process.stdout,
): void {
  if (held !== undefined) return;
  stdin.setRawMode?.(true);
  // Keys typed before this moment (while Node itself started) were echoed where the cursor
  // was, at the start of the line below the command: clear that line. The keys themselves are
  // still to be read, and will reach the view.
  stdout.write('\r\u001b[2K');
  const keys: Buffer[] = [];
  held = keys;
  onReadable = () => {
    for (let chunk = stdin.read() as Buffer | null; chunk !== null; chunk = stdin.read()) {
      if (chunk.includes(0x03)) {
        releaseTypeahead({ forView: false }, stdin);
        process.kill(process.pid, 'SIGINT');
        return;
      }
      keys.push(chunk);
    }
  };
  stdin.on('readable', onReadable);
}

/**
 * Hands the held keys on: to the live view (they are read again as if just typed), or back to
 * nobody with the terminal as it was (plain output, an error before the view opened).
 */
export function releaseTypeahead(
  { forView }: { forView: boolean },
  stdin: Stdin = process.stdin,
): void {
  if (held === undefined || onReadable === undefined) return;
  stdin.off('readable', onReadable);
  if (forView) {
    for (const chunk of held.reverse()) stdin.unshift(chunk);
  } else {
    stdin.setRawMode?.(false);
    // Nobody reads stdin any more: it must not keep the process alive.
    stdin.unref?.();
  }
  held = undefined;
  onReadable = undefined;
}
