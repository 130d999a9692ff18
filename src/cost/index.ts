// What tokens cost: prices per model, the cost of a request, and totals that keep unknown apart.
export { isLocalEndpoint } from './local-endpoint.js';
export {
  costOf,
  FREE,
  type Price,
  type PriceSource,
  type PriceTable,
  type PriceTier,
  pricesSchema,
  ratesFor,
  type TokenCount,
} from './price.js';
export {
  PriceList,
  type PriceOptions,
  type PriceQuote,
  type PriceRef,
  quotePrice,
  quotePrices,
} from './price-book.js';
export { type LibraryMatch, loadPriceLibrary, type PriceLibrary } from './price-library.js';
export { type PricesResult, validatePrices } from './prices-config.js';
export {
  addCost,
  addPriced,
  type CostTotal,
  formatCost,
  formatUsd,
  isComplete,
  NO_COST,
  sumCosts,
} from './totals.js';
