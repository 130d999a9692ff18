// `validate --check-endpoints`: each endpoint of the plan asked for its models (GET /models, no
// tokens spent), whether each seat's model is among them, and one line per endpoint to show.
import { endpointLabel } from '../config/endpoint-catalog.js';
import type { ModelSeatPlan, SeatingPlan } from '../config/seating.js';
import {
  type EndpointDeps,
  type Env,
  isListed,
  keyFor,
  realListModels,
  seatsOn,
} from './endpoint-plan.js';

async function startInProcessDummy(
  seed?: number,
  tokensPerSecond?: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const { startDummyServer } = await import('../../test-server/server.js');
  return startDummyServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    seed,
    tokensPerSecond,
  });
}

export type SeatCheck =
  | {
      readonly status: 'listed' | 'not-listed' | 'any-model';
      readonly seat: ModelSeatPlan;
      readonly model: string;
    }
  /** The seat names no model; the endpoint lists `models.length` (one resolves it). */
  | {
      readonly status: 'from-server';
      readonly seat: ModelSeatPlan;
      readonly model: string | undefined;
    };

export interface EndpointCheck {
  readonly endpoint: string;
  readonly label: string;
  /** It answered, and every seat on it has a model it lists. */
  readonly ok: boolean;
  /** The client's message when it did not answer. */
  readonly error?: string | undefined;
  readonly models?: readonly string[] | undefined;
  readonly seats: readonly SeatCheck[];
}

/**
 * Asks each endpoint of the plan for its models (GET /models: no tokens spent), one at a time,
 * and whether each seat's model is among them. The Markov preset is started for the check and
 * stopped again. Keys must be present (check `missingKeyError` first).
 */
export async function checkEndpoints(
  plan: SeatingPlan,
  env: Env,
  deps: EndpointDeps = {},
): Promise<EndpointCheck[]> {
  const listModels = deps.listModels ?? realListModels;
  const checks: EndpointCheck[] = [];
  for (const endpoint of plan.endpoints) {
    const label = endpointLabel(endpoint);
    const seats = seatsOn(plan, endpoint.name);
    const dummy =
      endpoint.baseUrl === undefined ? await (deps.startDummy ?? startInProcessDummy)() : undefined;
    let ids: string[];
    try {
      ids = await listModels({
        baseUrl: endpoint.baseUrl ?? dummy?.url ?? '',
        apiKey: keyFor(endpoint, env),
        timeoutMs: endpoint.timeout * 1000,
        name: endpoint.name === 'default' ? undefined : endpoint.name,
        apiKeyEnv: endpoint.apiKeyEnv,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      checks.push({ endpoint: endpoint.name, label, ok: false, error: message, seats: [] });
      continue;
    } finally {
      await dummy?.close();
    }
    const seatChecks: SeatCheck[] = seats.map((seat) => {
      if (seat.model === undefined) {
        return { status: 'from-server', seat, model: ids.length === 1 ? ids[0] : undefined };
      }
      if (endpoint.anyModel) return { status: 'any-model', seat, model: seat.model };
      return {
        status: isListed(seat.model, ids) ? 'listed' : 'not-listed',
        seat,
        model: seat.model,
      };
    });
    const ok = seatChecks.every(
      (c) => c.status !== 'not-listed' && !(c.status === 'from-server' && c.model === undefined),
    );
    checks.push({ endpoint: endpoint.name, label, ok, models: ids, seats: seatChecks });
  }
  return checks;
}

/** One line per endpoint (and one per seat whose model is in doubt) for `validate --check-endpoints`. */
export function formatChecks(checks: readonly EndpointCheck[]): string {
  const lines = ['Endpoints checked (GET /models, no tokens spent)'];
  for (const check of checks) {
    const mark = check.ok ? 'ok  ' : 'FAIL';
    if (check.error !== undefined) {
      lines.push(`  ${mark}  ${check.label}: ${check.error}`);
      continue;
    }
    const count = check.models?.length ?? 0;
    const groups = new Map<string, { check: SeatCheck; seats: ModelSeatPlan[] }>();
    for (const c of check.seats) {
      const key = `${c.status}\0${c.model ?? ''}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { check: c, seats: [c.seat] });
      else group.seats.push(c.seat);
    }
    const notes = [...groups.values()].map(({ check: c, seats }) => {
      const who = `${seats.length === 1 ? 'seat' : 'seats'} ${seats.map((s) => `${s.seat} ${s.name}`).join(', ')}`;
      switch (c.status) {
        case 'listed':
          return `${c.model} listed (${who})`;
        case 'not-listed':
          return `${c.model} NOT listed (${who})`;
        case 'any-model':
          return `${c.model} (${who}; this server answers to any model name)`;
        case 'from-server':
          return c.model === undefined
            ? `${who} name no model and the endpoint lists ${count}; name one`
            : `${c.model}, the only model listed (${who})`;
        default: {
          const unreachable: never = c;
          return unreachable;
        }
      }
    });
    const head = `answers, ${count} model${count === 1 ? '' : 's'}`;
    lines.push(`  ${mark}  ${check.label}: ${[head, ...notes].join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}
