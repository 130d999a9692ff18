import { type Model, ModelError, type ModelRequest } from '../engine/model.js';
import { estimateTokens } from '../engine/usage.js';

/** A human seat's turn, waiting for the person to type. */
export interface HumanPrompt {
  readonly id: number;
  readonly seat: number;
  readonly speaker: string;
  readonly purpose: ModelRequest['purpose'];
}

/**
 * The bridge between the engine, which asks a `Model` for a reply, and the TUI, which shows an
 * input box while `current()` is set and hands the typed line back through `answer()`.
 */
export interface HumanSeat {
  readonly model: Model;
  current(): HumanPrompt | undefined;
  subscribe(listener: () => void): () => void;
  /** The person's reply to the current prompt; an empty or blank line passes the turn. */
  answer(text: string): void;
}

export interface HumanSeatOptions {
  /** False when there is no keyboard to type on: the turn then fails at once instead of hanging. */
  readonly canPrompt?: () => boolean;
}

export function createHumanSeat(options: HumanSeatOptions = {}): HumanSeat {
  const listeners = new Set<() => void>();
  let prompt: HumanPrompt | undefined;
  let settle: ((text: string) => void) | undefined;
  let nextId = 1;

  const notify = (): void => {
    for (const listener of listeners) listener();
  };

  const ask = (request: ModelRequest, signal: AbortSignal): Promise<string> =>
    new Promise<string>((resolve) => {
      // A new request while one is open (should not happen) passes the old one.
      settle?.('');
      const onAbort = (): void => finish('');
      const finish = (text: string): void => {
        signal.removeEventListener('abort', onAbort);
        if (settle !== finish) return;
        settle = undefined;
        prompt = undefined;
        notify();
        resolve(text);
      };
      settle = finish;
      prompt = {
        id: nextId++,
        seat: request.seat,
        speaker: request.speaker,
        purpose: request.purpose,
      };
      signal.addEventListener('abort', onAbort, { once: true });
      notify();
    });

  const model: Model = async function* humanReply(request, signal) {
    if (options.canPrompt?.() === false) {
      throw new ModelError(
        'unknown',
        `${request.speaker} is a human seat, but there is no terminal to type in (run roundtable in a terminal, or drop the human seat)`,
        true,
      );
    }
    if (signal.aborted) return;
    const text = (await ask(request, signal)).trim();
    if (text === '' || signal.aborted) return;
    yield { type: 'text', text };
    // Nobody is billed for a person reading; what they wrote is counted as the others will see it.
    yield {
      type: 'usage',
      usage: { promptTokens: 0, completionTokens: estimateTokens(text), estimated: true },
    };
  };

  return {
    model,
    current: () => prompt,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    answer(text) {
      settle?.(text);
    },
  };
}
