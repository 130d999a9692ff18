// What one model's tokens cost, and the arithmetic of a request's cost. Plain JSON data, so a
// price can be recorded in a transcript and a cost recomputed from it exactly.
import { z } from 'zod';
import { once } from '../once.js';

/** US dollars per million tokens. */
export interface Price {
  readonly input: number;
  /** Prompt tokens the provider served from its cache; `input` applies when absent. */
  readonly cachedInput?: number | undefined;
  readonly output: number;
  /**
   * Long-prompt rates (Gemini's above 200k tokens, say): once a request's prompt exceeds
   * `abovePromptTokens`, all of its tokens are charged at the tier's rates. Ascending.
   */
  readonly tiers?: readonly PriceTier[] | undefined;
}

export interface PriceTier {
  readonly abovePromptTokens: number;
  readonly input: number;
  readonly cachedInput?: number | undefined;
  readonly output: number;
}

/** Where a price came from: the config's `prices`, a local endpoint (free), the price library. */
export type PriceSource = 'config' | 'local' | 'library';

/** The tokens one request used, as the engine's `Usage` reports them. */
export interface TokenCount {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Of `promptTokens`, those the provider read from its prompt cache. */
  readonly cachedPromptTokens?: number | undefined;
}

/** The rates a request of this prompt size pays. */
export function ratesFor(price: Price, promptTokens: number): Omit<PriceTier, 'abovePromptTokens'> {
  let rates: Omit<PriceTier, 'abovePromptTokens'> = price;
  for (const tier of price.tiers ?? []) {
    if (promptTokens > tier.abovePromptTokens) rates = tier;
  }
  return rates;
}

/**
 * What one request cost in US dollars; `undefined` when the price is unknown (never 0: an
 * unknown price is not a free one).
 */
export function costOf(usage: TokenCount, price: Price | undefined): number | undefined {
  if (price === undefined) return undefined;
  const rates = ratesFor(price, usage.promptTokens);
  const cached = Math.min(Math.max(usage.cachedPromptTokens ?? 0, 0), usage.promptTokens);
  const fresh = usage.promptTokens - cached;
  const micro =
    fresh * rates.input +
    cached * (rates.cachedInput ?? rates.input) +
    usage.completionTokens * rates.output;
  return micro / 1_000_000;
}

export const FREE: Price = { input: 0, output: 0 };

/**
 * `prices` in roundtable.config.json (model name → price; beats the bundled price library) and one
 * entry of it. Built on first use: a run whose config file sets no prices builds neither.
 */
const priceSchemas = once(() => {
  const usdPerMillion = z.number().min(0).max(1_000_000);
  const entry = z
    .strictObject({
      input: usdPerMillion.meta({ description: 'US dollars per million prompt tokens.' }),
      cachedInput: usdPerMillion.optional().meta({
        description:
          'US dollars per million prompt tokens served from the provider’s prompt cache; input otherwise.',
      }),
      output: usdPerMillion.meta({ description: 'US dollars per million completion tokens.' }),
    })
    .meta({
      id: 'price',
      title: 'price',
      description: 'What a model costs, in US dollars per million tokens.',
    });
  const prices = z.record(z.string().trim().min(1), entry).meta({
    description:
      'Prices per model in US dollars per million tokens, e.g. { "gpt-4o": { "input": 2.5, "cachedInput": 1.25, "output": 10 } }. They override the bundled price library and apply to that model on every endpoint, local ones included.',
  });
  return { entry, prices };
});

/** One entry of `prices` in roundtable.config.json. */
export const priceEntrySchema = () => priceSchemas().entry;

/** `prices` in roundtable.config.json: model name → price; beats the bundled price library. */
export const pricesSchema = () => priceSchemas().prices;

export type PriceTable = Readonly<Record<string, Price>>;

/**
 * Whether a run's prices charge for anything: an unknown price may, a free one (the offline
 * model, a local server) does not. No prices at all (an unpriced run) charge nothing known.
 */
export function chargesAnything(
  prices: readonly { readonly price: Omit<Price, 'tiers'> | null }[] | undefined,
): boolean {
  return (prices ?? []).some(
    ({ price }) =>
      price === null || price.input > 0 || price.output > 0 || (price.cachedInput ?? 0) > 0,
  );
}
