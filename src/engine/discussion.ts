// The turn-scheduling engine: pure (no I/O, no clock), seeded, driven by an AbortSignal and a
// command queue, and observable only through the events it yields.
import { type ContextBudget, ContextKeeper } from './budget-keeper.js';
import { type CleanedReply, ReplyCleaner } from './clean-reply.js';
import type { Command } from './commands.js';
import { DiscussionControls, findParticipant } from './controls.js';
import type {
  DiscussionEvent,
  EndReason,
  FloorReason,
  TopicRef,
  TurnStatus,
  UsageTotals,
} from './events.js';
import { ConversationLog } from './history.js';
import { MentionFinder } from './mentions.js';
import {
  type ChatMessage,
  type Model,
  type ModelChunk,
  ModelError,
  type ModelErrorKind,
  type ModelRequest,
  type Usage,
} from './model.js';
import { createRandom, deriveSeed, normalizeSeed, type Random } from './random.js';
import {
  buildSummaryRequest,
  buildTurnRequest,
  guidanceText,
  maxTokensFor,
  openingText,
  summaryText,
  systemMessage,
  type TurnGuidance,
  topicChangeText,
} from './request.js';
import { type ResumePoint, resumePoint } from './resume.js';
import { chooseSummarizer, directivesFor, everyToProbability, leastDiscussed } from './schedule.js';
import type { EngineSettings, Participant, Table } from './table.js';
import { addUsage, estimatePromptTokens, estimateTokens, noUsage } from './usage.js';

export interface DiscussionOptions {
  readonly table: Table;
  readonly settings: EngineSettings;
  readonly model: Model;
  /** Aborting it interrupts the turn in flight and ends the discussion ('interrupted'). */
  readonly signal?: AbortSignal | undefined;
  readonly controls?: DiscussionControls | undefined;
  /**
   * Keeps each seat's requests within its context window (see `budget-keeper.ts`); without it
   * every request carries the whole history.
   */
  readonly budget?: ContextBudget | undefined;
  /**
   * Go on with a recorded discussion: its events so far (no transcript `run`/`closed` records).
   * Only new events are yielded; the recorded ones are not repeated. Throws when it completed.
   */
  readonly resume?: { readonly events: readonly DiscussionEvent[] } | undefined;
}

/** A dead endpoint should not burn every remaining turn. */
export const MAX_CONSECUTIVE_FAILURES = 3;

/**
 * Runs a discussion, yielding every event in order. Model failures become `error` events and
 * the generator never throws for them; a table without participants or questions is a
 * programming error and throws at once.
 */
export function runDiscussion(options: DiscussionOptions): AsyncGenerator<DiscussionEvent, void> {
  return new Discussion(options).run();
}

interface Seat {
  readonly participant: Participant;
  readonly system: string;
  readonly cleaner: ReplyCleaner;
  /** Everyone but this seat: a self-mention routes nowhere. */
  readonly mentions: MentionFinder;
  /** Turns in which it was heard. */
  heard: number;
  firstHeard: number | undefined;
  hadFloor: boolean;
}

type Gate = 'go' | 'wrap-up' | 'stop' | 'interrupted';
type Outcome = 'continue' | Exclude<EndReason, 'completed'>;
type StreamEnd = 'done' | 'cut' | 'skipped' | 'interrupted' | { readonly error: unknown };
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Reply {
  readonly status: TurnStatus;
  readonly cleaned: CleanedReply;
  readonly usage: Usage;
  readonly failure?: Failure | undefined;
}

interface Failure {
  readonly kind: ModelErrorKind;
  readonly message: string;
  readonly fatal: boolean;
}

const isImmediate = (c: Command): boolean =>
  c.type === 'skip' || c.type === 'pause' || c.type === 'resume';
const releasesPause = (c: Command): boolean => c.type === 'stop' || c.type === 'wrap-up';

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function describeFailure(error: unknown): Failure {
  if (error instanceof ModelError) {
    return { kind: error.kind, message: error.message, fatal: error.fatal };
  }
  return {
    kind: 'unknown',
    message: error instanceof Error ? error.message : String(error),
    fatal: true,
  };
}

