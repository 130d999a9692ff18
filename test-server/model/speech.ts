import type { Random } from '../prng.js';
import { bestSentence, type Candidate } from './candidates.js';
import { Walker } from './chain/walker.js';
import { answersAnother } from './clause.js';
import { FALLBACKS, shuffled } from './lines.js';
import { POOL_SLOTS, type PoolKind, pooled } from './pool.js';
import type { Prepared } from './prepare.js';
import {
  fitsReply,
  quotesFact,
  type ReplyState,
  repeatsReply,
  type Written,
  writtenOf,
} from './reply-state.js';
import { SaidParts } from './said-parts.js';
import { chooseSentence, type SentenceBank, sentenceBank } from './sentence-bank.js';
import { TALK_SENTENCES } from './talk.js';
import { type NameTest, nameTest, normalWords, RUN_WORDS } from './words.js';

/** Rounds of walks (each up to ten) for a sentence that must read whole (see Speech.sayWhole). */
const WHOLE_ROUNDS = 3;

/** A turn's most sentences: within them no clause twice, and one fact of the case (see state). */
const FACT_SPAN = 8;
/** Sentences of a ramble within which none repeats (see Speech.more). */
const RAMBLE_MEMORY = 64;
/** Quick tries (two walks each) at a ramble's next sentence before the careful path. */
const RAMBLE_TRIES = 3;

/**
 * One reply being written: its sentences so far and the walker that adds more. Every sentence,
 * generated or fixed, goes through `accept`, which refuses one that would recite a forbidden
 * run across the boundary with what came before.
 */
export class Speech {
  readonly walker: Walker;
  readonly parts: string[] = [];
  private normal: string[] = [];
  /** Four-word stretches of this reply so far, and how its sentences open. */
  private readonly ownQuads = new Set<string>();
  private readonly openings = new Set<string>();
  private readonly saidParts = new SaidParts(this.parts);
  readonly names: NameTest | undefined;

  /** The order this reply tries each pool's slots in. */
  private readonly slots = new Map<PoolKind, number[]>();

  constructor(
    readonly prepared: Prepared,
    readonly temperature: number,
    readonly random: Random,
    /** Seeds the state's sentence pools; without one every sentence is walked afresh. */
    private readonly poolSeed?: string | undefined,
  ) {
    this.walker = new Walker(prepared.walk, temperature, random, prepared.guard);
    const seats = [prepared.self, ...prepared.others].filter((seat) => seat !== undefined);
    const names = seats.map((seat) => seat.name).filter((name) => name !== '');
    this.names = names.length === 0 ? undefined : nameTest(names);
  }

  get text(): string {
    return this.parts.join(' ');
  }

  /** Whether `sentence` (its normal words) may follow what was said so far. */
  fits(sentence: string, normal: readonly string[] = normalWords(sentence)): boolean {
    return this.prepared.guard.firstForbidden(normal, this.normal) === undefined;
  }

  /** Adds the sentence if it fits; returns whether it did. */
  accept(
    sentence: string,
    normal: readonly string[] = normalWords(sentence),
    written: () => Written = () => writtenOf(sentence),
  ): boolean {
    if (!this.fits(sentence, normal)) return false;
    // Only a turn's first sentence answers another: after its own words it would answer itself.
    if (this.parts.length > 0 && answersAnother(sentence)) return false;
    const current = this.saidParts.current();
    this.parts.push(sentence);
    if (current) this.saidParts.note(sentence);
    const { quads, opening } = written();
    for (const quad of quads) this.ownQuads.add(quad);
    this.openings.add(opening);
    this.normal.push(...normal);
    if (this.normal.length > RUN_WORDS) this.normal = this.normal.slice(-RUN_WORDS);
    return true;
  }

  /** The first of `options` that fits, added; undefined when none does. */
  acceptFirst(options: readonly string[]): string | undefined {
    for (const option of options) if (this.accept(option)) return option;
    return undefined;
  }

  /** Takes the last sentence back out; what follows is then checked against the one before. */
  withdrawLast(): string | undefined {
    const last = this.parts.pop();
    if (last !== undefined) this.normal = normalWords(this.parts.join(' ')).slice(-RUN_WORDS);
    return last;
  }

  /** Replaces the last sentence (to add a lead-in or a name to it), if the result fits. */
  rewriteLast(rewrite: (sentence: string) => string): boolean {
    const last = this.parts.pop();
    if (last === undefined) return false;
    const before = this.normal;
    this.normal = normalWords(this.parts.join(' ')).slice(-RUN_WORDS);
    if (this.accept(rewrite(last))) return true;
    this.normal = before;
    this.parts.push(last);
    return false;
  }

