// Writing one reply: where its sentences come from. A seat's bank of walks or its pools first
// (see pool-draw.ts), else fresh walks, else the built-in talk and stock lines; a sentence that
// must read whole (sayWhole), and more of it for a reply that runs on (more). What every sentence
// is checked against is the reply's record (reply-record.ts).
import type { Random } from '../prng.js';
import { chooseSentence } from './bank-choice.js';
import { bestSentence, type Candidate } from './candidates.js';
import { Walker } from './chain/walker.js';
import { headless } from './clause.js';
import { factWoven } from './facts.js';
import { FALLBACKS, shuffled } from './lines.js';
import { chooseOwnTalk } from './own-talk.js';
import type { PoolKind } from './pool.js';
import { PooledReply } from './pool-draw.js';
import type { Prepared } from './prepare.js';
import { repeatsReply, writtenOf } from './reply-state.js';
import { othersLine, ownTalk } from './talk-shares.js';

/** Rounds of walks (each up to ten) for a sentence that must read whole (see Speech.sayWhole). */
const WHOLE_ROUNDS = 3;
/** Quick tries (two walks each) at a ramble's next sentence before the careful path. */
const RAMBLE_TRIES = 3;
/**
 * The chance that a sentence of a turn after its first (a stance in the first person) is led
 * into by a fact of the case: now and then, as a person uses what they know (see facts.ts).
 */
const FACT_CHANCE = 0.3;

/**
 * One reply being written: its sentences so far (see ReplyRecord), its pools (see PooledReply)
 * and the walker that adds more.
 */
export class Speech extends PooledReply {
  readonly walker: Walker;
  /** Whether a sentence may be led into by a fact of the case (a turn's, not a JSON string's). */
  weavesFacts = true;
  /** Sentences of the seat's own said so far (see sayAnything): the first never takes a fact. */
  private own = 0;

  constructor(
    prepared: Prepared,
    temperature: number,
    random: Random,
    poolSeed?: string | undefined,
  ) {
    super(prepared, temperature, random, poolSeed);
    this.walker = new Walker(prepared.walk, temperature, random, prepared.guard);
  }

