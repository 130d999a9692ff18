// A plain or JSON run ends with process.exit once its output is handed on (src/cli/leave.ts),
// not by waiting for Node's teardown. A reader that falls behind must still get every line.
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

describe('a finished run leaves at once', () => {
  it('with every line of a long JSON run delivered to a reader that paused', async () => {
    const turns = 70;
    let paused = false;
    const { done } = spawnCli(
      ['run', '--json', '--turns', String(turns), '--seed', '7', '--no-transcript'],
      {
        onStdout: (_text, child) => {
          if (paused) return;
          // More than a pipe's buffer follows: the run finishes writing while nobody reads.
          paused = true;
          child.stdout?.pause();
          setTimeout(() => child.stdout?.resume(), 500);
        },
      },
    );
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(64 * 1024);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; reason?: string });
    expect(events.filter((event) => event.type === 'turn-ended')).toHaveLength(turns);
    expect(events.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'completed' });
  }, 60_000);
});
