// How the process ends once the command is done. Left to itself, Node ends a finished run by
// tearing down its environment and its heap after the last line is written: ~90 M instructions
// of a 10-turn offline run, ~4 ms of its wall on a quiet machine and 30–50 ms on a loaded one
// (docs/benchmarks.md, "Start-up › Session 8"). A command with nothing left running asks to
// leave at once instead: `process.exit` after stdout and stderr have handed everything on. Its
// 'exit' handlers still run (the transcript locks are released there); Node's compile cache is
// still saved.

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
