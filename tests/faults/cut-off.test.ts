// Replies that break off after some text, through the real CLI: recorded as cut off (status,
// reason, marker, count), what arrived kept; an endless stream cut at its budget; Ctrl-C ends a
// streaming turn at once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';
import { type Fault, type FaultServer, startFaultServer } from '../helpers/fault-server.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Record = { type: string; status?: string; cutOff?: string; text?: string; turn?: number };
const readEvents = (out: string): Record[] => {
  const dir = join(out, readdirSync(out)[0] ?? '');
  return readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record);
};
const transcriptOf = (out: string) =>
  readFileSync(join(out, readdirSync(out)[0] ?? '', 'transcript.md'), 'utf8');

const common = (url: string) => ['--base-url', url, '--model', 'fault-model', '--no-summary'];

describe('a reply that breaks off after some text', () => {
  it('is recorded as cut off in events.jsonl, plain output and transcript.md, and counted', async () => {
    const schedule: Fault[] = [
      { kind: 'ok' },
      { kind: 'drop-after-text', text: 'We should keep the viaduct and' },
      { kind: 'malformed', afterText: 'Before the break, ', thenText: 'and after it.' },
      { kind: 'no-finish', text: 'A reply without an end' },
    ];
    server = await startFaultServer({ schedule: (i) => schedule[i] });
    const url = server.baseUrl;
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      const out = join(tmp, 'out');
      const result = await runCli([
        'run',
        table,
        '--plain',
        ...common(url),
        '--turns',
        '4',
        '--out',
        out,
      ]);
      expect(result.code, result.stderr).toBe(0);

      const ended = readEvents(out).filter((e) => e.type === 'turn-ended');
      expect(ended.map((e) => e.status)).toEqual(['complete', 'cut-off', 'cut-off', 'cut-off']);
      expect(ended[1]?.text).toBe('We should keep the viaduct and');
      expect(ended[1]?.cutOff).toMatch(/the connection to .* broke/);
      // The valid text after the malformed event is kept.
      expect(ended[2]?.text).toBe('Before the break, and after it.');
      expect(ended[2]?.cutOff).toContain('malformed event');
      expect(ended[3]?.cutOff).toContain('without a finish_reason');

      expect(result.stdout.match(/\[cut off: /g)).toHaveLength(3);
      expect(result.stdout).toMatch(/Finished: 4 turns \(3 cut off\)/);
      const markdown = transcriptOf(out);
      expect(markdown.match(/\*\*cut off\*\*: /g)).toHaveLength(3);
      expect(markdown).toContain('- Turns: 4 (3 cut off)');
    });
  });

  it('an endless stream is cut at its token budget, and the run goes on', async () => {
    server = await startFaultServer({
      schedule: (i) => (i === 0 ? { kind: 'endless', text: 'and on and on ' } : { kind: 'ok' }),
    });
    const url = server.baseUrl;
    await withTempDir(async (tmp) => {
      const out = join(tmp, 'out');
      const table = writeTable(join(tmp, 'table'), 2);
      const args = [...common(url), '--turns', '2', '--max-tokens', '50', '--out', out];
      const result = await runCli(['run', table, '--json', ...args]);
      expect(result.code, result.stderr).toBe(0);
      const [first] = readEvents(out).filter((e) => e.type === 'turn-ended');
      expect(first?.status).toBe('cut-off');
      expect(first?.cutOff).toContain('ran far past its 50-token budget');
      // Cut at about 2 × 50 + 32 estimated tokens: some 530 characters, not a million tokens.
      expect(first?.text?.length ?? 0).toBeGreaterThan(400);
      expect(first?.text?.length ?? 0).toBeLessThan(800);
    });
  });
});

describe('Ctrl-C', () => {
  it('ends a turn that would never end at once, keeping what was said', async () => {
    server = await startFaultServer({ schedule: () => ({ kind: 'endless', text: 'more ' }) });
    const url = server.baseUrl;
    await withTempDir(async (tmp) => {
      const out = join(tmp, 'out');
      const table = writeTable(join(tmp, 'table'), 2);
      // A budget and a timeout far away: only the interrupt can end this turn.
      const args = [...common(url), '--max-tokens', '10000000', '--timeout', '3600', '--out', out];
      let seen = 0;
      let sentAt = 0;
      let afterSignal = '';
      let endedAt = 0;
      const run = spawnCli(['run', table, '--json', ...args], {
        onStdout: (text, child) => {
          // What the turn has said so far: the server streams "more " a token at a time.
          seen += text.split('more').length - 1;
          if (sentAt === 0 && seen > 400) {
            sentAt = Date.now();
            child.kill('SIGINT');
          } else if (sentAt !== 0 && endedAt === 0) {
            afterSignal += text;
            if (afterSignal.includes('"type":"turn-ended"')) endedAt = Date.now();
          }
        },
      });
      const result = await run.done;
      expect(result.code).toBe(130);
      // At once: the turn would otherwise never end (no budget, an hour's timeout). Timed to the
      // turn's end on stdout, not to the process's exit, which a loaded machine can hold up.
      expect(endedAt, 'no turn-ended line after the interrupt').toBeGreaterThan(0);
      expect(endedAt - sentAt).toBeLessThan(15_000);
      const [turn] = readEvents(out).filter((e) => e.type === 'turn-ended');
      expect(turn?.status).toBe('interrupted');
      expect(turn?.text?.length ?? 0).toBeGreaterThan(1000);
    });
  }, 60_000);
});
