// Which price each model of a run pays: the config's `prices` first, then free for local
// endpoints, then the bundled price library; anything else is unknown, never assumed free.
import { isLocalEndpoint } from './local-endpoint.js';
import { FREE, type Price, type PriceSource, type PriceTable } from './price.js';
import { loadPriceLibrary, type PriceLibrary } from './price-library.js';

/** A model as a run reaches it. */
export interface PriceRef {
  /** The endpoint's name (`openai`, `markov`, a config entry). */
  readonly endpoint: string;
  readonly model: string;
  /** Undefined for the in-process Markov model. */
  readonly baseUrl: string | undefined;
}

export type PriceQuote =
  | (PriceRef & {
      readonly source: PriceSource;
      readonly price: Price;
      /** The price library's provider and model ids, when it priced this. */
      readonly provider?: string | undefined;
      readonly matched?: string | undefined;
    })
  | (PriceRef & { readonly source: 'unknown'; readonly price?: undefined });

export interface PriceOptions {
  /** The config's `prices` (model → price). */
  readonly prices?: PriceTable | undefined;
  /** When the run starts: the price in force then (some change by date or time of day). */
  readonly at: Date;
}

/** One quote, given the library (needed only for remote endpoints without a config price). */
export function quotePrice(
  ref: PriceRef,
  options: PriceOptions,
  library: PriceLibrary | undefined,
): PriceQuote {
  const configured = options.prices?.[ref.model];
  if (configured !== undefined) return { ...ref, source: 'config', price: configured };
  if (isLocalEndpoint(ref.baseUrl)) return { ...ref, source: 'local', price: FREE };
  const match =
    ref.baseUrl === undefined ? undefined : library?.lookup(ref.model, ref.baseUrl, options.at);
  if (match === undefined) return { ...ref, source: 'unknown' };
  return {
    ...ref,
    source: 'library',
    price: match.price,
    provider: match.provider,
    matched: match.model,
  };
}

function needsLibrary(ref: PriceRef, options: PriceOptions): boolean {
  return options.prices?.[ref.model] === undefined && !isLocalEndpoint(ref.baseUrl);
}

/** Quotes each distinct (endpoint, model) once, loading the price library only if one needs it. */
export async function quotePrices(
  refs: readonly PriceRef[],
  options: PriceOptions,
): Promise<PriceList> {
  const distinct = new Map<string, PriceRef>();
  for (const ref of refs) distinct.set(keyOf(ref.endpoint, ref.model), ref);
  const library = [...distinct.values()].some((ref) => needsLibrary(ref, options))
    ? await loadPriceLibrary()
    : undefined;
  return new PriceList([...distinct.values()].map((ref) => quotePrice(ref, options, library)));
}

const keyOf = (endpoint: string | undefined, model: string | undefined): string =>
  `${endpoint ?? ''}\u0000${model ?? ''}`;

/** A run's quotes, looked up by the endpoint and model a request names. */
export class PriceList {
  readonly #byKey: ReadonlyMap<string, PriceQuote>;

  constructor(readonly quotes: readonly PriceQuote[]) {
    this.#byKey = new Map(quotes.map((quote) => [keyOf(quote.endpoint, quote.model), quote]));
  }

  /** The price of a model at an endpoint; undefined when unknown or never quoted. */
  priceOf(endpoint: string | undefined, model: string | undefined): Price | undefined {
    return this.#byKey.get(keyOf(endpoint, model))?.price;
  }

  quoteOf(endpoint: string | undefined, model: string | undefined): PriceQuote | undefined {
    return this.#byKey.get(keyOf(endpoint, model));
  }
}
