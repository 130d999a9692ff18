// Prices from @pydantic/genai-prices: a maintained catalogue of providers and models, bundled
// with the package (no network at run time: its auto-update is never turned on here). Imported
// lazily, because the catalogue is large and a run on a local model never needs it.
import type { ModelPrice, TieredPrices } from '@pydantic/genai-prices';
import type { Price, PriceTier } from './price.js';

type GenaiPrices = typeof import('@pydantic/genai-prices');
type Rate = ModelPrice[string];

export interface LibraryMatch {
  readonly price: Price;
  /** The catalogue's provider id (`openai`, `anthropic`, `openrouter`…). */
  readonly provider: string;
  /** The catalogue's model id the name matched (`gpt-4o-mini` for `gpt-4o-mini-2024-07-18`). */
  readonly model: string;
}

export interface PriceLibrary {
  /**
   * The price of `model` at `baseUrl` in force at `at` (some prices change by date or time of
   * day). The base URL picks the provider; without a match nothing is guessed from the model name.
   */
  lookup(model: string, baseUrl: string, at: Date): LibraryMatch | undefined;
}

let loading: Promise<PriceLibrary> | undefined;

export function loadPriceLibrary(): Promise<PriceLibrary> {
  loading ??= import('@pydantic/genai-prices').then((lib) => ({
    lookup: (model, baseUrl, at) => lookup(lib, model, baseUrl, at),
  }));
  return loading;
}

function lookup(
  lib: GenaiPrices,
  model: string,
  baseUrl: string,
  at: Date,
): LibraryMatch | undefined {
  let result: ReturnType<GenaiPrices['calcPrice']>;
  try {
    result = lib.calcPrice({ input_tokens: 1, output_tokens: 1 }, model, {
      providerApiUrl: baseUrl,
      timestamp: at,
    });
  } catch {
    // A catalogue entry it cannot price (a malformed tier, say) is a price we do not know.
    return undefined;
  }
  if (result === null) return undefined;
  const price = toPrice(result.model_price);
  return price && { price, provider: result.provider.id, model: result.model.id };
}

function isTiered(rate: Rate): rate is TieredPrices {
  return typeof rate === 'object' && typeof rate.base === 'number';
}

function rateAbove(rate: Rate, promptTokens: number): number | undefined {
  if (typeof rate === 'number') return rate;
  if (!isTiered(rate)) return undefined;
  let value = rate.base;
  for (const tier of rate.tiers) if (promptTokens > tier.start) value = tier.price;
  return value;
}

/** The catalogue's per-million rates as a Price; tier starts of any of the three become tiers. */
export function toPrice(prices: ModelPrice): Price | undefined {
  const input = prices.input_mtok;
  const output = prices.output_mtok;
  const cached = prices.cache_read_mtok;
  if (input === undefined && output === undefined) return undefined;
  const at = (promptTokens: number): Omit<PriceTier, 'abovePromptTokens'> => {
    const cachedInput = cached === undefined ? undefined : rateAbove(cached, promptTokens);
    return {
      input: rateAbove(input, promptTokens) ?? 0,
      ...(cachedInput === undefined ? {} : { cachedInput }),
      output: rateAbove(output, promptTokens) ?? 0,
    };
  };
  const starts = new Set<number>();
  for (const rate of [input, output, cached]) {
    if (rate !== undefined && isTiered(rate)) for (const tier of rate.tiers) starts.add(tier.start);
  }
  const tiers = [...starts]
    .sort((a, b) => a - b)
    .map((start) => ({ abovePromptTokens: start, ...at(start + 1) }));
  return { ...at(0), ...(tiers.length > 0 ? { tiers } : {}) };
}