  /**
   * A number the same for every seat of a run (its pools' seed) and different between runs, so
   * that a choice made by seat place does not fall alike in every run; 0 unseeded.
   */
  runOffset(modulo: number): number {
    const seed = this.poolSeed ?? '';
    let hash = 0;
    for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) >>> 0;
    return modulo > 0 ? hash % modulo : 0;
  }

  /**
   * A fixed sentence neither heard in this conversation nor said in this reply, and saying no
   * clause of the reply again (see repeatsReply).
   */
  private readonly fresh = (sentence: string): boolean => {
    const lower = sentence.toLowerCase();
    const state = this.state;
    return (
      !this.said(lower) &&
      !this.prepared.view.alreadySaid(lower) &&
      !othersLine(this.prepared)(lower) &&
      !repeatsReply(writtenOf(sentence).quads, state) &&
      !(this.quotesFact(sentence) && state.quotedFact())
    );
  };

  /**
   * A fresh sentence of the seat's own, the best of a few walks (see `bestSentence`), fitted to
   * this reply. Undefined when every walk fails.
   */
  generate(focus?: ReadonlySet<string>): Candidate | undefined {
    const options = {
      focus,
      reply: this.state,
      ordinal: this.parts.length,
      names: this.names,
    };
    const bank = this.bank();
    // When none of the bank's sentences that are the seat's own will do, its share of the talk,
    // then another seat's sentences of the bank, before walking afresh: walks cost ten times a
    // draw, and in turn the seat has heard the other's words (a sentence heard is never said
    // again); only answering at once could it echo them.
    const chosen =
      bank === undefined
        ? undefined
        : (chooseSentence(this.prepared, bank, this.random, options) ??
          chooseOwnTalk(this.prepared, this.random, this.temperature, options) ??
          chooseSentence(this.prepared, bank, this.random, { ...options, anyones: true }));
    return (
      chosen ?? bestSentence(this.prepared, this.walker, this.random, this.temperature, options)
    );
  }

  /**
   * Adds a generated sentence; false when none could be made. `rough`: what to do with a walk
   * that does not read well (a splice): say it anyway (the default), or leave it to the caller.
   */
  say(focus?: ReadonlySet<string>, rough: (walk: Candidate) => boolean = this.acceptWalk): boolean {
    const { prepared } = this;
    const kind: PoolKind | undefined =
      focus === undefined
        ? 'plain'
        : focus === prepared.topicWords
          ? 'topic'
          : focus === prepared.recentWords
            ? 'recent'
            : undefined;
    // A caller with a use for a splice other than saying it (see sayAnything) gets no splice.
    const clean = rough !== this.acceptWalk;
    if (kind !== undefined && this.draw(kind, focus, clean)) return true;
    const generated = this.generate(focus);
    if (generated === undefined) return false;
    return generated.good && (generated.clean || !clean) && !this.lostHead(generated)
      ? this.acceptWalk(generated)
      : rough(generated);
  }

  /**
   * A fresh walk at a table that reads broken though it scored well: the end of a talk sentence
   * that was no clause of its own ("The risk of doing too much.", "I want to see the sums."; see
   * headless), or a fact of the case spliced onto another sentence's start where they share
   * words, one of them heard tonight ("I think the town | has €3.1 million in reserves.": every
   * four words written or heard, not every five). The bank keeps neither, and at a table the
   * bank or the talk has a whole sentence instead. Only a fact's five words are asked: most walks
   * of a long discussion follow heard words, which the seat's texts do not hold. Not asked off a
   * table: there a walk refused so is walked again on every request repeating the body.
   */
  private lostHead(walk: Candidate): boolean {
    if (this.bank() === undefined) return false;
    const { seat } = this.prepared;
    return (
      headless(seat, walk.sentence) ||
      (this.quotesFact(walk.sentence) && !seat.mix.fivesHold(walk.sentence.split(' ')))
    );
  }

  private readonly acceptWalk = (walk: Candidate): boolean =>
    this.accept(walk.sentence, walk.normal, walk.written);

  /**
   * Adds a sentence: a generated one, else one of the built-in talk not yet said, else a short
   * stock line; after the reply's first, now and then led into by a fact of the case (see
   * weaveFact). Returns it; '' when the reply has sentences already and none of these fits.
   */
  sayAnything(focus?: ReadonlySet<string>): string {
    const said = this.sayOne(focus);
    if (said === '') return said;
    if (this.own++ > 0) this.weaveFact();
    return this.parts.at(-1) ?? said;
  }

  /**
   * Leads the last sentence, a stance of the seat's own, with a fact of the case not heard yet
   * tonight ("Since the town has €3.1 million in reserves, I would rather start small …"): at
   * most one a turn, never in a wrap-up (see closeFacts), and only now and then.
   */
  private weaveFact(): void {
    if (!this.weavesFacts || this.prepared.seat.facts.length === 0 || this.quotedFact()) return;
    if (this.random() >= FACT_CHANCE) return;
    const last = this.parts.at(-1) ?? '';
    if (this.namesSomeone(last)) return;
    const woven = factWoven(this.prepared, last, this.random);
    if (woven !== undefined) this.rewriteLast(() => woven);
  }

  private sayOne(focus?: ReadonlySet<string>): string {
    // A walk that reads badly ("I would start with the town would carry forever.") only when
    // no sentence of the talk is left to say.
    let rough: Candidate | undefined;
    const keep = (walk: Candidate) => {
      rough = walk;
      return false;
    };
    if (this.say(focus, keep)) return this.parts.at(-1) ?? '';
    const talk = shuffled(ownTalk(this.prepared), this.random).slice(0, 12);
    if (rough !== undefined) {
      const said = this.acceptFirst(talk.filter(this.fresh));
      // One that lost its head or its fact's start (see lostHead) not even then.
      if (said !== undefined || (!this.lostHead(rough) && this.acceptWalk(rough)))
        return this.parts.at(-1) ?? '';
    }
    // A stock line heard tonight only when every one was: each seat saying "I am not convinced
    // yet." in turn is a chorus, not a discussion.
    const fallbacks = shuffled(FALLBACKS, this.random);
    const chosen = this.acceptFirst([
      ...talk.filter(this.fresh),
      ...fallbacks.filter(this.fresh),
      ...fallbacks.filter((line) => !this.said(line.toLowerCase())),
    ]);
    if (chosen !== undefined) return chosen;
    // Two words recite nothing alone, but after other sentences they could finish a run that
    // the guard refused: then the reply says less instead.
    if (this.parts.length > 0) return '';
    this.parts.push('I agree.');
    return 'I agree.';
  }

  /**
   * Adds a sentence that reads as written (see readsWhole) and passes `test`: a walk, else a
   * sentence of the built-in talk not yet said. Returns it; undefined when neither could be found.
   */
  sayWhole(
    focus: ReadonlySet<string> | undefined,
    test: (sentence: string) => boolean = () => true,
    /** Whether fresh walks may be tried when the bank has none (they may splice where five words meet). */
    walk = true,
  ): string | undefined {
    const bank = this.bank();
    if (bank !== undefined) {
      const chosen = chooseSentence(this.prepared, bank, this.random, {
        focus,
        reply: this.state,
        ordinal: this.parts.length,
        names: this.names,
        whole: test,
      });
      if (chosen !== undefined && this.accept(chosen.sentence, chosen.normal, chosen.written))
        return chosen.sentence;
    }
    for (let round = 0; walk && round < WHOLE_ROUNDS; round++) {
      const walked = bestSentence(this.prepared, this.walker, this.random, this.temperature, {
        focus,
        reply: this.state,
        ordinal: this.parts.length + round,
        names: this.names,
        whole: test,
      });
      if (walked !== undefined && this.accept(walked.sentence, walked.normal, walked.written))
        return walked.sentence;
    }
    const talk = shuffled(ownTalk(this.prepared), this.random).filter(
      (sentence) => test(sentence) && this.fresh(sentence),
    );
    return this.acceptFirst(talk);
  }

  /**
   * More of the same reply, for one that runs on to max_tokens (`ignore_eos`, the ramble knob):
   * each sentence the better of two walks instead of the best of up to ten, since nobody reads a
   * ramble for its prose, and a benchmark streaming 20,000 tokens must not wait on the scoring.
   */
  readonly more = (): string => {
    // A few quick tries before the careful path, whose pools and ten walks cost several times more.
    for (let attempt = 0; attempt < RAMBLE_TRIES; attempt++) {
      const quick = bestSentence(this.prepared, this.walker, this.random, this.temperature, {
        reply: { ...this.state, said: this.saidLately },
        ordinal: this.parts.length + attempt,
        names: this.names,
        walks: 2,
      });
      if (quick !== undefined && this.accept(quick.sentence, quick.normal, quick.written))
        return quick.sentence;
    }
    const said = this.sayAnything();
    if (said !== '') return said;
    // A ramble must run on to max_tokens: when nothing fits, it says what little it can.
    this.parts.push('I agree.');
    return 'I agree.';
  };
}
