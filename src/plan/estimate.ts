// `roundtable plan`: what a run will ask, and what it may cost, before anything is sent. The real
// engine runs the table against a stand-in model three times (short replies, the expected length,
// every reply at its maxTokens), so the plan follows the same phases, speakers, context trimming
// and budgets as the run itself: there is no second model of the discussion to keep in step.
import { costOf, type Price } from '../cost/price.js';
import { addCost, type CostTotal, NO_COST } from '../cost/totals.js';
import type { ContextBudget } from '../engine/budget-keeper.js';
import { runDiscussion } from '../engine/discussion.js';
import type { DiscussionEvent } from '../engine/events.js';
import type { ModelRequest, Usage } from '../engine/model.js';
import type { EngineSettings, Table } from '../engine/table.js';
import type { TokenCounter } from '../tokens/counter.js';
import { fillerWords } from './filler.js';
import { createPlanningModel, requestCounters } from './planning-model.js';

/** How long replies are assumed to be, in tokens; the high end is every reply at its maxTokens. */
export interface ReplyLengths {
  readonly low: number;
  readonly expected: number;
}

/**
 * A reply of two to four sentences, as the example table asks for: three sentences of about 20
 * words at about 1.3 tokens a word make 80 tokens; 40 is a sentence or two. Real runs vary by
 * model and table: the range, and `--reply-tokens`, are there for that.
 */
export const DEFAULT_REPLY_TOKENS: ReplyLengths = { low: 40, expected: 80 };

export interface PlanInput {
  /** The table with each seat's endpoint and model filled in, as the run would seat it. */
  readonly table: Table;
  readonly settings: EngineSettings;
  /** The run's context windows and token counters (see `contextBudget`); none: no windows. */
  readonly budget?: ContextBudget | undefined;
  /** The price of an endpoint's model; undefined when unknown. */
  readonly priceOf: (endpoint: string | undefined, model: string | undefined) => Price | undefined;
  readonly replyTokens?: ReplyLengths | undefined;
  /** Counters for seats without a budget (and the LLM moderator); `createTokenCounter` otherwise. */
  readonly counterFor?: ((model: string | undefined) => TokenCounter) | undefined;
}

export interface Range {
  readonly low: number;
  readonly expected: number;
  readonly high: number;
}

export interface CostRange {
  readonly low: CostTotal;
  readonly expected: CostTotal;
  readonly high: CostTotal;
}

export interface PhaseEstimate {
  /** `discussion`, `summary`, and (with the moderator's formats) `opening`, `closing`… */
  readonly kind: string;
  readonly title: string;
  readonly requests: Range;
  readonly promptTokens: Range;
  readonly completionTokens: Range;
  readonly cost: CostRange;
  /** The phase's first request, as the expected run renders it (its replies are stand-ins). */
  readonly example: ModelRequest | undefined;
}

export interface Plan {
  readonly phases: readonly PhaseEstimate[];
  readonly total: Omit<PhaseEstimate, 'kind' | 'title' | 'example'>;
  readonly replyTokens: ReplyLengths;
  /** The seed the plan ran with: speakers (and so prices) follow it. */
  readonly seed: number;
  /** Turns taken by people: they cost nothing and are not requests. */
  readonly humanTurns: number;
}

interface PhaseTally {
  readonly kind: string;
  readonly title: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  cost: CostTotal;
  example: ModelRequest | undefined;
}

interface Scenario {
  readonly phases: readonly PhaseTally[];
  readonly seed: number;
  readonly humanTurns: number;
}

const TITLES: Readonly<Record<string, string>> = {
  discussion: 'Discussion',
  summary: 'Summary',
};

/** The phase a request belongs to when the engine announces none (tables from before phases). */
function phaseOfPurpose(purpose: ModelRequest['purpose']): string | undefined {
  return purpose === 'summary' ? 'summary' : undefined;
}

