// A recorded run as events.jsonl holds it: a run record and a synthetic discussion's stored events
// (no text deltas), as plain JSON objects for tests to edit.
import { syntheticRun } from '../../render/test-utils/events.js';

export type LogLine = Record<string, unknown>;

export function recordedLog(turns: number, end: boolean): LogLine[] {
  const run: LogLine = {
    type: 'run',
    version: '0.1.0',
    tableDir: '/tables/larkhaven',
    startedAt: '2026-01-05T09:03:07.000Z',
    ts: '2026-01-05T09:03:07.000Z',
    title: 'Should cities ban cars?',
    settings: { turns, seed: 42 },
  };
  const events = syntheticRun({ turns, end: end ? 'completed' : false })
    .filter((e) => e.type !== 'text-delta')
    .map((e) => ({ ...structuredClone(e), ts: '2026-01-05T09:03:08.000Z' }) as LogLine);
  return [run, ...events];
}
