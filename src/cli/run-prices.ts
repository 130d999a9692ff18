// The prices a run pays, quoted once from its seating (no network: the catalogue is bundled).
import type { ConfigFile } from '../config/config-file.js';
import type { SeatingPlan } from '../config/seating.js';
import { type PriceList, type PriceRef, quotePrices } from '../cost/price-book.js';

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
