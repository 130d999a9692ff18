import { type Knobs, NO_KNOBS } from '../model/knobs.js';
import { MarkovModel } from '../model/markov-model.js';
import { type MessageInput, readChat } from '../model/read-request.js';
import type { ReplyText } from '../model/turn.js';
import { randomFrom } from '../prng.js';

/** A model with the server's defaults, for tests that compose replies without HTTP. */
export function testModel(): MarkovModel {
  return new MarkovModel({ contextWords: 1000, cacheBytes: 16 * 1024 * 1024 });
}

export interface ComposeOptions {
  readonly temperature?: number;
  readonly seed?: string;
  readonly knobs?: Partial<Knobs>;
  readonly model?: MarkovModel;
}

/** The reply the model composes for these messages, as the server would before writing it. */
export function compose(
  messages: readonly MessageInput[],
  options: ComposeOptions = {},
): ReplyText {
  const model = options.model ?? testModel();
  const prepared = model.prepare(readChat(messages));
  return model.reply(
    prepared,
    { ...NO_KNOBS, ...options.knobs },
    options.temperature ?? 1,
    randomFrom(options.seed ?? 'seed'),
  );
}
