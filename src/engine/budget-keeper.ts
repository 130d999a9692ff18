// Keeps every seat's context window across a discussion: where each seat's window starts, its
// running summary, and the record of what was dropped for whom. The engine asks it for a seat's
// conversation before each request; nothing it does is heard by the other seats.
import type { TokenCounter } from '../tokens/counter.js';
import {
  DEFAULT_LOW_WATER,
  entriesTokens,
  fitWindow,
  planWindow,
  summaryMessage,
  type WindowInput,
  windowConversation,
} from './budget.js';
import { buildContextSummaryRequest, readQuietly, summaryTokensFor } from './budget-summary.js';
import type { ContextStrategy, EventOf } from './events.js';
import type { HistoryEntry } from './history.js';
import {
  type ChatMessage,
  type Model,
  ModelError,
  type ModelRequest,
  type Usage,
} from './model.js';
import type { Participant } from './table.js';

/** The engine's `budget` option; built by the CLI from the endpoints and settings. */
export interface ContextBudget {
  /** The seat's context window in tokens; undefined leaves the seat unbudgeted. */
  contextTokens(participant: Participant): number | undefined;
  readonly strategy: ContextStrategy;
  /** The seat's counter (one per model: its calibration is that model's). */
  counter(participant: Participant): TokenCounter;
  /** Share of the room a trim goes down to (default 0.7); 1 trims only what must go. */
  readonly lowWater?: number | undefined;
}

export interface FitRequest {
  readonly turn: number;
  readonly participant: Participant;
  readonly system: string;
  readonly entries: readonly HistoryEntry[];
  /** The guidance (or the summarize instruction), sent last. */
  readonly last: string;
  /** The reply reserve. */
  readonly maxTokens: number;
}

export interface Fitted {
  /** The seat's conversation for this request; undefined means the whole history, untouched. */
  readonly conversation: readonly ChatMessage[] | undefined;
  readonly event: EventOf<'context-trimmed'> | undefined;
  /** What a context-summary request cost. */
  readonly usage: Usage | undefined;
}

interface SeatWindow {
  readonly from: number;
  readonly summary: string | undefined;
}

interface SummaryOutcome {
  readonly text?: string | undefined;
  readonly error?: string | undefined;
  readonly usage?: Usage | undefined;
}

const UNTOUCHED: Fitted = { conversation: undefined, event: undefined, usage: undefined };
const START: SeatWindow = { from: 0, summary: undefined };

export class ContextKeeper {
  readonly #budget: ContextBudget;
  readonly #model: Model;
  readonly #signal: AbortSignal;
  readonly #windows = new Map<number, SeatWindow>();

  constructor(budget: ContextBudget, model: Model, signal: AbortSignal) {
    this.#budget = budget;
    this.#model = model;
    this.#signal = signal;
  }

  /** Takes up a seat's window as a recorded run left it (its last kept `context-trimmed`). */
  restore(trim: EventOf<'context-trimmed'>): void {
    this.#windows.set(trim.seat, { from: trim.keptFrom, summary: trim.summary });
  }

  /** The seat's conversation for its next request, trimmed (and summarized) to fit. */
  async fit(request: FitRequest): Promise<Fitted> {
    const { participant, entries } = request;
    if (participant.human === true) return UNTOUCHED;
    const contextTokens = this.#budget.contextTokens(participant);
    if (contextTokens === undefined) return UNTOUCHED;
    const counter = this.#budget.counter(participant);
    const seat = participant.seat;
    const state = this.#windows.get(seat) ?? START;
    const summarize = this.#budget.strategy === 'summarize';
    const input: WindowInput = {
      system: request.system,
      entries,
      seat,
      from: state.from,
      summary: state.summary,
      summaryReserve: summarize ? summaryReserve(contextTokens, counter) : 0,
      last: request.last,
      contextTokens,
      maxTokens: request.maxTokens,
      lowWater: this.#budget.lowWater ?? DEFAULT_LOW_WATER,
      counter,
    };
    const plan = planWindow(input);
    if (plan.dropped === 0 && !plan.overflow) {
      if (state.from === 0 && state.summary === undefined) return UNTOUCHED;
      return {
        conversation: windowConversation(entries, seat, state.from, state.summary),
        event: undefined,
        usage: undefined,
      };
    }

    let summary = state.summary;
    let outcome: SummaryOutcome = {};
    if (summarize && plan.dropped > 0) {
      outcome = await this.#summarize({
        participant,
        previous: state.summary,
        dropped: entries.slice(state.from, plan.from),
        contextTokens,
        counter,
      });
      if (outcome.text !== undefined) summary = outcome.text;
    }
    const fitted = fitWindow(input, plan.from, summary);
    this.#windows.set(seat, { from: fitted.from, summary: fitted.summary });
    const event: EventOf<'context-trimmed'> = {
      type: 'context-trimmed',
      turn: request.turn,
      seat,
      speaker: participant.name,
      droppedEntries: fitted.from - state.from,
      droppedTokens: entriesTokens(entries, seat, state.from, fitted.from, counter),
      keptFrom: fitted.from,
      keptEntries: entries.length - fitted.from,
      promptTokens: fitted.promptTokens,
      contextTokens,
      maxTokens: request.maxTokens,
      counter: counter.method,
      strategy: this.#budget.strategy,
      summarized: outcome.text !== undefined && fitted.summary === outcome.text,
      summary: fitted.summary,
      summaryError: outcome.error,
      summaryUsage: outcome.usage,
      overflow: fitted.overflow,
    };
    return { conversation: fitted.conversation, event, usage: outcome.usage };
  }

  /** Calibrates the seat's counter from the prompt tokens the server reported for `request`. */
  observe(participant: Participant, request: ModelRequest, usage: Usage): void {
    if (usage.estimated || usage.promptTokens <= 0 || participant.human === true) return;
    if (this.#budget.contextTokens(participant) === undefined) return;
    this.#budget.counter(participant).observe(request.messages, usage.promptTokens);
  }

  async #summarize(
    input: Parameters<typeof buildContextSummaryRequest>[0],
  ): Promise<SummaryOutcome> {
    const request = buildContextSummaryRequest(input);
    const { counter } = input;
    try {
      const reply = await readQuietly(this.#model, request, this.#signal);
      const usage = reply.usage ?? {
        promptTokens: counter.count(request.messages),
        completionTokens: counter.countText(reply.text),
        estimated: true,
      };
      if (this.#signal.aborted) return { error: 'interrupted', usage };
      if (reply.usage !== undefined && !reply.usage.estimated && reply.usage.promptTokens > 0) {
        counter.observe(request.messages, reply.usage.promptTokens);
      }
      if (reply.text.length === 0) return { error: 'the model wrote an empty summary', usage };
      return { text: reply.text, usage };
    } catch (error) {
      if (this.#signal.aborted) return { error: 'interrupted' };
      const message = error instanceof Error ? error.message : String(error);
      return { error: error instanceof ModelError ? `${error.kind}: ${message}` : message };
    }
  }
}

/** Room for the summary to be written: its reply budget and the moderator line around it. */
function summaryReserve(contextTokens: number, counter: TokenCounter): number {
  return summaryTokensFor(contextTokens) + counter.count([summaryMessage('')]);
}
