// A hostile reply, table or server error reaches a person's terminal only as inert text, in every
// channel: --plain and --json stdout, transcript.md and events.jsonl (read later with `cat`),
// `validate`, and error messages. (The live view is checked under tmux in tests/tui.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstControl, HOSTILE_TEXT, VISIBLE_FORMS } from '../../src/render/test-utils/hostile.js';
import { runCli, withTempDir, writeTable } from '../helpers/cli.js';
import { type Fault, type FaultServer, startFaultServer } from '../helpers/fault-server.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A table whose context and questions carry every attack. */
function hostileTable(dir: string): string {
  writeTable(dir, 2);
  writeFileSync(join(dir, 'task', 'context.txt'), `The situation. ${HOSTILE_TEXT}\n`);
  writeFileSync(
    join(dir, 'task', 'questions.txt'),
    `What now? ${HOSTILE_TEXT}\nAnd then \u001b]0;title\u0007?\n`,
  );
  return dir;
}

function expectInert(place: string, text: string): void {
  expect(firstControl(text), `${place} passes a control character through`).toBeUndefined();
}

describe('terminal injection', () => {
  it('a hostile reply and hostile table text are shown, not obeyed, in plain, JSON and the transcript', async () => {
    const reply: Fault = { kind: 'ok', text: HOSTILE_TEXT };
    server = await startFaultServer({ schedule: () => reply });
    const fault = server;
    await withTempDir(async (tmp) => {
      const table = hostileTable(join(tmp, 'table'));
      const out = join(tmp, 'out');
      const common = ['--base-url', fault.baseUrl, '--model', 'fault-model', '--turns', '2'];
      const plain = await runCli(['run', table, '--plain', ...common, '--out', out]);
      expect(plain.code, plain.stderr).toBe(0);
      expectInert('--plain stdout', plain.stdout);
      expectInert('--plain stderr', plain.stderr);
      for (const form of VISIBLE_FORMS) expect(plain.stdout).toContain(form);

      const json = await runCli(['run', table, '--json', ...common, '--no-transcript']);
      expect(json.code, json.stderr).toBe(0);
      expectInert('--json stdout', json.stdout);
      // The JSON still carries the exact text: the escapes are JSON's own.
      const ended = json.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; text?: string })
        .find((event) => event.type === 'turn-ended');
      expect(ended?.text).toContain('\u001b]0;pwned title\u0007');

      const [name] = readdirSync(out);
      const dir = join(out, name ?? '');
      const markdown = readFileSync(join(dir, 'transcript.md'), 'utf8');
      const events = readFileSync(join(dir, 'events.jsonl'), 'utf8');
      expectInert('transcript.md', markdown);
      expectInert('events.jsonl', events);
      expect(markdown).toContain('␛]52;c;');
      expect(markdown).toContain('⟨U+202E⟩');
    });
  });

  it('validate shows hostile table text inert', async () => {
    await withTempDir(async (tmp) => {
      const table = hostileTable(join(tmp, 'table'));
      const result = await runCli(['validate', table]);
      expect(result.code, result.stderr).toBe(0);
      expectInert('validate stdout', result.stdout);
      expect(result.stdout).toContain('␛]0;title␇');
    });
  });

  it('error messages quoting a hostile value or server are inert', async () => {
    await withTempDir(async (tmp) => {
      const table = writeTable(join(tmp, 'table'), 2);
      // C1 and bidi controls survive JSON.stringify's quoting of a bad value.
      writeFileSync(
        join(table, 'participants', 'role2.json'),
        JSON.stringify({ name: 'Bob\u009b2J\u202e', full_name: 'Bob', prompt: 'You are Bob.' }),
      );
      const bad = await runCli(['validate', table]);
      expect(bad.code).toBe(2);
      expectInert('validate stderr', bad.stderr);
      expect(bad.stderr).toContain('role2.json');

      const body: Fault = {
        kind: 'json',
        status: 401,
        body: () => ({ error: { message: `denied \u001b]0;owned\u0007\u001b[2J${HOSTILE_TEXT}` } }),
      };
      server = await startFaultServer({ schedule: () => body });
      const table2 = writeTable(join(tmp, 'table2'), 2);
      // Its transcript goes to the temporary folder: by default it would land in the checkout's
      // transcripts/ (the run starts there), and stay after the test.
      const out = join(tmp, 'out');
      const run = await runCli(
        [
          'run',
          table2,
          '--plain',
          '--base-url',
          server.baseUrl,
          '--model',
          'fault-model',
          '--out',
          out,
        ],
        { env: { OPENAI_API_KEY: 'sk-test-hostile-error-0000' } },
      );
      expect(run.code).toBe(1);
      expectInert('run stdout after a hostile error', run.stdout);
      expectInert('run stderr after a hostile error', run.stderr);
      expect(`${run.stdout}${run.stderr}`).toContain('␛]0;owned␇');
    });
  });
});