class Discussion {
  readonly #table: Table;
  readonly #settings: EngineSettings;
  readonly #model: Model;
  readonly #signal: AbortSignal;
  readonly #controls: DiscussionControls;
  readonly #context: ContextKeeper | undefined;
  readonly #seed: number;
  readonly #seats: readonly Seat[];
  readonly #log: ConversationLog;
  readonly #moderatorMentions: MentionFinder;
  readonly #topicTurns: number[];
  readonly #pTopic: number;
  readonly #pInvite: number;
  #topic: TopicRef;
  /** The topic changed (by schedule or moderator) since the last turn. */
  #topicFresh = false;
  #moderatorChangedTopic = false;
  #previous: number | undefined;
  #floor: { readonly index: number; readonly reason: FloorReason } | undefined;
  #paused = false;
  #wrapUp = false;
  #usage: UsageTotals = { promptTokens: 0, completionTokens: 0, estimated: false };
  #failures = 0;
  #turnsTaken = 0;
  readonly #resumeFrom: ResumePoint | undefined;

  constructor(options: DiscussionOptions) {
    const { table, settings } = options;
    const firstQuestion = table.task.questions[0];
    if (table.participants.length === 0 || firstQuestion === undefined) {
      throw new TypeError('A discussion needs at least one participant and one question');
    }
    this.#table = table;
    this.#settings = settings;
    this.#model = options.model;
    this.#signal = options.signal ?? new AbortController().signal;
    this.#controls = options.controls ?? new DiscussionControls();
    this.#context =
      options.budget && new ContextKeeper(options.budget, options.model, this.#signal);
    this.#seed = normalizeSeed(settings.seed);
    const participants = table.participants;
    this.#seats = participants.map((participant) => ({
      participant,
      system: systemMessage(table, settings, participant),
      cleaner: new ReplyCleaner(participant, participants),
      mentions: new MentionFinder(
        participants.filter((p) => p.seat !== participant.seat).map((p) => p.name),
      ),
      heard: 0,
      firstHeard: undefined,
      hadFloor: false,
    }));
    this.#log = new ConversationLog(participants.map((p) => p.seat));
    this.#moderatorMentions = new MentionFinder(
      participants.map((p) => p.name),
      { requireAt: true },
    );
    this.#topicTurns = table.task.questions.map(() => 0);
    this.#topic = { index: 0, text: firstQuestion };
    this.#pTopic = everyToProbability(settings.topicChangeEvery);
    this.#pInvite = everyToProbability(settings.askOpinionEvery);
    this.#resumeFrom = options.resume && resumePoint(table, options.resume.events);
    if (this.#resumeFrom?.completed === true) {
      throw new RangeError('This discussion has already completed: there is nothing to resume');
    }
  }

  async *run(): AsyncGenerator<DiscussionEvent, void> {
    const resume = this.#resumeFrom;
    if (resume?.started !== true) {
      yield {
        type: 'discussion-started',
        seed: this.#seed,
        settings: this.#settings,
        participants: this.#table.participants,
        task: this.#table.task,
        topic: this.#topic,
      };
    }
    this.#log.append({ kind: 'moderator', text: openingText(this.#settings, this.#topic) });
    if (resume !== undefined) {
      this.#restore(resume);
      if (resume.started) yield { type: 'discussion-resumed', fromTurn: resume.nextTurn };
    }
    const reason = resume?.summaryDone === true ? 'completed' : yield* this.#discuss();
    yield {
      type: 'discussion-ended',
      reason,
      turns: this.#turnsTaken,
      usage: this.#usage,
    };
  }

  async *#discuss(): AsyncGenerator<DiscussionEvent, EndReason> {
    for (let turn = this.#turnsTaken + 1; turn <= this.#settings.turns; turn++) {
      const gate = yield* this.#safePoint(turn);
      if (gate === 'stop') return 'stopped';
      if (gate === 'interrupted') return 'interrupted';
      if (gate === 'wrap-up') break;
      const outcome = yield* this.#turn(turn);
      if (outcome !== 'continue') return outcome;
    }
    if (!this.#settings.summary) return 'completed';
    const turn = this.#turnsTaken + 1;
    const gate = yield* this.#safePoint(turn);
    if (gate === 'stop') return 'stopped';
    if (gate === 'interrupted') return 'interrupted';
    const outcome = yield* this.#summary(turn);
    return outcome === 'continue' ? 'completed' : outcome;
  }

  /** Takes up a recorded discussion's state (the opening is already in the log). */
  #restore(point: ResumePoint): void {
    for (const entry of point.history) this.#log.append(entry);
    this.#topic = point.topic;
    this.#topicFresh = point.topicFresh;
    this.#moderatorChangedTopic = point.moderatorChangedTopic;
    point.topicTurns.forEach((count, index) => {
      this.#topicTurns[index] = count;
    });
    this.#previous = point.previous;
    this.#floor = point.floor;
    this.#wrapUp = point.wrapUp;
    this.#usage = point.usage;
    this.#failures = point.failures;
    this.#turnsTaken = point.turnsTaken;
    point.seats.forEach((progress, index) => {
      const seat = this.#seats[index];
      if (seat === undefined) return;
      seat.heard = progress.heard;
      seat.firstHeard = progress.firstHeard;
      seat.hadFloor = progress.hadFloor;
      if (progress.lastTrim !== undefined) this.#context?.restore(progress.lastTrim);
    });
  }

  // ---- turns ----

  async *#turn(turn: number): AsyncGenerator<DiscussionEvent, Outcome> {
    // A stream of its own per turn, always drawn in the same order: the same seed gives the
    // same draws whatever the replies were, and a resumed run stays on the same path.
    const random = createRandom(deriveSeed(this.#seed, turn));
    const changeTopic = random.chance(this.#pTopic);
    const inviteOpinions = random.chance(this.#pInvite);

    if (turn > 1 && changeTopic && !this.#moderatorChangedTopic) {
      const index = leastDiscussed(this.#topicTurns, this.#topic.index);
      if (index !== this.#topic.index) {
        yield* this.#changeTopic({ index, text: this.#question(index) }, turn, 'schedule');
      }
    }

    const { index, reason } = this.#chooseSpeaker(random);
    const seat = this.#seat(index);
    const { participant } = seat;
    const directives = directivesFor(turn, this.#settings, inviteOpinions);
    const turnsLeft = this.#settings.turns - turn;
    const topic = this.#topic;
    const topicChanged = this.#topicFresh;
    this.#topicFresh = false;
    this.#moderatorChangedTopic = false;
    if (topic.index >= 0) this.#topicTurns[topic.index] = (this.#topicTurns[topic.index] ?? 0) + 1;
    this.#turnsTaken = turn;

    yield {
      type: 'turn-started',
      turn,
      kind: 'turn',
      seat: participant.seat,
      speaker: participant.name,
      model: participant.model,
      topic,
      directives,
      turnsLeft,
      reason,
    };
    const guidance: TurnGuidance = {
      turn,
      turns: this.#settings.turns,
      topic,
      topicChanged,
      directives,
      turnsLeft,
      introduce: this.#settings.introductions && !seat.hadFloor,
    };
    const request = buildTurnRequest({
      table: this.#table,
      settings: this.#settings,
      participant,
      conversation: yield* this.#conversation(turn, seat, guidanceText(participant, guidance)),
      system: seat.system,
      guidance,
    });
    seat.hadFloor = true;
    const reply = yield* this.#stream(request, turn, seat);
    this.#context?.observe(participant, request, reply.usage);
    const text = reply.cleaned.text;
    if (reply.failure !== undefined) yield this.#errorEvent(reply.failure, turn, participant);
    yield {
      type: 'turn-ended',
      turn,
      seat: participant.seat,
      speaker: participant.name,
      text,
      status: reply.status,
      usage: reply.usage,
      cut: reply.cleaned.cut,
    };

    this.#previous = index;
    this.#floor = undefined;
    if (reply.status !== 'failed' && reply.status !== 'interrupted' && text.length > 0) {
      this.#log.append({ kind: 'turn', seat: participant.seat, speaker: participant.name, text });
      seat.heard += 1;
      seat.firstHeard ??= turn;
      const mentioned = seat.mentions.last(text);
      if (mentioned !== undefined)
        this.#floor = { index: this.#indexOf(mentioned), reason: 'mention' };
    }
    return yield* this.#outcome(reply, turn);
  }

  #chooseSpeaker(random: Random): { index: number; reason: FloorReason } {
    if (this.#floor !== undefined) return this.#floor;
    const all = this.#seats.map((_, index) => index);
    const previous = this.#previous;
    if (previous === undefined) return { index: random.pick(all), reason: 'first' };
    const others = all.length >= 2 ? all.filter((index) => index !== previous) : all;
    return { index: random.pick(others), reason: 'random' };
  }

  async *#summary(turn: number): AsyncGenerator<DiscussionEvent, Outcome> {
    const index = chooseSummarizer(
      this.#seats.map((seat) => ({
        turns: seat.heard,
        firstTurn: seat.firstHeard,
        human: seat.participant.human === true,
      })),
    );
    if (index === undefined) return 'continue';
    const seat = this.#seat(index);
    const { participant } = seat;
    yield {
      type: 'turn-started',
      turn,
      kind: 'summary',
      seat: participant.seat,
      speaker: participant.name,
      model: participant.model,
      topic: this.#topic,
      directives: [],
      turnsLeft: 0,
      reason: 'moderator',
    };
    const request = buildSummaryRequest({
      table: this.#table,
      settings: this.#settings,
      participant,
      conversation: yield* this.#conversation(turn, seat, summaryText(this.#table.task.summarize)),
      system: seat.system,
    });
    const reply = yield* this.#stream(request, turn, seat);
    this.#context?.observe(participant, request, reply.usage);
    if (reply.failure !== undefined) yield this.#errorEvent(reply.failure, turn, participant);
    yield {
      type: 'summary',
      seat: participant.seat,
      speaker: participant.name,
      text: reply.cleaned.text,
      usage: reply.usage,
      status: reply.status,
    };
    return yield* this.#outcome(reply, turn);
  }

  /** What a finished request means for the discussion: go on, or end and why. */
  async *#outcome(reply: Reply, turn: number): AsyncGenerator<DiscussionEvent, Outcome> {
    this.#usage = addUsage(this.#usage, reply.usage);
    if (reply.status === 'interrupted') return 'interrupted';
    if (reply.status !== 'failed') {
      this.#failures = 0;
      return 'continue';
    }
    this.#failures += 1;
    const failure = reply.failure;
    if (failure?.fatal === true) return 'failed';
    if (this.#failures >= MAX_CONSECUTIVE_FAILURES) {
      yield {
        type: 'error',
        turn,
        kind: failure?.kind ?? 'unknown',
        message: `Ending the discussion: ${this.#failures} turns in a row failed.`,
        fatal: true,
      };
      return 'failed';
    }
    // 'failed', not 'stopped': the run ends cleanly, but a script must not mistake it for success.
    return this.#settings.onError === 'stop' ? 'failed' : 'continue';
  }

  #errorEvent(failure: Failure, turn: number, participant: Participant): DiscussionEvent {
    return { type: 'error', turn, speaker: participant.name, ...failure };
  }

  /** The seat's view of the history, trimmed to its context window when it has a budget. */
  async *#conversation(
    turn: number,
    seat: Seat,
    last: string,
  ): AsyncGenerator<DiscussionEvent, readonly ChatMessage[]> {
    const whole = this.#log.conversation(seat.participant.seat);
    if (this.#context === undefined) return whole;
    const fitted = await this.#context.fit({
      turn,
      participant: seat.participant,
      system: seat.system,
      entries: this.#log.entries,
      last,
      maxTokens: maxTokensFor(seat.participant, this.#settings),
    });
    if (fitted.usage !== undefined) this.#usage = addUsage(this.#usage, fitted.usage);
    if (fitted.event !== undefined) yield fitted.event;
    return fitted.conversation ?? whole;
  }

  // ---- streaming one reply ----

  async *#stream(
    request: ModelRequest,
    turn: number,
    seat: Seat,
  ): AsyncGenerator<DiscussionEvent, Reply> {
    // The request's own signal: aborted by the run's signal, a skip, or a cut, whichever first.
    const controller = new AbortController();
    const forwardAbort = (): void => controller.abort(this.#signal.reason);
    this.#signal.addEventListener('abort', forwardAbort, { once: true });
    const filter = seat.cleaner.stream();
    let reported: Usage | undefined;
    let end: StreamEnd | undefined;
    let iterator: AsyncIterator<ModelChunk> | undefined;
    let pending: Promise<Settled<IteratorResult<ModelChunk>>> | undefined;
    let held: Settled<IteratorResult<ModelChunk>> | undefined;
    try {
      iterator = this.#model(request, controller.signal)[Symbol.asyncIterator]();
      while (end === undefined) {
        if (this.#signal.aborted) {
          end = 'interrupted';
          break;
        }
        for (const command of this.#controls.takeWhere(isImmediate)) {
          if (command.type === 'skip') {
            yield { type: 'command', command };
            end = 'skipped';
            break;
          }
          yield* this.#applyPause(command);
        }
        if (end !== undefined) break;
        if (this.#paused && this.#controls.has(releasesPause)) yield* this.#resume();
        if (this.#paused) {
          // Hold the stream: pull nothing until a command (resume, skip) or the abort.
          await this.#wake();
          continue;
        }
        if (held === undefined) {
          pending ??= settle(iterator.next());
          if ((await this.#wake(pending)) === 'chunk') {
            held = await pending;
            pending = undefined;
          }
          // Commands and the abort are looked at again before the chunk is used.
          continue;
        }
        const settled = held;
        held = undefined;
        if (!settled.ok) throw settled.error;
        if (settled.value.done === true) {
          end = 'done';
          break;
        }
        const chunk = settled.value.value;
        switch (chunk.type) {
          case 'text': {
            const text = filter.push(chunk.text);
            if (text.length > 0) yield { type: 'text-delta', turn, text };
            // The model began speaking for someone else: nothing more of this reply is used.
            if (filter.cut) end = 'cut';
            break;
          }
          case 'usage':
            reported = reported === undefined ? chunk.usage : addUsage(reported, chunk.usage);
            break;
          case 'retry':
            yield {
              type: 'retry',
              turn,
              attempt: chunk.attempt,
              delayMs: chunk.delayMs,
              reason: chunk.reason,
            };
            break;
        }
      }
    } catch (error) {
      end = this.#signal.aborted ? 'interrupted' : { error };
    } finally {
      this.#signal.removeEventListener('abort', forwardAbort);
      if (end !== 'done') {
        // Stops the request in flight; also runs when the consumer stops iterating mid-turn.
        controller.abort();
        if (iterator?.return !== undefined) {
          // Not awaited: an adapter stuck in a pending read must not hold the discussion.
          settle(Promise.resolve().then(() => iterator?.return?.()));
        }
      }
    }
    // The openai client ends a stream silently when aborted, so a clean end may be an abort.
    if (end === 'done' && this.#signal.aborted) end = 'interrupted';
    const failed = typeof end === 'object';
    if (!failed) {
      const tail = filter.end();
      if (tail.length > 0) yield { type: 'text-delta', turn, text: tail };
    }
    const raw = filter.raw;
    const cleaned: CleanedReply = failed ? { text: '' } : seat.cleaner.clean(raw);
    return {
      status: this.#status(end, cleaned.text),
      cleaned,
      usage: reported ?? this.#estimate(request, raw, end),
      failure: typeof end === 'object' ? describeFailure(end.error) : undefined,
    };
  }

  #status(end: StreamEnd, text: string): TurnStatus {
    if (typeof end === 'object') return 'failed';
    switch (end) {
      case 'interrupted':
        return 'interrupted';
      case 'skipped':
        return 'skipped';
      case 'done':
      case 'cut':
        return text.length === 0 ? 'passed' : 'complete';
    }
  }

  #estimate(request: ModelRequest, raw: string, end: StreamEnd): Usage {
    // A request cut short (failed, skipped, interrupted) before any text most likely cost
    // nothing; one that finished empty was still read by the model.
    if (raw.length === 0 && end !== 'done') return noUsage;
    return {
      promptTokens: estimatePromptTokens(request.messages),
      completionTokens: estimateTokens(raw),
      estimated: true,
    };
  }

  /** Resolves on the next command, the abort, or (if given) when `pending` settles. */
  #wake(pending?: Promise<unknown>): Promise<'chunk' | 'command' | 'abort'> {
    return new Promise((resolve) => {
      if (this.#signal.aborted) {
        resolve('abort');
        return;
      }
      const done = (why: 'chunk' | 'command' | 'abort'): void => {
        unsubscribe();
        this.#signal.removeEventListener('abort', onAbort);
        resolve(why);
      };
      const onAbort = (): void => done('abort');
      const unsubscribe = this.#controls.subscribe(() => done('command'));
      this.#signal.addEventListener('abort', onAbort, { once: true });
      pending?.then(() => done('chunk'));
    });
  }

  // ---- commands ----

  /** Between turns: applies queued commands; waits while paused. */
  async *#safePoint(nextTurn: number): AsyncGenerator<DiscussionEvent, Gate> {
    for (;;) {
      if (this.#signal.aborted) return 'interrupted';
      for (const command of this.#controls.take()) {
        if (yield* this.#apply(command, nextTurn)) return 'stop';
      }
      if (!this.#paused) return this.#wrapUp ? 'wrap-up' : 'go';
      await this.#wake();
    }
  }

  /** Applies one command at a safe point; true when it ends the discussion. */
  async *#apply(command: Command, nextTurn: number): AsyncGenerator<DiscussionEvent, boolean> {
    switch (command.type) {
      case 'skip':
        // Nothing is being spoken between turns; a late skip must not cut the next turn short.
        return false;
      case 'pause':
      case 'resume':
        yield* this.#applyPause(command);
        return false;
      case 'next-topic': {
        yield { type: 'command', command };
        const index = leastDiscussed(this.#topicTurns, this.#topic.index);
        if (index !== this.#topic.index) {
          yield* this.#changeTopic({ index, text: this.#question(index) }, nextTurn, 'moderator');
        }
        return false;
      }
      case 'set-topic': {
        const topic = this.#topicFor(command.topic);
        if (topic === undefined) return false;
        yield { type: 'command', command };
        if (topic.index === -1 || topic.index !== this.#topic.index) {
          yield* this.#changeTopic(topic, nextTurn, 'moderator');
        }
        return false;
      }
      case 'wrap-up':
        yield* this.#resume();
        yield { type: 'command', command };
        this.#wrapUp = true;
        return false;
      case 'stop':
        yield* this.#resume();
        yield { type: 'command', command };
        return true;
      case 'interject': {
        const text = command.text.trim();
        if (text.length === 0) return false;
        yield { type: 'command', command };
        const mention = this.#moderatorMentions.last(text);
        this.#log.append({ kind: 'moderator', text });
        yield { type: 'interjection', beforeTurn: nextTurn, text, mention };
        if (mention !== undefined)
          this.#floor = { index: this.#indexOf(mention), reason: 'moderator' };
        return false;
      }
      case 'ask': {
        const participant = findParticipant(this.#table.participants, command.name);
        if (participant === undefined) return false;
        yield { type: 'command', command };
        this.#floor = { index: this.#indexOf(participant.name), reason: 'moderator' };
        return false;
      }
    }
  }

  async *#applyPause(command: Command): AsyncGenerator<DiscussionEvent, void> {
    if (command.type === 'pause' && !this.#paused) {
      this.#paused = true;
      yield { type: 'command', command };
    } else if (command.type === 'resume') {
      yield* this.#resume();
    }
  }

  async *#resume(): AsyncGenerator<DiscussionEvent, void> {
    if (!this.#paused) return;
    this.#paused = false;
    yield { type: 'command', command: { type: 'resume' } };
  }

  async *#changeTopic(
    topic: TopicRef,
    turn: number,
    reason: 'schedule' | 'moderator',
  ): AsyncGenerator<DiscussionEvent, void> {
    this.#topic = topic;
    this.#topicFresh = true;
    if (reason === 'moderator') this.#moderatorChangedTopic = true;
    this.#log.append({ kind: 'moderator', text: topicChangeText(topic) });
    yield { type: 'topic-changed', turn, topic, reason };
  }

  #topicFor(topic: number | string): TopicRef | undefined {
    if (typeof topic === 'number') {
      const text = this.#table.task.questions[topic - 1];
      return Number.isInteger(topic) && text !== undefined ? { index: topic - 1, text } : undefined;
    }
    const text = topic.trim();
    return text.length === 0 ? undefined : { index: -1, text };
  }

  // ---- lookups ----

  #question(index: number): string {
    return this.#table.task.questions[index] ?? '';
  }

  #seat(index: number): Seat {
    const seat = this.#seats[index];
    if (seat === undefined) throw new RangeError(`No seat at index ${index}`);
    return seat;
  }

  #indexOf(name: string): number {
    return this.#seats.findIndex((seat) => seat.participant.name === name);
  }
}
