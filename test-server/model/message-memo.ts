// What each message of a request was read as, by its text. A conversation's next request is the
// previous one plus a turn: its earlier messages come back word for word, and reading them again
// (splitting them into turns, counting their tokens, hashing them) was a sixth of a replayed
// request's CPU. What a text reads as depends only on the text (and, for its turns, on the names
// at the table), never on what else the process saw, so a reply is the same with the memo warm
// or cold.
import { createHash } from 'node:crypto';
import { countTokens } from '../tokens.js';
import { LruBytes } from './lru.js';
import type { TableParts, Unit } from './read-request.js';

/** A text's token count, and a digest that stands for it in the reply's seed. */
export interface TextFacts {
  readonly tokens: number;
  readonly digest: string;
}

/** Below this length a text is its own digest (hashing it would cost more than it saves). */
const SHORT_TEXT = 512;

/** One text's readings, filled as they are asked for. */
interface Reading {
  readonly bytes: number;
  facts?: TextFacts;
  /** The turns of a message, with the names it was read against. */
  turns?: { readonly context: string; readonly units: readonly Unit[] };
  /** A system message read as roundtable's table layout (undefined: it is not). */
  table?: { readonly parts: TableParts | undefined };
}

/** Per text: the string, the turns sliced from it, and the map entry, roughly. */
function readingBytes(text: string): number {
  return 256 + text.length * 3;
}

export class MessageMemo {
  private readonly readings: LruBytes<string, Reading>;

  constructor(limitBytes: number) {
    this.readings = new LruBytes(limitBytes);
  }

  get bytes(): number {
    return this.readings.bytes;
  }

  get size(): number {
    return this.readings.size;
  }

  private of(text: string): Reading {
    let reading = this.readings.get(text);
    if (reading === undefined) {
      reading = { bytes: readingBytes(text) };
      this.readings.set(text, reading);
    }
    return reading;
  }

  facts(text: string): TextFacts {
    const reading = this.of(text);
    reading.facts ??= {
      tokens: countTokens(text),
      digest: text.length < SHORT_TEXT ? text : createHash('sha1').update(text).digest('base64'),
    };
    return reading.facts;
  }

  /** The turns of a message read against `context` (the names that tag a turn, or the seat's). */
  turns(text: string, context: string, read: () => Unit[]): readonly Unit[] {
    const reading = this.of(text);
    if (reading.turns?.context !== context) reading.turns = { context, units: read() };
    return reading.turns.units;
  }

  table(text: string, read: () => TableParts | undefined): TableParts | undefined {
    const reading = this.of(text);
    reading.table ??= { parts: read() };
    return reading.table.parts;
  }
}
