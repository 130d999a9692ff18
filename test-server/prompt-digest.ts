// The digest that stands for a request's prompt and settings in its reply's seed (see
// generation.ts). A conversation's next request is the previous one's prompt and a turn or two
// more, so the hash of a prompt's first messages is kept and carried on: only the new messages
// are hashed, where the whole prompt (a hundred messages, ~6 KB) was joined and hashed afresh.
// The hash is a 64-bit one in JavaScript (cyrb53's mixing in two lanes), carried on as two
// numbers: it only seeds a reply, and SHA-1's Hash objects, copied at each kept boundary, were
// most of the digest's cost (~4% of a replayed request).
import type { TextFacts } from './model/message-memo.js';

/** A running hash: its two lanes before the finish (see finish). */
interface Running {
  readonly h1: number;
  readonly h2: number;
}

const START: Running = { h1: 0xdeadbeef, h2: 0x41c6ce57 };

function update(running: Running, text: string): Running {
  let { h1, h2 } = running;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  return { h1, h2 };
}

/** The lanes mixed into each other (cyrb53's finish), as 13 base-36 digits a lane. */
function finish({ h1, h2 }: Running): string {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/** The one-shot hash of a text: what a prompt's running hash finishes as over the same text. */
export function textDigest(text: string): string {
  return finish(update(START, text));
}

/**
 * A prompt hashed: the settings, its messages' facts in order, and the hash after its first `at`
 * messages for its last few boundaries. The next request of a seat holds the last one's prompt
 * but its last message (the moderator's ask, with the turns since), so the hash before that
 * message is the one carried on.
 */
interface Hashed {
  readonly settings: string;
  readonly facts: readonly TextFacts[];
  readonly states: readonly { readonly at: number; readonly hash: Running }[];
  /** Rough heap size (see hashedBytes). */
  readonly bytes: number;
}

/** Boundaries kept a prompt: after all its messages, and before its last one or two. */
const BOUNDARIES = 3;
/** Prompts kept at most (the newest): a few conversations at a time, several seats each. */
const KEPT = 64;
/** What a kept prompt holds besides its facts: its settings, its hashes, itself. */
const HASHED_BYTES = 512;

/**
 * Rough heap size of a kept prompt. Its facts are mostly the message memo's too, but a prompt
 * kept after the memo let them go holds them alone, so their digests (a short message's is its
 * text) are counted here as well.
 */
function hashedBytes(settings: string, facts: readonly TextFacts[]): number {
  let bytes = HASHED_BYTES + settings.length * 2 + facts.length * 8;
  for (const { digest } of facts) bytes += 40 + digest.length * 2;
  return bytes;
}

/** `facts` opens with the first `length` of `prefix`: the same readings (the memo's objects). */
function opensWith(
  facts: readonly TextFacts[],
  prefix: readonly TextFacts[],
  length: number,
): boolean {
  if (length > facts.length) return false;
  // Where prompts differ first: the seat (its system message), the conversation (its first
  // turns), the request (its last): other seats' prompts share most messages in between.
  const edges = Math.min(length, 2);
  for (let i = 0; i < edges; i++) if (facts[i] !== prefix[i]) return false;
  for (let i = length - 1; i >= edges; i--) if (facts[i] !== prefix[i]) return false;
  return true;
}

/** Settings lately hashed, and their JSON (see settingsJson), the newest last. */
const recentSettings: { readonly values: readonly unknown[]; readonly json: string }[] = [];
/** A table's seats each ask with settings of their own (a temperature each). */
const RECENT_SETTINGS = 8;

/** The same values: equal primitives, the same objects, arrays of equal primitives. */
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++)
      if (x[j] !== y[j] || (typeof x[j] === 'object' && x[j] !== null)) return false;
  }
  return true;
}

/**
 * The settings' JSON: a recent prompt's string when these are the same values (a seat's
 * requests ask alike), so that a kept prompt's settings are the same string object, which
 * compares at once (every kept prompt, up to 64, compared its settings character by character on
 * every request), and JSON.stringify of the knobs is not run again (~1 µs a request). The
 * settings' objects (the knobs, a response format) are never changed once made.
 */
function settingsJson(settings: readonly unknown[]): string {
  for (const recent of recentSettings) if (sameValues(settings, recent.values)) return recent.json;
  const made = JSON.stringify(settings);
  const json = recentSettings.find((recent) => recent.json === made)?.json ?? made;
  if (recentSettings.length >= RECENT_SETTINGS) recentSettings.shift();
  recentSettings.push({ values: settings, json });
  return json;
}

/**
 * The hash (see finish) of the settings' JSON, then of each message's digest as `\0<length>\0<digest>`:
 * the same bytes as one hash of them joined, hashed on from the longest kept start of this one.
 */
function promptDigest(
  kept: readonly Hashed[],
  facts: readonly TextFacts[],
  settings: readonly unknown[],
): { readonly digest: string; readonly hashed: Hashed } {
  const json = settingsJson(settings);
  let from: { readonly at: number; readonly hash: Running } | undefined;
  // The newest first: the seat's last prompt is the longest start there is, and older ones then
  // stop at their first boundary (a seat's older prompts each compared a hundred messages).
  for (let n = kept.length - 1; n >= 0; n--) {
    const hashed = kept[n] as Hashed;
    if (hashed.settings !== json) continue;
    // The longest first: a prompt that opens with its start to one boundary does to all before.
    for (let k = hashed.states.length - 1; k >= 0; k--) {
      const state = hashed.states[k] as { readonly at: number; readonly hash: Running };
      if (state.at <= (from?.at ?? -1)) break;
      if (opensWith(facts, hashed.facts, state.at)) {
        from = state;
        break;
      }
    }
  }
  let hash = from === undefined ? update(START, json) : from.hash;
  const states: { at: number; hash: Running }[] = [];
  const firstKept = Math.max(0, facts.length - BOUNDARIES + 1);
  for (let i = from?.at ?? 0; i <= facts.length; i++) {
    if (i >= firstKept) states.push({ at: i, hash });
    if (i === facts.length) break;
    const { digest } = facts[i] as TextFacts;
    hash = update(update(hash, `\u0000${digest.length}\u0000`), digest);
  }
  const hashed = { settings: json, facts, states, bytes: hashedBytes(json, facts) };
  return { digest: finish(hash), hashed };
}

/**
 * The prompts hashed lately (the newest last), bounded by count and by bytes (a share of the
 * model's cache: see MarkovModel), for carrying a seat's next prompt on from its last.
 */
export class PromptDigests {
  private readonly kept: Hashed[] = [];
  private total = 0;

  constructor(readonly limit: number) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.kept.length;
  }

  /** The digest of a prompt's facts under `settings` (see promptDigest), and the prompt kept. */
  digest(facts: readonly TextFacts[], settings: readonly unknown[]): string {
    const { digest, hashed } = promptDigest(this.kept, facts, settings);
    this.kept.push(hashed);
    this.total += hashed.bytes;
    // The newest stays even alone over the bound: the seat's next request carries on from it.
    while (this.kept.length > KEPT || (this.total > this.limit && this.kept.length > 1))
      this.total -= (this.kept.shift() as Hashed).bytes;
    return digest;
  }
}
