// `prices` in roundtable.config.json, checked with messages that name `prices.<model>.<field>`.
import { showValue } from '../config/problems.js';
import { type FieldRule, issueMessages } from '../config/zod-messages.js';
import { type PriceTable, priceEntrySchema } from './price.js';

const RATE = 'a number of US dollars per million tokens, ≥ 0';
const PRICE_RULES: Readonly<Record<string, FieldRule>> = {
  input: { expected: RATE },
  cachedInput: { expected: RATE },
  output: { expected: RATE },
};
const EXAMPLE = '{ "gpt-4o": { "input": 2.5, "cachedInput": 1.25, "output": 10 } }';

export type PricesResult =
  | { readonly ok: true; readonly prices: PriceTable }
  | { readonly ok: false; readonly messages: readonly string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validatePrices(raw: unknown): PricesResult {
  if (!isRecord(raw)) {
    return {
      ok: false,
      messages: [
        `prices: expected an object of model names to prices, e.g. ${EXAMPLE}, got ${showValue(raw)}`,
      ],
    };
  }
  const messages: string[] = [];
  const prices: Record<string, PriceTable[string]> = {};
  for (const [model, entry] of Object.entries(raw)) {
    const prefix = `prices.${model}`;
    if (model.trim() === '') {
      messages.push(`${prefix}: a model name cannot be empty`);
      continue;
    }
    const parsed = priceEntrySchema().safeParse(entry);
    if (!parsed.success) {
      messages.push(
        ...issueMessages(parsed.error.issues, entry, {
          rules: PRICE_RULES,
          expectedObject:
            'an object such as { "input": 2.5, "output": 10 } (US dollars per million tokens)',
          noun: 'price field',
          prefix,
        }),
      );
      continue;
    }
    prices[model.trim()] = parsed.data;
  }
  return messages.length === 0 ? { ok: true, prices } : { ok: false, messages };
}
