import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withTempDir } from '../helpers/cli.js';
import { dummyServerPerFile } from '../helpers/dummy-server.js';

// Slow enough that the run is surely mid-turn when the signal arrives.
const serverUrl = dummyServerPerFile({ tokensPerSecond: 40 });

describe('Ctrl-C during a run', () => {
  it('ends cleanly with code 130 and records the interruption in both transcript files', async () => {
    await withTempDir(async (out) => {
      let sent = false;
      let seen = '';
      const result = await runCli(
        [
          'run',
          '--plain',
          '--base-url',
          serverUrl(),
          '--model',
          'markov',
          '--turns',
          '20',
          '--out',
          out,
        ],
        {
          onStdout: (chunk, child) => {
            seen += chunk;
            // Interrupt once the first turn is streaming: at 40 tokens/s it is surely mid-turn.
            if (!sent && /^\w+: \S/m.test(seen)) {
              sent = true;
              child.kill('SIGINT');
            }
          },
        },
      );
      expect(sent).toBe(true);
      expect(result.code).toBe(130);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      const [name] = await readdir(out);
      const dir = join(out, name as string);
      const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trim().split('\n');
      const records = lines.map(
        (line) => JSON.parse(line) as { type: string; reason?: string; status?: string },
      );
      expect(records.at(-1)).toMatchObject({ type: 'discussion-ended', reason: 'interrupted' });
      expect(records.some((r) => r.type === 'turn-ended' && r.status === 'interrupted')).toBe(true);
      expect((await readFile(join(dir, 'transcript.md'), 'utf8')).toLowerCase()).toContain(
        'interrupted',
      );
    });
  });
});
