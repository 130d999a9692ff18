import { presetFor } from '../config/endpoint-presets.js';
import { costOf, quotePrices } from '../cost/index.js';
import type { Participant } from '../engine/table.js';
import type { FoldedTranscript } from '../transcript/fold.js';
import type { CostOf } from './figures.js';

/**
 * Prices a recorded run's seats the way the run itself would have: each seat's endpoint and model
 * as recorded, quoted at the time the run started (config prices > free for local endpoints > the
 * bundled price library > unknown). An endpoint the transcript cannot place (a config entry whose
 * base URL it does not hold) stays unpriced rather than guessed.
 */
export async function recordedPricing(folded: FoldedTranscript): Promise<CostOf> {
  const run = folded.runs[0];
  const prices = (run?.settings as { prices?: Record<string, never> } | undefined)?.prices;
  const refOf = (p: Participant) => {
    const endpoint = p.endpoint ?? run?.endpoint;
    const model = p.model ?? run?.model;
    if (endpoint === undefined || model === undefined) return undefined;
    const baseUrl = endpoint === run?.endpoint ? run?.baseUrl : presetFor(endpoint)?.baseUrl;
    // A named endpoint other than the run's default, and no preset: its address is not recorded.
    if (baseUrl === undefined && endpoint !== 'markov' && presetFor(endpoint) === undefined) {
      return undefined;
    }
    return { endpoint, model, baseUrl };
  };
  const refs = folded.participants.flatMap((p) => {
    const ref = p.human === true ? undefined : refOf(p);
    return ref === undefined ? [] : [ref];
  });
  const at = new Date(folded.startedAt ?? Date.now());
  const list = await quotePrices(refs, {
    prices,
    at: Number.isNaN(at.getTime()) ? new Date() : at,
  });
  return (usage, participant) => {
    const ref = refOf(participant);
    return ref === undefined ? undefined : costOf(usage, list.priceOf(ref.endpoint, ref.model));
  };
}
