/**
 * When the reader of stdout goes away (`roundtable run --json | head -3`), the next write fails
 * with EPIPE, which Node raises as an unhandled 'error' event: a stack trace, exit code 1 and a
 * transcript left without its end. Like any Unix tool, roundtable stops instead: the run ends as
 * an interrupted one, with the transcript closed.
 *
 * Calls `onClosed` once, at the first write error; later writes fail silently (the stream is
 * destroyed). Returns a function that stops watching. EPIPE is the normal way a pipe closes and
 * needs no message; anything else (a closed terminal, a full disk) is described in one line.
 */
export function onOutputClosed(
  stream: NodeJS.WritableStream,
  onClosed: (problem: string | undefined) => void,
): () => void {
  let closed = false;
  const listener = (error: NodeJS.ErrnoException): void => {
    if (closed) return;
    closed = true;
    onClosed(error.code === 'EPIPE' ? undefined : `${error.code ?? 'error'}: ${error.message}`);
  };
  stream.on('error', listener);
  return () => {
    stream.off('error', listener);
  };
}

/**
 * After a command has done its work, a failed write to stdout or stderr (a pipe closed early)
 * has nothing left to stop and must not become a crash.
 */
export function ignoreOutputErrors(...streams: NodeJS.WritableStream[]): void {
  for (const stream of streams) stream.on('error', () => {});
}
