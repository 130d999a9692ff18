// What each message of a request was read as, by its text. A conversation's next request is the
// previous one plus a turn: its earlier messages come back word for word, and reading them again
// (splitting them into turns, counting their tokens, hashing them) was a sixth of a replayed
// request's CPU. What a text reads as depends only on the text (and, for its turns, on the names
// at the table), never on what else the process saw, so a reply is the same with the memo warm
// or cold.
import { hash } from 'node:crypto';
import { LruBytes } from './lru.js';
import { messageTokens } from './paragraph-tokens.js';
import type { TableParts, Unit } from './read-request.js';

/** A text's token count, and a digest that stands for it in the reply's seed. */
export interface TextFacts {
  readonly tokens: number;
  readonly digest: string;
}

/** A prompt's texts' facts in order, and its tokens. */
export interface PromptFacts {
  readonly facts: readonly TextFacts[];
  readonly tokens: number;
}

/** The facts of a prompt's texts, read (or remembered) by their readings. */
export function promptFacts(readings: readonly MessageReading[]): PromptFacts {
  const facts = readings.map((reading) => reading.facts());
  let tokens = 0;
  for (const fact of facts) tokens += fact.tokens;
  return { facts, tokens };
}

/** Below this length a text is its own digest (hashing it would cost more than it saves). */
const SHORT_TEXT = 512;

/** Per text: the string, the turns sliced from it, and the map entry, roughly. */
function readingBytes(text: string): number {
  return 256 + text.length * 3;
}

/** What one text was read as, filled as it is asked for. */
export class MessageReading {
  readonly bytes: number;
  private known: TextFacts | undefined;
  /** The turns of a message, with the names it was read against. */
  private read: { readonly context: string; readonly units: readonly Unit[] } | undefined;
  /** A system message read as roundtable's table layout (undefined: it is not). */
  private layout: { readonly parts: TableParts | undefined } | undefined;

  constructor(readonly text: string) {
    this.bytes = readingBytes(text);
  }

  facts(): TextFacts {
    const { text } = this;
    this.known ??= {
      tokens: messageTokens(text),
      digest: text.length < SHORT_TEXT ? text : hash('sha1', text, 'base64'),
    };
    return this.known;
  }

  /** The message's turns read against `context` (the names that tag a turn, or the seat's). */
  turns(context: string, read: () => Unit[]): readonly Unit[] {
    if (this.read?.context !== context) this.read = { context, units: read() };
    return this.read.units;
  }

  table(read: () => TableParts | undefined): TableParts | undefined {
    this.layout ??= { parts: read() };
    return this.layout.parts;
  }
}

/** Texts up to this long are fingerprinted whole; longer ones by their ends and samples. */
const WHOLE_TEXT = 96;

/**
 * A text's memo key: its length and a hash of its first and last 32 characters (where requests'
 * messages differ: the seat, the turn numbers of the guidance) and 32 between. Looking a text up
 * by itself hashed all of it (a fresh string from every request, ~13 instructions a character
 * here: a third of a millisecond for a 200-turn discussion's messages), and a key of 256 of its
 * characters was still ~1.3% of a replayed request's instructions; texts that share a key are
 * told apart by comparing them.
 */
function keyOf(text: string): number {
  const { length } = text;
  let hash = 0x811c9dc5;
  if (length <= WHOLE_TEXT) {
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < 32; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const step = Math.floor((length - 64) / 32) + 1;
    for (let i = 32; i < length - 32; i += step)
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    for (let i = length - 32; i < length; i++)
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  // A small integer, which a Map hashes without boxing a number.
  return (hash ^ Math.imul(length, 0x9e3779b1)) & 0x3fffffff;
}

/**
 * The texts read lately, by content. A request looks each of its messages up once
 * (`read`) and asks the reading for what it needs.
 */
export class MessageMemo {
  private readonly readings: LruBytes<number, MessageReading>;

  constructor(limitBytes: number) {
    this.readings = new LruBytes(limitBytes);
  }

  get bytes(): number {
    return this.readings.bytes;
  }

  get limit(): number {
    return this.readings.limit;
  }

  get size(): number {
    return this.readings.size;
  }

  read(text: string): MessageReading {
    const key = keyOf(text);
    let reading = this.readings.get(key);
    // Another text with the same key takes its place (what a text reads as is its own).
    if (reading === undefined || reading.text !== text) {
      reading = new MessageReading(text);
      this.readings.set(key, reading);
    }
    return reading;
  }
}
