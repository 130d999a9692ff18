// A reply's record as it is written: its sentences, the words a next sentence is checked against
// (see RunGuard), its four-word stretches and openings, and what it has said (see ReplyState).
// Speech (speech.ts) adds sentences to it; this holds what every sentence is checked against.
import { answersAnother, leansOnNothing } from './clause.js';
import { LOOKING_BACK } from './looking-back.js';
import type { Prepared } from './prepare.js';
import { quotesFact, type ReplyState, type Written, writtenOf } from './reply-state.js';
import { SaidParts } from './said-parts.js';
import { type NameTest, nameTest, normalWords, RUN_WORDS } from './words.js';

/** A turn's most sentences: within them no clause twice, and one fact of the case (see state). */
const FACT_SPAN = 8;
/** Sentences of a ramble within which none repeats (see Speech.more). */
const RAMBLE_MEMORY = 64;

/** Fixed lines remembered (see lineOf) before the memo starts over. */
const LINES_KEPT = 512;

/**
 * A fixed line's normal words and, once it was said, how it stands in a reply (see writtenOf),
 * by its text: a turn's closings, invitations, asides and openers are the same few lines turn
 * after turn, and reading each afresh at every accept was ~5% of composing a turn.
 */
interface Line {
  readonly normal: readonly string[];
  written?: Written;
}

const lines = new Map<string, Line>();

function lineOf(sentence: string): Line {
  let line = lines.get(sentence);
  if (line === undefined) {
    if (lines.size >= LINES_KEPT) lines.clear();
    line = { normal: normalWords(sentence) };
    lines.set(sentence, line);
  }
  return line;
}

function writtenLine(sentence: string): Written {
  const line = lineOf(sentence);
  line.written ??= writtenOf(sentence);
  return line.written;
}

/** The names the last reply's table read (see tableNames), and their test. */
let lastNames: readonly string[] = [];
let lastTest: NameTest | undefined;

/**
 * The test of the names at the state's table (its seat's and the others'): every reply makes one,
 * and a table's requests name the same seats, so the last is kept and the names compared with it
 * (gathering, sorting and joining them for nameTest's key was most of starting a reply).
 */
function tableNames(prepared: Prepared): NameTest | undefined {
  const { self, others } = prepared;
  let count = 0;
  let same = true;
  const compare = (name: string) => {
    if (name === '') return;
    if (lastNames[count] !== name) same = false;
    count++;
  };
  if (self !== undefined) compare(self.name);
  for (const seat of others) compare(seat.name);
  if (same && count === lastNames.length) return lastTest;
  const names = [self, ...others]
    .filter((seat) => seat !== undefined)
    .map((seat) => seat.name)
    .filter((name) => name !== '');
  lastNames = names;
  lastTest = names.length === 0 ? undefined : nameTest(names);
  return lastTest;
}

/**
 * One reply's sentences so far. Every sentence, generated or fixed, goes through `accept`, which
 * refuses one that would recite a forbidden run across the boundary with what came before.
 */
export class ReplyRecord {
  readonly parts: string[] = [];
  protected normal: string[] = [];
  /** Four-word stretches of this reply so far, and how its sentences open. */
  protected readonly ownQuads = new Set<string>();
  protected readonly openings = new Set<string>();
  protected readonly saidParts = new SaidParts(this.parts);
  readonly names: NameTest | undefined;

  constructor(readonly prepared: Prepared) {
    this.names = tableNames(prepared);
  }

  get text(): string {
    return this.parts.join(' ');
  }

  /** Whether `sentence` (its normal words) may follow what was said so far. */
  fits(sentence: string, normal: readonly string[] = lineOf(sentence).normal): boolean {
    return this.prepared.guard.firstForbidden(normal, this.normal) === undefined;
  }

  /** Adds the sentence if it fits; returns whether it did. */
  accept(
    sentence: string,
    normal: readonly string[] = lineOf(sentence).normal,
    written: () => Written = () => writtenLine(sentence),
  ): boolean {
    if (!this.fits(sentence, normal)) return false;
    // Only a turn's first sentence answers another: after its own words it would answer itself.
    if (this.parts.length > 0 && answersAnother(sentence)) return false;
    if (leansOnNothing(sentence, this.parts)) return false;
    const { quads, opening, lower } = written();
    if (this.lookingBackHeld && LOOKING_BACK.has(lower)) return false;
    const current = this.saidParts.current();
    this.parts.push(sentence);
    if (current) this.saidParts.note(sentence, lower);
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
  protected readonly saidLately = (lower: string): boolean => {
    const at = this.saidParts.lastAt(lower);
    return at >= 0 && at >= this.parts.length - RAMBLE_MEMORY;
  };

  /**
   * Whether one of the reply's last sentences quotes the context: asked only of a sentence that
   * would quote it too. A turn is a few sentences; a ramble running on to thousands may quote
   * again after FACT_SPAN more.
   */
  protected readonly quotedFact = (): boolean =>
    this.factsDone || this.parts.slice(-FACT_SPAN).some((part) => quotesFact(this.prepared, part));

  /**
   * No fact of the case at all from here on: a turn told to wrap up says where the seat stands,
   * in its own words; "The Dene Viaduct (1871, nine stone arches) carries the line over the
   * river. That is where I stand." recites the case and calls it a stance.
   */
  closeFacts(): void {
    this.factsDone = true;
  }

  private factsDone = false;

  /** No sentence that looks back on the discussion as over (see looking-back.ts): too early. */
  holdLookingBack(): void {
    this.lookingBackHeld = true;
  }

  private lookingBackHeld = false;

  protected readonly quotesFact = (sentence: string): boolean =>
    quotesFact(this.prepared, sentence);

  /** This reply's state, which a drawn sentence must not clash with. */
  protected get state(): ReplyState {
    return {
      tail: this.normal,
      ownQuads: this.ownQuads,
      openings: this.openings,
      said: this.said,
      turnLength: this.parts.length < FACT_SPAN,
      quotedFact: this.quotedFact,
    };
  }
}
