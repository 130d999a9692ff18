// The API keys this process has read from the environment. Every channel a person reads (plain
// and JSON stdout, the live view, error messages and warnings) replaces them, as transcripts do:
// a server that echoes the key back in a reply or an error must not get it printed.
import { createScrubber } from '../transcript/redact.js';

const known = new Set<string>();
let scrub: (text: string) => string = (text) => text;

/** Called wherever a key is read, before anything that could echo it is shown. */
export function rememberSecret(value: string | undefined): void {
  if (value === undefined || value === '' || known.has(value)) return;
  known.add(value);
  scrub = createScrubber([...known]);
}

/** `text` with every key read so far replaced by `[redacted]`. */
export function redactKnownSecrets(text: string): string {
  return scrub(text);
}

/** For tests: forget every key. */
export function forgetSecrets(): void {
  known.clear();
  scrub = (text) => text;
}
