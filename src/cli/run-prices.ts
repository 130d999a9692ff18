// The prices a run pays, quoted once from its seating (no network: the catalogue is bundled).
import type { ConfigFile } from '../config/config-file.js';
import type { SeatingPlan } from '../config/seating.js';
import { type PriceList, type PriceRef, quotePrices } from '../cost/price-book.js';
import type { Pricing } from '../engine/costs.js';
import type { OpenedSeating } from './endpoint.js';

export interface SeatModel extends PriceRef {
  readonly seat: number;
  readonly maxTokens: number | undefined;
}

/** Each model seat's endpoint and model; a seat whose model the server will name has model ''. */
export function seatModels(seating: SeatingPlan): SeatModel[] {
  return seating.seats.flatMap((seat) => {
    if (seat.kind !== 'model') return [];
    const endpoint = seating.endpoints.find((e) => e.name === seat.endpoint);
    return [
      {
        seat: seat.seat,
        endpoint: seat.endpoint,
        model: seat.model ?? '',
        baseUrl: endpoint?.baseUrl,
        maxTokens: seat.maxTokens,
      },
    ];
  });
}

export function quoteRunPrices(
  refs: readonly PriceRef[],
  config: Pick<ConfigFile, 'prices'>,
  at: Date,
): Promise<PriceList> {
  return quotePrices(refs, { prices: config.prices, at });
}

/** The engine's pricing for an opened seating: every seat's endpoint and model, quoted once. */
export async function runPricing(
  endpoint: Pick<OpenedSeating, 'seats'>,
  config: Pick<ConfigFile, 'prices'>,
  at: Date,
): Promise<Pricing> {
  const refs = endpoint.seats.map((s) => ({
    endpoint: s.endpoint,
    model: s.model,
    baseUrl: s.baseUrl,
  }));
  const list = await quoteRunPrices(refs, config, at);
  return {
    priceOf: (name, model) => list.priceOf(name, model),
    prices: list.quotes.map((q) => ({
      endpoint: q.endpoint,
      model: q.model,
      source: q.source,
      price:
        q.price === undefined
          ? null
          : { input: q.price.input, cachedInput: q.price.cachedInput, output: q.price.output },
    })),
  };
}