  /** Someone at the table is named in the text. */
  namesSomeone(text: string): boolean {
    return this.names?.test(text) === true;
  }

  /** Whether the reply holds this sentence already (in lower case). */
  readonly said = (lower: string): boolean => this.saidParts.lastAt(lower) >= 0;

  /**
   * Whether one of the ramble's last sentences is this one: a reply running on for thousands of
   * tokens exhausts what a small table can say, and then every walk was refused and the slow
   * fallbacks ran for each further sentence.
   */
  private readonly saidLately = (lower: string): boolean => {
    const at = this.saidParts.lastAt(lower);
    return at >= 0 && at >= this.parts.length - RAMBLE_MEMORY;
  };

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
      !repeatsReply(writtenOf(sentence).quads, state) &&
      !(this.quotesFact(sentence) && state.quotedFact())
    );
  };

  /**
   * Whether one of the reply's last sentences quotes the context: asked only of a sentence that
   * would quote it too. A turn is a few sentences; a ramble running on to thousands may quote
   * again after FACT_SPAN more.
   */
  private readonly quotedFact = (): boolean =>
    this.parts.slice(-FACT_SPAN).some((part) => quotesFact(this.prepared, part));

  private readonly quotesFact = (sentence: string): boolean => quotesFact(this.prepared, sentence);

  /** This reply's state, which a drawn sentence must not clash with. */
  private get state(): ReplyState {
    return {
      tail: this.normal,
      ownQuads: this.ownQuads,
      openings: this.openings,
      said: this.said,
      turnLength: this.parts.length < FACT_SPAN,
      quotedFact: this.quotedFact,
    };
  }

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
    const chosen =
      bank === undefined ? undefined : chooseSentence(this.prepared, bank, this.random, options);
    return (
      chosen ?? bestSentence(this.prepared, this.walker, this.random, this.temperature, options)
    );
  }

  /** The sentences of this seat's own chains, at a table (see sentence-bank.ts). */
  private bank(): SentenceBank | undefined {
    if (this.poolSeed === undefined || this.prepared.read.table === undefined) return undefined;
    this.seatBank ??= sentenceBank(this.prepared, this.temperature, this.poolSeed, this.names);
    return this.seatBank;
  }

  private seatBank: SentenceBank | undefined;

  /** A pooled sentence of this state (see Prepared.pooled) that fits this reply, added. */
  private draw(kind: PoolKind, focus: ReadonlySet<string> | undefined, clean: boolean): boolean {
    if (this.poolSeed === undefined) return false;
    let order = this.slots.get(kind);
    if (order === undefined) {
      order = shuffled(
        Array.from({ length: POOL_SLOTS }, (_, i) => i),
        this.random,
      );
      this.slots.set(kind, order);
    }
    while (order.length > 0) {
      const slot = order.shift() as number;
      const entry = pooled(this.prepared, {
        kind,
        slot,
        focus,
        temperature: this.temperature,
        seed: this.poolSeed,
        names: this.names,
        bank: this.bank(),
      });
      const state = this.state;
      if (
        entry?.good &&
        (entry.clean || !clean) &&
        fitsReply(entry, state) &&
        !(this.quotesFact(entry.sentence) && state.quotedFact()) &&
        this.accept(entry.sentence, entry.normal, entry.written)
      ) {
        return true;
      }
    }
    return false;
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
    return generated.good && (generated.clean || !clean)
      ? this.acceptWalk(generated)
      : rough(generated);
  }

  private readonly acceptWalk = (walk: Candidate): boolean =>
    this.accept(walk.sentence, walk.normal, walk.written);

  /**
   * Adds a sentence: a generated one, else one of the built-in talk not yet said, else a short
   * stock line. Returns it; '' when the reply has sentences already and none of these fits.
   */
  sayAnything(focus?: ReadonlySet<string>): string {
    // A walk that reads badly ("I would start with the town would carry forever.") only when
    // no sentence of the talk is left to say.
    let rough: Candidate | undefined;
    const keep = (walk: Candidate) => {
      rough = walk;
      return false;
    };
    if (this.say(focus, keep)) return this.parts.at(-1) ?? '';
    const talk = shuffled(TALK_SENTENCES, this.random).slice(0, 12);
    if (rough !== undefined) {
      const said = this.acceptFirst(talk.filter(this.fresh));
      if (said !== undefined || this.acceptWalk(rough)) return this.parts.at(-1) ?? '';
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
    for (let round = 0; round < WHOLE_ROUNDS; round++) {
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
    const talk = shuffled(TALK_SENTENCES, this.random).filter(
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
