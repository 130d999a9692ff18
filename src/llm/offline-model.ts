import type { Model, ModelChunk, ModelRequest, ResponseFormat } from '../engine/model.js';

export interface OfflineModelOptions {
  /** The same request with the same seed gives the same reply. */
  readonly seed?: number | undefined;
  /** Streaming pace; 0 is as fast as it can. */
  readonly tokensPerSecond?: number | undefined;
}

/** Pieces handed over in one chunk when nothing paces them: fewer, larger deltas cost less. */
const UNPACED_BATCH = 32;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The built-in Markov model, called in this process: the generation `roundtable dummy-server`
 * runs behind its HTTP API, without the API. An offline run then needs neither a web server nor
 * an HTTP client, which were most of its start-up time and memory (docs/benchmarks.md,
 * "Start-up"); the HTTP path is what `dummy-server` and the tests against it exercise.
 * Loaded lazily: only an offline run pays for the generator.
 */
export async function openOfflineModel(options: OfflineModelOptions = {}): Promise<Model> {
  const { MarkovEndpoint } = await import('../../test-server/requests.js');
  // One endpoint for the whole run: its caches are what make a conversation's next request cheap.
  const endpoint = MarkovEndpoint.from({
    seed: options.seed,
    tokensPerSecond: options.tokensPerSecond ?? 0,
    logLevel: 'silent',
  });
  const pace = endpoint.settings.tokensPerSecond;

  return async function* offlineReply(
    request: ModelRequest,
    signal: AbortSignal,
  ): AsyncGenerator<ModelChunk, void, undefined> {
    // A request over the network would let timers and I/O run; so does this one, once.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) return;
    // The body the HTTP client would send, read exactly as the server reads it.
    const { generation } = endpoint.chat({
      model: request.model ?? 'markov',
      messages: request.messages.map((message) => ({
        role: message.role,
        content: message.content,
      })),
      temperature: request.temperature,
      max_tokens: request.maxTokens,
      ...(request.responseFormat === undefined
        ? {}
        : { response_format: responseFormatBody(request.responseFormat) }),
    });
    const writer = generation.writers[0];
    if (writer === undefined) return;
    const started = performance.now();
    let sent = 0;
    while (!signal.aborted) {
      // Paced: the pieces now due; unpaced: a batch.
      const due =
        pace > 0
          ? Math.floor(((performance.now() - started) * pace) / 1000) + 1
          : sent + UNPACED_BATCH;
      let text = '';
      while (sent < due) {
        const piece = writer.nextPiece();
        if (piece === undefined) break;
        text += piece;
        sent++;
      }
      if (text !== '') yield { type: 'text', text };
      if (writer.done) break;
      if (pace > 0) await sleep(((sent + 1) * 1000) / pace - (performance.now() - started), signal);
    }
    if (signal.aborted) return;
    yield {
      type: 'usage',
      usage: {
        promptTokens: generation.promptTokens,
        completionTokens: writer.tokens,
        estimated: false,
      },
    };
  };
}

/** `response_format` as the openai client puts it on the wire. */
function responseFormatBody(format: ResponseFormat): unknown {
  if (format.type === 'json_object') return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: { name: format.name, schema: format.schema, strict: format.strict ?? false },
  };
}
