// Context budgets: prompt tokens sent over a 200-turn, 4-seat discussion with a 4,096-token
// window against the original approach (every request carries the whole history), and how much
// of each request is an unchanged prefix of the same seat's previous request (what provider
// prompt caches and vLLM prefix caching reward). In-process model, ~80-token replies, no network.
// Run: npx tsx scripts/bench-context.ts
import { cpus } from 'node:os';
import { countTokens, encodeChat } from 'gpt-tokenizer/model/gpt-4o';
import type { ContextBudget } from '../src/engine/budget-keeper.js';
import { runDiscussion } from '../src/engine/discussion.js';
import type { DiscussionEvent } from '../src/engine/events.js';
import type { Model, ModelChunk, ModelRequest } from '../src/engine/model.js';
import { createRandom } from '../src/engine/random.js';
import type { EngineSettings, Table } from '../src/engine/table.js';
import { createTokenCounter } from '../src/tokens/counter.js';
import { benchSettings, benchTable } from './bench-table.js';

const TURNS = 200;
const CONTEXT_TOKENS = 4096;
const MODEL = 'gpt-4o';

const table: Table = benchTable(MODEL);
const settings: EngineSettings = benchSettings(TURNS);

const VOCABULARY =
  'the railway could become a linear park with housing along its edges and a tram line later if costs per metre allow it while the neighbourhood keeps its character and rents stay within reach of people who live there today bridges need repair before anything else council budget levy developers land value capture cyclists walkers noise trees schools shops parking buses depot stations'.split(
    ' ',
  );

/** ~80 tokens (o200k) of varied words, the same for the same call in every run. */
function replyText(call: number): string {
  const random = createRandom(call + 1);
  const words = Array.from({ length: 78 }, () => random.pick(VOCABULARY));
  return `${words.join(' ')}.`;
}

/** An instant model that reports usage as a server would, and keeps every request. */
function fakeModel(requests: ModelRequest[], reportUsage: boolean): Model {
  let call = 0;
  return async function* (request): AsyncGenerator<ModelChunk> {
    requests.push(request);
    const text =
      request.purpose === 'context-summary'
        ? `Notes: ${replyText(10_000 + call++).slice(0, 600)}`
        : replyText(call++);
    yield { type: 'text', text };
    if (reportUsage) {
      const promptTokens = countTokens(request.messages);
      yield { type: 'usage', usage: { promptTokens, completionTokens: 80, estimated: false } };
    }
  };
}

function budget(strategy: ContextBudget['strategy'], lowWater: number): ContextBudget {
  const counter = createTokenCounter(MODEL);
  return { contextTokens: () => CONTEXT_TOKENS, strategy, counter: () => counter, lowWater };
}

interface Variant {
  readonly name: string;
  readonly budget: ContextBudget | undefined;
}

const VARIANTS: readonly Variant[] = [
  { name: 'no budget (whole history)', budget: undefined },
  { name: 'drop-oldest, low water 70% (default)', budget: budget('drop-oldest', 0.7) },
  { name: 'drop-oldest, no hysteresis (100%)', budget: budget('drop-oldest', 1) },
  { name: 'drop-oldest, low water 50%', budget: budget('drop-oldest', 0.5) },
  { name: 'summarize, low water 70%', budget: budget('summarize', 0.7) },
];

