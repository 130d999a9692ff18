// The API keys this process has read from the environment. Every channel a person reads (plain
// and JSON stdout, the live view, error messages and warnings) replaces them, as transcripts do:
// a server that echoes the key back in a reply or an error must not get it printed.
import type { DiscussionEvent } from '../engine/events.js';
import { mapStrings } from '../render/terminal-safe.js';
import { createScrubber, MIN_SECRET_LENGTH } from '../transcript/redact.js';
import type { Consumer } from './drive.js';

const known = new Set<string>();
let scrub: (text: string) => string = (text) => text;
/** Each key as it could appear in a stream: raw, and JSON-escaped. */
let needles: string[] = [];

/** Called wherever a key is read, before anything that could echo it is shown. */
export function rememberSecret(value: string | undefined): void {
  if (value === undefined || value === '' || known.has(value)) return;
  known.add(value);
  scrub = createScrubber([...known]);
  needles = [...known]
    .filter((key) => key.length >= MIN_SECRET_LENGTH)
    .flatMap((key) => [key, JSON.stringify(key).slice(1, -1)]);
}

/** `text` with every key read so far replaced by `[redacted]`. */
export function redactKnownSecrets(text: string): string {
  return scrub(text);
}

/** For tests: forget every key. */
export function forgetSecrets(): void {
  known.clear();
  scrub = (text) => text;
  needles = [];
}

/** How many characters at the end of `text` could be the start of a key (0 when none). */
function keyStartAtEnd(text: string): number {
  let longest = 0;
  for (const needle of needles) {
    const first = needle[0];
    for (let i = Math.max(0, text.length - needle.length + 1); i < text.length; i++) {
      if (text.length - i <= longest) break;
      if (text[i] === first && needle.startsWith(text.slice(i))) {
        longest = text.length - i;
        break;
      }
    }
  }
  return longest;
}

/**
 * A consumer that hides keys from `next`. A reply streams in pieces, and a server can echo a key
 * across several of them (`sk-`, `proj-…`), where no single piece holds it: the end of a reply's
 * streamed text that could begin a key is held back until the next piece shows whether it is one,
 * and is let go when the reply's turn moves on (it ends, is retried or discarded). Every other
 * event has the keys in its strings replaced.
 */
export function hidingKeys(next: Consumer): Consumer {
  const held = new Map<number, string>();
  const release = (turn: number): void => {
    const text = held.get(turn);
    if (text === undefined) return;
    held.delete(turn);
    next({ type: 'text-delta', turn, text });
  };
  return (event: DiscussionEvent) => {
    if (event.type === 'text-delta') {
      const text = redactKnownSecrets((held.get(event.turn) ?? '') + event.text);
      const keep = keyStartAtEnd(text);
      if (keep > 0) held.set(event.turn, text.slice(text.length - keep));
      else held.delete(event.turn);
      const shown = text.slice(0, text.length - keep);
      if (shown !== '') next(shown === event.text ? event : { ...event, text: shown });
      return;
    }
    // A turn's other events come after its text; an event of no turn (the summary, the end)
    // follows every reply streaming before it.
    if ('turn' in event && typeof event.turn === 'number') release(event.turn);
    else for (const turn of [...held.keys()]) release(turn);
    next(mapStrings(event, redactKnownSecrets));
  };
}
