import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTuiStats, type TuiStatsSnapshot } from './stats.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtable-tui-stats-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

const read = async (path: string): Promise<TuiStatsSnapshot> =>
  JSON.parse(await readFile(path, 'utf8')) as TuiStatsSnapshot;

describe('createTuiStats', () => {
  it('counts frames and their render time, and writes them on close', async () => {
    const path = join(dir, 'stats.json');
    let now = 1000;
    let updates = 0;
    const stats = createTuiStats({ path, storeUpdates: () => updates, now: () => now });
    stats.onRender({ renderTime: 1.5 });
    stats.onRender({ renderTime: 0.25 });
    updates = 2;
    now = 3500;
    stats.close();
    expect(await read(path)).toEqual({
      renders: 2,
      renderMs: 1.75,
      storeUpdates: 2,
      elapsedMs: 2500,
    });
  });

  it('writes a snapshot every interval while the view runs, and none after close', async () => {
    vi.useFakeTimers();
    const path = join(dir, 'stats.json');
    const stats = createTuiStats({ path, storeUpdates: () => 0, intervalMs: 100, now: () => 0 });
    stats.onRender({ renderTime: 1 });
    vi.advanceTimersByTime(100);
    expect((await read(path)).renders).toBe(1);
    stats.onRender({ renderTime: 1 });
    vi.advanceTimersByTime(100);
    expect((await read(path)).renders).toBe(2);
    stats.close();
    stats.onRender({ renderTime: 1 });
    vi.advanceTimersByTime(500);
    expect((await read(path)).renders).toBe(2);
  });

  it('keeps the view running when the file cannot be written', () => {
    const stats = createTuiStats({
      path: join(dir, 'missing', 'stats.json'),
      storeUpdates: () => 0,
    });
    stats.onRender({ renderTime: 1 });
    expect(() => stats.close()).not.toThrow();
  });
});