async function runScenario(
  input: PlanInput,
  replyTokens: (request: ModelRequest) => number,
): Promise<Scenario> {
  const humans = new Set(
    input.table.participants.filter((p) => p.human === true).map((p) => p.seat),
  );
  const counterFor = requestCounters(input.table, input.budget, input.counterFor);

  const phases: PhaseTally[] = [];
  let current: PhaseTally | undefined;
  let humanTurns = 0;
  const phaseNamed = (kind: string, title: string): PhaseTally => {
    const open = phases.find((p) => p.kind === kind && p.title === title);
    if (open !== undefined) return open;
    const created: PhaseTally = {
      kind,
      title,
      requests: 0,
      promptTokens: 0,
      completionTokens: 0,
      cost: NO_COST,
      example: undefined,
    };
    phases.push(created);
    return created;
  };
  const record = (request: ModelRequest, usage: Usage): void => {
    if (humans.has(request.seat) && request.purpose === 'turn') {
      humanTurns += 1;
      return;
    }
    const kind = phaseOfPurpose(request.purpose);
    const phase =
      kind !== undefined
        ? phaseNamed(kind, TITLES[kind] ?? kind)
        : (current ?? phaseNamed('discussion', 'Discussion'));
    phase.requests += 1;
    phase.promptTokens += usage.promptTokens;
    phase.completionTokens += usage.completionTokens;
    phase.cost = addCost(
      phase.cost,
      costOf(usage, input.priceOf(request.endpoint, request.model)),
      usage,
    );
    phase.example ??= request;
  };

  const model = createPlanningModel({
    counterFor,
    replyTokens,
    vocabulary: fillerWords(input.table.participants.map((p) => p.name)),
    onRequest: record,
  });
  let seed = input.settings.seed;
  for await (const event of runDiscussion({
    table: input.table,
    settings: input.settings,
    model,
    budget: input.budget,
  })) {
    const phase = phaseAnnounced(event);
    if (phase !== undefined) current = phaseNamed(phase.kind, phase.title);
    if (event.type === 'discussion-started') seed = event.seed;
  }
  return { phases, seed, humanTurns };
}

/** A `phase-started` event's kind and title, read structurally until every engine emits them. */
function phaseAnnounced(event: DiscussionEvent): { kind: string; title: string } | undefined {
  const candidate = event as { type: string; kind?: unknown; title?: unknown };
  if (candidate.type !== 'phase-started' || typeof candidate.kind !== 'string') return undefined;
  return {
    kind: candidate.kind,
    title: typeof candidate.title === 'string' ? candidate.title : candidate.kind,
  };
}

function range(pick: (scenario: Scenario) => number, runs: readonly Scenario[]): Range {
  const [low, expected, high] = runs.map(pick) as [number, number, number];
  return { low, expected, high };
}

function sumOf(
  phases: readonly PhaseTally[],
  field: 'requests' | 'promptTokens' | 'completionTokens',
): number {
  return phases.reduce((sum, phase) => sum + phase[field], 0);
}

function costSum(phases: readonly PhaseTally[]): CostTotal {
  return phases.reduce(
    (total, phase) => ({
      usd: total.usd + phase.cost.usd,
      pricedTokens: total.pricedTokens + phase.cost.pricedTokens,
      unpricedTokens: total.unpricedTokens + phase.cost.unpricedTokens,
    }),
    NO_COST,
  );
}

/** Requests, tokens and cost by phase for a table and its settings, with nothing sent. */
export async function estimatePlan(input: PlanInput): Promise<Plan> {
  const lengths = input.replyTokens ?? DEFAULT_REPLY_TOKENS;
  const runs = [
    await runScenario(input, () => lengths.low),
    await runScenario(input, () => lengths.expected),
    await runScenario(input, (request) => request.maxTokens),
  ] as const;
  const [, expected] = runs;
  const kinds = expected.phases.map((p) => ({ kind: p.kind, title: p.title }));
  for (const run of runs) {
    for (const p of run.phases) {
      if (!kinds.some((k) => k.kind === p.kind && k.title === p.title)) kinds.push(p);
    }
  }
  const phaseIn = (run: Scenario, kind: { kind: string; title: string }) =>
    run.phases.find((p) => p.kind === kind.kind && p.title === kind.title);
  const phases = kinds.map((kind): PhaseEstimate => {
    const field = (name: 'requests' | 'promptTokens' | 'completionTokens') =>
      range((run) => phaseIn(run, kind)?.[name] ?? 0, runs);
    const [low, mid, high] = runs.map((run) => phaseIn(run, kind)?.cost ?? NO_COST) as [
      CostTotal,
      CostTotal,
      CostTotal,
    ];
    return {
      kind: kind.kind,
      title: kind.title,
      requests: field('requests'),
      promptTokens: field('promptTokens'),
      completionTokens: field('completionTokens'),
      cost: { low, expected: mid, high },
      example: phaseIn(expected, kind)?.example,
    };
  });
  const [lowCost, midCost, highCost] = runs.map((run) => costSum(run.phases)) as [
    CostTotal,
    CostTotal,
    CostTotal,
  ];
  return {
    phases,
    total: {
      requests: range((run) => sumOf(run.phases, 'requests'), runs),
      promptTokens: range((run) => sumOf(run.phases, 'promptTokens'), runs),
      completionTokens: range((run) => sumOf(run.phases, 'completionTokens'), runs),
      cost: { low: lowCost, expected: midCost, high: highCost },
    },
    replyTokens: lengths,
    seed: expected.seed,
    humanTurns: expected.humanTurns,
  };
}
