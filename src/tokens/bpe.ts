import { createRequire } from 'node:module';
import type { CountedMessage, TokenCounter } from './counter.js';
import type { BpeEncodingName, BpeFamily } from './families.js';

type EncodingModule = typeof import('gpt-tokenizer/encoding/o200k_base');

// The encoding tables are megabytes of JavaScript (o200k takes ~200 ms to load): required on
// the first count, synchronously, so nothing pays for them until a budget is actually kept.
const require = createRequire(import.meta.url);
const encodings = new Map<BpeEncodingName, EncodingModule>();

function encoding(name: BpeEncodingName): EncodingModule {
  let loaded = encodings.get(name);
  if (loaded === undefined) {
    loaded = require(`gpt-tokenizer/encoding/${name}`) as EncodingModule;
    encodings.set(name, loaded);
  }
  return loaded;
}

// Text like "<|endoftext|>" in a reply is plain text to the API; by default the library would
// throw on it.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// Each request repeats the seat's earlier messages word for word, so counts are memoized by
// text; the map is dropped whole when full (by entries or by the text it holds: merged messages
// of a large window can be long), which is simpler than an LRU and costs one recount.
const MEMO_ENTRIES = 4096;
const MEMO_CHARS = 4_000_000;

class BpeCounter implements TokenCounter {
  readonly method: string;
  readonly exact = true;
  readonly #family: BpeFamily;
  readonly #memo = new Map<string, number>();
  #memoChars = 0;

  constructor(family: BpeFamily) {
    this.#family = family;
    this.method = family.encoding;
  }

  count(messages: readonly CountedMessage[]): number {
    let total = this.#family.priming;
    for (const message of messages)
      total += this.#family.perMessage + this.countText(message.content);
    return total;
  }

  countText(text: string): number {
    if (text.length === 0) return 0;
    const known = this.#memo.get(text);
    if (known !== undefined) return known;
    const counted = encoding(this.#family.encoding).countTokens(text, AS_PLAIN_TEXT);
    if (this.#memo.size >= MEMO_ENTRIES || this.#memoChars + text.length > MEMO_CHARS) {
      this.#memo.clear();
      this.#memoChars = 0;
    }
    this.#memo.set(text, counted);
    this.#memoChars += text.length;
    return counted;
  }

  /** The count is the tokenizer's own: there is nothing to learn. */
  observe(): void {}
}

export function createBpeCounter(family: BpeFamily): TokenCounter {
  return new BpeCounter(family);
}
