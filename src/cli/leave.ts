// How the process ends once the command is done. Left to itself, Node ends a finished run by
// tearing down its environment and its heap (~90 MB at the end of a 10-turn run): 40–60 ms of a
// 10-turn offline run's wall, after the last line is written (docs/benchmarks.md, "Start-up ›
// Session 8"). A command with nothing left running asks to leave at once instead: `process.exit`
// after stdout and stderr have handed everything on. Its 'exit' handlers still run (the
// transcript locks are released there); Node's compile cache is still saved.

let promptly = false;

/** The command leaves nothing running (no live view, no server): end the process at once. */
export function leavePromptly(): void {
  promptly = true;
}

/** Ends with `code`: at once when the command asked for it, else when Node's loop empties. */
export async function leave(code: number): Promise<void> {
  process.exitCode = code;
  if (!promptly) return;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves once `stream` has handed everything written to it so far to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}
