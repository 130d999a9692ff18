// A walk that joins two sentences of the talk where they share a few words can say the opposite of
// both: "I would choose the option | that is easiest to announce" takes the end of "My fear is
// that we choose the option that is easiest to announce." and drops the fear that framed it.
// Every four and five words of it are written, so no splice test sees it. What does: the clause
// the taken end stood in, before the shared words, carried a negation or a fear ("not", "my fear
// is", "rather … than") that the walk's own clause, before the same words, does not (or the
// other way round). Or it skipped, inside one sentence, a clause that its end was said of.
import { TALK_WORDS } from './talk.js';

/** Words that turn what follows them in their clause: a negation, a fear, the lesser of two. */
const TURNS =
  /^(?:not|no|never|nobody|nothing|none|cannot|can't|don't|doesn't|won't|isn't|aren't|shouldn't|wouldn't|fear|afraid|worry|worried|avoid|against|distrust|than|instead|without|unless)$/;

/** Where a clause starts anew: after a comma, colon or semicolon, or a joining word. */
const CLAUSE_END = /[,;:]$/;
const CLAUSE_START = /^(?:but|and|because|so|while|although|though|whether|if)$/;

/**
 * The shortest shared stretch a join is looked for at: two sentences joined where they share three
 * words or fewer fail the five-word test already (StaticMix.fivesHold), and the walk is a seam.
 */
const SHARED = 4;

/** Words bare of case and marks, cached: walks are many and their words few. */
const bareWords = new Map<string, string>();
const BARE_KEPT = 50_000;

function bare(word: string): string {
  let plain = bareWords.get(word);
  if (plain === undefined) {
    if (bareWords.size >= BARE_KEPT) bareWords.clear();
    plain = word.toLowerCase().replace(/[^\p{L}\p{N}'’]+/gu, '');
    bareWords.set(word, plain);
  }
  return plain;
}

/** Whether the clause that `words[0..end)` ends in (its last clause) holds an odd number of turns. */
function turned(words: readonly string[], end: number): boolean {
  let odd = false;
  for (let i = end - 1; i >= 0; i--) {
    const word = words[i] ?? '';
    if (CLAUSE_END.test(word)) break;
    const plain = bare(word);
    if (TURNS.test(plain)) odd = !odd;
    if (CLAUSE_START.test(plain)) break;
  }
  return odd;
}

interface Talk {
  /** The talk's sentences as written (for their clauses) and in bare words (for matching). */
  readonly raw: readonly (readonly string[])[];
  readonly words: readonly (readonly string[])[];
  /** Each run of SHARED words (bare, space-joined) → where it stands: [sentence, offset]. */
  readonly at: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** The sentences, bare and space-joined: a walk that is one of them joins nothing. */
  readonly whole: ReadonlySet<string>;
}

let talk: Talk | undefined;

function talkIndex(): Talk {
  if (talk === undefined) {
    const words = TALK_WORDS.map((sentence) => sentence.map(bare));
    const at = new Map<string, [number, number][]>();
    for (const [s, sentence] of words.entries())
      for (let o = 0; o + SHARED <= sentence.length; o++) {
        const key = sentence.slice(o, o + SHARED).join(' ');
        const list = at.get(key);
        if (list === undefined) at.set(key, [[s, o]]);
        else list.push([s, o]);
      }
    talk = { raw: TALK_WORDS, words, at, whole: new Set(words.map((w) => w.join(' '))) };
  }
  return talk;
}

/**
 * Whether the walk takes a stretch of a talk sentence after words it shares with what came before,
 * and that stretch stood under a turn (negation, fear) in its sentence that it does not stand under
 * in the walk, or the other way round. A walk that is one talk sentence from its start is not.
 */
export function reversesTalk(walked: readonly string[]): boolean {
  if (walked.length < SHARED + 2) return false;
  const { raw, words, at, whole } = talkIndex();
  const w = walked.map(bare);
  // Most walks a bank keeps are a talk sentence as written.
  if (whole.has(w.join(' '))) return false;
  // How far the stretches starting earlier reach: one that starts later and reaches no further is
  // inside another sentence's words, not a join.
  let reach = 0;
  /** The stretch that reaches so far: its sentence, and its offset less the walk's. */
  let head: { s: number; shift: number } | undefined;
  for (let i = 0; i + SHARED <= w.length; i++) {
    const found = at.get(w.slice(i, i + SHARED).join(' '));
    if (found === undefined) continue;
    // The stretch starting here that goes furthest (a stretch that went on from the word before
    // it started earlier).
    let best: { s: number; o: number; end: number } | undefined;
    for (const [s, o] of found) {
      const source = words[s] as readonly string[];
      if (o > 0 && i > 0 && source[o - 1] === w[i - 1]) continue;
      let end = i + SHARED;
      while (end < w.length && source[o + end - i] === w[end]) end++;
      if (best === undefined || end > best.end) best = { s, o, end };
    }
    if (best === undefined || best.end <= reach) continue;
    // A join: the walk came to these words from another talk stretch that overlaps this one.
    if (i > 0 && reach > i) {
      const source = raw[best.s] as readonly string[];
      if (turned(source, best.o) !== turned(walked, i)) return true;
      // The same sentence, words skipped that held a clause of their own: "Experience tells me
      // to be | cautious, and hope tells me to be | bold." says what hope said of experience.
      if (head?.s === best.s && best.o > i + head.shift) {
        const skipped = source.slice(i + head.shift, best.o);
        if (skipped.some((word) => CLAUSE_END.test(word) || TURNS.test(bare(word)))) return true;
      }
    }
    reach = best.end;
    head = { s: best.s, shift: best.o - i };
  }
  return false;
}
