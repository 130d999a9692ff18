import { describe, expect, it } from 'vitest';
import type { ModelSeatPlan, SeatingPlan } from '../config/seating.js';
import { InputError } from '../errors.js';
import { contextWindows } from './context-windows.js';

function seat(n: number, extra: Partial<ModelSeatPlan> = {}): ModelSeatPlan {
  return {
    kind: 'model',
    seat: n,
    name: `P${n}`,
    file: `participants/role${n}.json`,
    endpoint: 'ollama',
    endpointFromRole: false,
    model: 'llama3',
    modelSource: 'setting',
    modelOrigin: '--model',
    maxTokens: undefined,
    contextTokens: undefined,
    ...extra,
  } as ModelSeatPlan;
}

function plan(seats: SeatingPlan['seats']): SeatingPlan {
  return {
    defaultEndpoint: { name: 'ollama', origin: 'default' },
    endpoints: [],
    seats,
    missingKeys: [],
    warnings: [],
  };
}

const settings = (contextTokens?: number) => ({
  contextTokens,
  maxTokens: 400,
  origins: { contextTokens: 'roundtable.config.json' } as never,
});

describe('contextWindows', () => {
  it('takes the endpoint window first, then the table setting, and skips human seats', () => {
    const windows = contextWindows(
      plan([
        seat(1, { contextTokens: 8192 }),
        seat(2),
        { kind: 'human', seat: 3, name: 'Me', file: 'participants/role3.json' },
      ]),
      settings(4096),
    );
    expect([...windows]).toEqual([
      [1, 8192],
      [2, 4096],
    ]);
  });

  it('leaves seats unbudgeted when nothing sets a window', () => {
    expect(contextWindows(plan([seat(1)]), settings()).size).toBe(0);
  });

  it('refuses a window that cannot hold the reply, naming the seat and where the window came from', () => {
    const small = () => contextWindows(plan([seat(2, { maxTokens: 512 })]), settings(500));
    expect(small).toThrow(InputError);
    expect(small).toThrow(/role2\.json \(P2\).*roundtable\.config\.json.*500.*512/);
  });
});
