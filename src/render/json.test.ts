import { describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { createJsonRenderer } from './json.js';
import { syntheticRun } from './test-utils/events.js';

describe('createJsonRenderer', () => {
  it('writes every event, deltas included, as exactly one JSON line', () => {
    const events: DiscussionEvent[] = [
      ...syntheticRun({ turns: 3 }),
      { type: 'error', kind: 'protocol', message: 'bad line:\n"data: {"', fatal: true },
    ];
    let output = '';
    const render = createJsonRenderer({ write: (chunk: string) => (output += chunk) });
    for (const event of events) render(event);

    expect(output.endsWith('\n')).toBe(true);
    const lines = output.slice(0, -1).split('\n');
    expect(lines).toHaveLength(events.length);
    expect(lines.map((line) => JSON.parse(line))).toEqual(events);
    expect(lines.filter((line) => line.includes('"type":"text-delta"')).length).toBeGreaterThan(0);
  });
});