async function run(variant: Variant, reportUsage: boolean) {
  const requests: ModelRequest[] = [];
  const events: DiscussionEvent[] = [];
  const discussion = runDiscussion({
    table,
    settings,
    model: fakeModel(requests, reportUsage),
    budget: variant.budget,
  });
  for await (const event of discussion) events.push(event);
  return { requests, events };
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length;
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** One request next to the same seat's previous one, in tokens. */
interface Pair {
  readonly common: number;
  readonly tokens: number;
  readonly previous: number;
}

interface PrefixStats {
  readonly requests: number;
  /** Mean over requests of common / tokens: how much of each request is an unchanged prefix. */
  readonly share: number;
  /** Σ common / Σ tokens: the share of all prompt tokens a prefix cache could serve. */
  readonly cached: number;
  /** Mean of common / previous: how much of the previous request is still there unchanged. */
  readonly reused: number;
  /** Mean tokens after the common prefix: what the seat has not been sent before. */
  readonly fresh: number;
}

function prefixStats(pairs: readonly Pair[]): PrefixStats {
  return {
    requests: pairs.length,
    share: mean(pairs.map((p) => p.common / p.tokens)),
    cached: sum(pairs.map((p) => p.common)) / sum(pairs.map((p) => p.tokens)),
    reused: mean(pairs.map((p) => p.common / p.previous)),
    fresh: mean(pairs.map((p) => p.tokens - p.common)),
  };
}

interface Measured {
  readonly name: string;
  readonly turnPrompt: number;
  readonly summaryPrompt: number;
  readonly maxPrompt: number;
  readonly trims: number;
  readonly all: PrefixStats;
  readonly filling: PrefixStats;
  readonly full: PrefixStats;
  readonly fullFromTurn: number | undefined;
}

/** The turn of each seat's first trim: from there on its window is full. */
function firstTrims(events: readonly DiscussionEvent[]): Map<number, number> {
  const first = new Map<number, number>();
  for (const e of events) {
    if (e.type === 'context-trimmed' && !first.has(e.seat)) first.set(e.seat, e.turn);
  }
  return first;
}

/**
 * `split` says when each seat's window is full; by default the run's own trims. The run without
 * a budget is split where the default budget first trims, so the phases compare like for like.
 */
async function measure(variant: Variant, split?: Map<number, number>): Promise<Measured> {
  const { requests, events } = await run(variant, true);
  const firstTrim = split ?? firstTrims(events);
  const previous = new Map<number, number[]>();
  const filling: Pair[] = [];
  const full: Pair[] = [];
  let turnPrompt = 0;
  let summaryPrompt = 0;
  let maxPrompt = 0;
  let turn = 0;
  for (const request of requests) {
    const tokens = encodeChat(request.messages, MODEL);
    if (request.purpose === 'context-summary') {
      summaryPrompt += tokens.length;
      continue;
    }
    turn += 1;
    turnPrompt += tokens.length;
    maxPrompt = Math.max(maxPrompt, tokens.length);
    if (tokens.length + request.maxTokens > CONTEXT_TOKENS && variant.budget !== undefined) {
      throw new Error(`turn ${turn}: ${tokens.length} + ${request.maxTokens} > ${CONTEXT_TOKENS}`);
    }
    const before = previous.get(request.seat);
    previous.set(request.seat, tokens);
    if (before === undefined) continue;
    const pair = {
      common: commonPrefix(before, tokens),
      tokens: tokens.length,
      previous: before.length,
    };
    const isFull = turn >= (firstTrim.get(request.seat) ?? Number.POSITIVE_INFINITY);
    (isFull ? full : filling).push(pair);
  }
  return {
    name: variant.name,
    turnPrompt,
    summaryPrompt,
    maxPrompt,
    trims: events.filter((e) => e.type === 'context-trimmed').length,
    all: prefixStats([...filling, ...full]),
    filling: prefixStats(filling),
    full: prefixStats(full),
    fullFromTurn: firstTrim.size === 0 ? undefined : Math.min(...firstTrim.values()),
  };
}

/** Wall time of a whole run without usage counting, so the engine and its budget step dominate. */
async function runMillis(variant: Variant, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run(variant, false);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const defaultRun = VARIANTS[1];
const split =
  defaultRun === undefined ? undefined : firstTrims((await run(defaultRun, false)).events);
const results: Measured[] = [];
for (const variant of VARIANTS) {
  results.push(await measure(variant, variant.budget === undefined ? split : undefined));
}

const out = process.stdout;
out.write(
  `${TURNS} turns, 4 seats, contextTokens ${CONTEXT_TOKENS}, maxTokens ${settings.maxTokens}, model ${MODEL} (o200k_base counts)\n`,
);
out.write(`${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}\n\n`);
out.write('| run | prompt tokens sent | of the whole-history run | largest request | trims |\n');
out.write('| --- | ---: | ---: | ---: | ---: |\n');
const whole = results[0]?.turnPrompt ?? Number.NaN;
for (const r of results) {
  const sent = r.turnPrompt + r.summaryPrompt;
  const summaries =
    r.summaryPrompt === 0 ? '' : ` (${int(r.summaryPrompt)} of them summary requests)`;
  out.write(
    `| ${r.name} | ${int(sent)}${summaries} | ${pct(sent / whole)} | ${int(r.maxPrompt)} | ${r.trims} |\n`,
  );
}
const fullFrom = results[1]?.fullFromTurn;
out.write(
  `\nUnchanged prefix of the seat's previous request (windows fill from turn ${fullFrom ?? '–'}):\n\n`,
);
out.write(
  '| run | share of each request: all | filling | full | Σ prefix / Σ prompt: filling | full | previous request reused: filling | full | new tokens a request: filling | full |\n',
);
out.write('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n');
for (const r of results) {
  out.write(
    `| ${r.name} | ${pct(r.all.share)} | ${pct(r.filling.share)} | ${pct(r.full.share)} | ${pct(r.filling.cached)} | ${pct(r.full.cached)} | ${pct(r.filling.reused)} | ${pct(r.full.reused)} | ${int(r.filling.fresh)} | ${int(r.full.fresh)} |\n`,
  );
}

const [plain, budgeted] = [VARIANTS[0], VARIANTS[1]];
if (plain !== undefined && budgeted !== undefined) {
  await runMillis(budgeted, 1); // warm-up: loads the encoding tables
  const base = await runMillis(plain, 5);
  const with_ = await runMillis(budgeted, 5);
  out.write(
    `\nWhole 200-turn run (median of 5, no usage counting): ${base.toFixed(0)} ms without a budget, ${with_.toFixed(0)} ms with one (${(((with_ - base) * 1000) / TURNS).toFixed(0)} µs a turn for the budget step).\n`,
  );
}
