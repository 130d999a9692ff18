// resume trusts nothing it reads: one writer per transcript folder, the key only to an endpoint
// the user names, and the table folder found from any directory.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { runCli, spawnCli, writeTable } from '../helpers/cli.js';
import { startFaultServer } from '../helpers/fault-server.js';

let server: DummyServer;
/** Unpaced, for the runs that only need a transcript to resume. */
let fast: DummyServer;
let tmp: string;
beforeAll(async () => {
  // Paced, so that a run or a resume is surely still going when the next one starts.
  server = await startDummyServer({
    host: '127.0.0.1',
    port: 0,
    tokensPerSecond: 40,
    logLevel: 'silent',
  });
  fast = await startDummyServer({ host: '127.0.0.1', port: 0, logLevel: 'silent' });
  tmp = await mkdtemp(join(tmpdir(), 'roundtable-resume-trust-'));
});
afterAll(async () => {
  await server.close();
  await fast.close();
  await rm(tmp, { recursive: true, force: true });
});

type Line = Record<string, unknown>;
const readLines = (dir: string): Line[] =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);

/** A finished offline run's transcript, cut after turn 2 started (as a kill -9 would leave it). */
async function cutTranscript(name: string, args: readonly string[], cwd?: string): Promise<string> {
  const out = join(tmp, name);
  const result = await runCli(['run', ...args, '--plain', '--turns', '4', '--out', out], { cwd });
  expect(result.code, result.stderr).toBe(0);
  const dir = join(out, readdirSync(out)[0] ?? '');
  const lines = readLines(dir);
  const cut = lines.findIndex((l) => l.type === 'turn-started' && l.turn === 2);
  writeFileSync(
    join(dir, 'events.jsonl'),
    `${lines
      .slice(0, cut + 1)
      .map((l) => JSON.stringify(l))
      .join('\n')}\n`,
  );
  return dir;
}

describe('one writer per transcript folder', () => {
  it('refuses a resume while the run or another resume writes the folder, naming the holder', async () => {
    const table = writeTable(join(tmp, 'busy-table'), 3);
    const out = join(tmp, 'busy');
    let seen = '';
    const common = ['--plain', '--base-url', server.url, '--model', 'markov'];
    const run = spawnCli(['run', table, ...common, '--turns', '20', '--out', out], {
      onStdout: (text) => {
        seen += text;
      },
    });
    try {
      await waitUntil(() => /^\w+: \S/m.test(seen));
      const dir = join(out, readdirSync(out)[0] ?? '');
      const during = await runCli(['resume', dir, '--plain']);
      expect(during.code).toBe(2);
      expect(during.stderr).toContain(`being written by roundtable run (pid ${run.child.pid}`);
      run.child.kill('SIGINT');
      expect((await run.done).code).toBe(130);

      let resumed = '';
      const first = spawnCli(['resume', dir, '--plain'], {
        onStdout: (text) => {
          resumed += text;
        },
      });
      try {
        await waitUntil(() => resumed.includes('(resumed from turn'));
        const second = await runCli(['resume', dir, '--json']);
        expect(second.code).toBe(2);
        expect(second.stderr).toContain(
          `being written by roundtable resume (pid ${first.child.pid}`,
        );
        expect(second.stdout).toBe('');
      } finally {
        first.child.kill('SIGINT');
        await first.done;
      }
      // Only the first resume wrote: one resumed run record.
      expect(readLines(dir).filter((l) => l.type === 'run' && l.resumed === true)).toHaveLength(1);
      expect(readdirSync(dir)).not.toContain('roundtable.lock');
    } finally {
      run.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('the table folder', () => {
  it('is found when resuming from another directory', async () => {
    // The seats talk to an endpoint that only the table's own config names.
    const table = writeTable(join(tmp, 'here', 'table'), 2);
    writeFileSync(
      join(table, 'roundtable.config.json'),
      JSON.stringify({
        endpoint: 'local',
        endpoints: { local: { baseUrl: fast.url, model: 'markov' } },
      }),
    );
    const dir = await cutTranscript('elsewhere', ['table'], join(tmp, 'here'));
    expect(readLines(dir)[0]?.tableDir).toBe(table);
    const elsewhere = join(tmp, 'some', 'other', 'place');
    mkdirSync(elsewhere, { recursive: true });
    const result = await runCli(['resume', dir, '--plain'], { cwd: elsewhere });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Finished');
  }, 60_000);
});

describe('the key', () => {
  it('goes only to an endpoint the user names, not to one a tampered transcript names', async () => {
    const attacker = await startFaultServer({ schedule: () => undefined });
    try {
      const table = writeTable(join(tmp, 'key-table'), 2);
      const dir = await cutTranscript('key', [table, '--base-url', fast.url, '--model', 'markov']);
      const lines = readLines(dir);
      const record = lines[0] as { settings: Record<string, unknown>; baseUrl?: string };
      record.settings.baseUrl = attacker.baseUrl;
      record.baseUrl = attacker.baseUrl;
      writeFileSync(
        join(dir, 'events.jsonl'),
        `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
      );
      const env = { OPENAI_API_KEY: 'sk-test-must-not-travel-0123456789' };

      const refused = await runCli(['resume', dir, '--plain'], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`resume with --base-url ${attacker.baseUrl}`);
      expect(refused.stderr).toContain('OPENAI_API_KEY');
      expect(attacker.requests).toHaveLength(0);

      // Named in the environment (to where the discussion really ran), it goes there, and says so.
      const honest = await runCli(['resume', dir, '--plain', '--base-url', fast.url], { env });
      expect(honest.code, honest.stderr).toBe(0);
      expect(honest.stderr).toContain(
        `sending OPENAI_API_KEY to ${fast.url} (named by --base-url)`,
      );
      expect(attacker.requests).toHaveLength(0);
    } finally {
      await attacker.close();
    }
  }, 60_000);

  it('is not needed for an endpoint without one: a keyless resume follows the record', async () => {
    const table = writeTable(join(tmp, 'keyless-table'), 2);
    const dir = await cutTranscript('keyless', [
      table,
      '--base-url',
      fast.url,
      '--model',
      'markov',
    ]);
    const result = await runCli(['resume', dir, '--plain']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('sending');
  }, 60_000);
});

async function waitUntil(probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
