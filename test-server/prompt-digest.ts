// The digest that stands for a request's prompt and settings in its reply's seed (see
// generation.ts). A conversation's next request is the previous one's prompt and a turn or two
// more, so the hash of a prompt's first messages is kept and carried on: only the new messages
// are hashed, where the whole prompt (a hundred messages, ~6 KB) was joined and hashed afresh.
import { createHash, type Hash } from 'node:crypto';
import type { TextFacts } from './model/message-memo.js';

/** A prompt hashed so far: the settings, its messages' facts in order, and the hash after them. */
interface Hashed {
  readonly settings: string;
  readonly facts: readonly TextFacts[];
  readonly hash: Hash;
}

/** Prompts kept (the newest): a few conversations at a time, several seats each. */
const KEPT = 64;
const kept: Hashed[] = [];

/** `facts` opens with `prefix`: the same readings (the memo's objects), in the same order. */
function opensWith(facts: readonly TextFacts[], prefix: readonly TextFacts[]): boolean {
  if (prefix.length > facts.length) return false;
  // The last first: a different conversation differs there at once.
  for (let i = prefix.length - 1; i >= 0; i--) if (facts[i] !== prefix[i]) return false;
  return true;
}

/**
 * SHA-1 (base64) of the settings' JSON, then of each message's digest as `\0<length>\0<digest>`:
 * the same bytes as one hash of them joined, hashed from the longest kept prompt this one opens
 * with.
 */
export function promptDigest(facts: readonly TextFacts[], settings: readonly unknown[]): string {
  const json = JSON.stringify(settings);
  let from: Hashed | undefined;
  for (const hashed of kept) {
    if (hashed.settings !== json || hashed.facts.length <= (from?.facts.length ?? -1)) continue;
    if (opensWith(facts, hashed.facts)) from = hashed;
  }
  const hash = from === undefined ? createHash('sha1').update(json) : from.hash.copy();
  for (let i = from?.facts.length ?? 0; i < facts.length; i++) {
    const { digest } = facts[i] as TextFacts;
    hash.update(`\u0000${digest.length}\u0000${digest}`);
  }
  if (from === undefined || from.facts.length < facts.length) {
    if (kept.length >= KEPT) kept.shift();
    kept.push({ settings: json, facts, hash: hash.copy() });
  }
  return hash.digest('base64');
}
