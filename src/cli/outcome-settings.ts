// Settings of outcomes and cost that only make sense for some tables, refused before the run.
import type { RunSettings } from '../config/settings.js';
import type { Pricing } from '../engine/costs.js';
import type { Table } from '../engine/table.js';
import { InputError } from '../errors.js';

export function checkOutcomeSettings(
  table: Table,
  settings: Pick<RunSettings, 'stopWhen' | 'budgetUsd' | 'origins'>,
  pricing: Pricing,
): void {
  const hasOptions = table.task.options?.some((options) => options.length > 0) === true;
  if (settings.stopWhen === 'consensus' && !hasOptions) {
    throw new InputError(
      `stopWhen (from ${settings.origins.stopWhen}) is "consensus", but no question in task/questions.txt lists options, so there is nothing to agree on; add options ("Question? | a | b") or use stopWhen "turns"`,
    );
  }
  if (settings.budgetUsd !== undefined) {
    const unknown = pricing.prices.filter((p) => p.price === null);
    if (unknown.length > 0) {
      const names = unknown.map(
        (p) => `${p.model === '' ? '(the server’s model)' : p.model} on ${p.endpoint}`,
      );
      throw new InputError(
        `budgetUsd (from ${settings.origins.budgetUsd}) needs every model's price, and ${names.join(', ')} ha${unknown.length === 1 ? 's' : 've'} none; add ${unknown.length === 1 ? 'it' : 'them'} under "prices" in roundtable.config.json (US dollars per million tokens) or use budgetTokens`,
      );
    }
  }
}
