// The bundle (dist/) carries the built-in talk chain as scripts/build.ts built it; the sources build
// it at start. A discussion must read the same either way, word for word.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../helpers/cli.js';
import { EXAMPLE_TABLE, runOffline } from './offline-run.js';

describe('the talk chain in the bundle', () => {
  it('is there, built', () => {
    ensureBuilt();
    const dist = join(ROOT, 'dist');
    const chunks = readdirSync(dist).filter((name) => name.endsWith('.js'));
    const holding = chunks.filter((name) =>
      readFileSync(join(dist, name), 'utf8').includes('new StaticChain(TALK_WORDS,JSON.parse('),
    );
    expect(holding).toHaveLength(1);
  });

  it('speaks as the sources do: the same turns from the CLI as in process', async () => {
    const seed = 4;
    const turns = 6;
    // No transcript: it would be written into the checkout (transcripts/ of the working directory).
    const cli = await runCli([
      'run',
      '--plain',
      '--no-transcript',
      '--seed',
      String(seed),
      '--turns',
      String(turns),
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const inProcess = await runOffline(EXAMPLE_TABLE, { seed, turns });
    const said = inProcess.events.flatMap((event) =>
      event.type === 'turn-ended' ? [`${event.speaker}: ${event.text}`] : [],
    );
    expect(said).toHaveLength(turns);
    for (const line of said) expect(cli.stdout).toContain(line);
  }, 60_000);
});
