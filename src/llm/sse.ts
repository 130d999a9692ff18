// Server-sent events read by hand rather than through the openai client's stream, which ends the
// whole reply at the first event it cannot parse: a reply is kept past a malformed event, and the
// caller decides what a broken event means (see openai-model.ts).

/** The data of each complete event (its `data:` lines joined by newlines), in order. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  let data: string[] = [];
  /** Lines of one event; a blank line ends it. */
  const take = function* (line: string): Generator<string> {
    if (line === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    const value = colon < 0 ? '' : line.slice(colon + 1);
    data.push(value.startsWith(' ') ? value.slice(1) : value);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A CR at the very end may be half of a CRLF: it waits for the next read.
      let start = 0;
      for (;;) {
        const lf = buffer.indexOf('\n', start);
        const cr = buffer.indexOf('\r', start);
        let end: number;
        let next: number;
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          if (cr === buffer.length - 1 && !done) break;
          end = cr;
          next = buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
        } else if (lf >= 0) {
          end = lf;
          next = lf + 1;
        } else break;
        yield* take(buffer.slice(start, end));
        start = next;
      }
      buffer = buffer.slice(start);
      // An event not closed by a blank line when the stream ends is incomplete: it is dropped.
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
