import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDummyServer } from '../../test-server/server.js';
import { runCli, withTempDir, writeTable } from '../helpers/cli.js';
import { startFaultServer } from '../helpers/fault-server.js';

interface Rec {
  readonly type: string;
  readonly turn?: number;
  readonly speaker?: string;
  readonly text?: string;
  readonly ts?: string;
  readonly forkedFrom?: { dir: string; id?: string; turn: number };
  readonly id?: string;
  readonly participants?: readonly {
    name: string;
    fullName: string;
    prompt: string;
    model?: string;
  }[];
  readonly settings?: { turns: number };
}

const read = (dir: string): Rec[] =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Rec);

/** What was said, in order: [turn, speaker, text] of every turn and the summary. */
const said = (records: readonly Rec[]) =>
  records
    .filter((r) => r.type === 'turn-ended' || r.type === 'summary')
    .map((r) => [r.turn ?? 'summary', r.speaker, r.text]);

const only = (root: string) => {
  const [name] = readdirSync(root);
  return join(root, name ?? '');
};

/** An offline run of `table` into `root/runs`: the parent to fork. */
async function recordRun(root: string, table: string, args: readonly string[]): Promise<string> {
  const ran = await runCli(['run', table, '--plain', ...args, '--out', join(root, 'runs')]);
  expect(ran.code, ran.stderr).toBe(0);
  return only(join(root, 'runs'));
}

// Each test starts several CLI processes one after another: slow on a loaded two-core machine.
describe('roundtable fork', { timeout: 90_000 }, () => {
  it('equals resume when nothing is changed, and records its parent and turn', async () => {
    await withTempDir(async (root) => {
      const table = writeTable(join(root, 'table'));
      const parent = await recordRun(root, table, ['--turns', '6', '--seed', '9']);
      const parentText = readFileSync(join(parent, 'events.jsonl'), 'utf8');
      const original = read(parent);

      const forked = await runCli([
        'fork',
        parent,
        '--at',
        '3',
        '--plain',
        '--out',
        join(root, 'forks'),
      ]);
      expect(forked.code, forked.stderr).toBe(0);
      expect(forked.stderr).toContain(`forked ${parent} at turn 3 into`);
      const fork = read(only(join(root, 'forks')));
      expect(fork[0]?.forkedFrom).toEqual({ dir: parent, id: original[0]?.id, turn: 3 });

      // The same discussion cut after turn 3 and resumed.
      const cut = original.findIndex((r) => r.type === 'turn-ended' && r.turn === 3);
      const resumed = join(root, 'resumed');
      mkdirSync(resumed);
      writeFileSync(
        join(resumed, 'events.jsonl'),
        [
          ...original.slice(0, cut + 1),
          { type: 'closed', reason: 'interrupted', ts: original[cut]?.ts },
        ]
          .map((r) => `${JSON.stringify(r)}\n`)
          .join(''),
      );
      const again = await runCli(['resume', resumed, '--plain']);
      expect(again.code, again.stderr).toBe(0);

      expect(said(fork)).toEqual(said(read(resumed)));
      // Offline and seeded, both say what the uninterrupted run said.
      expect(said(fork)).toEqual(said(original));
      // Turns 1–3 are the parent's, times and all; the parent is untouched.
      const kept = (records: readonly Rec[]) =>
        records.filter((r) => r.type === 'turn-ended' && (r.turn ?? 0) <= 3);
      expect(kept(fork)).toEqual(kept(original));
      expect(readFileSync(join(parent, 'events.jsonl'), 'utf8')).toBe(parentText);
      // The page names the parent by its folder; the events file keeps where it is.
      const page = readFileSync(join(only(join(root, 'forks')), 'transcript.md'), 'utf8');
      expect(page).toContain(`- Forked from ${basename(parent)} at turn 3`);
      expect(page).not.toContain(root);
    });
  });

  it('changes settings, a seat’s model and a persona, and goes on from there', async () => {
    await withTempDir(async (root) => {
      const table = writeTable(join(root, 'table'));
      const parent = await recordRun(root, table, ['--turns', '4', '--seed', '2']);
      const persona = join(root, 'critic.json');
      writeFileSync(
        persona,
        JSON.stringify({
          name: 'Critic',
          full_name: 'Ann the Critic',
          creativity: 0.9,
          prompt: 'You doubt every number.',
        }),
      );
      const forked = await runCli([
        'fork',
        parent,
        '--at',
        '2',
        '--turns',
        '6',
        '--persona',
        `ann=${persona}`,
        '--seat-model',
        'Bob=markov-large',
        '--plain',
        '--out',
        join(root, 'forks'),
      ]);
      expect(forked.code, forked.stderr).toBe(0);
      expect(forked.stderr).toContain('keeps the name "Ann"');
      // The plain output marks where the fork begins as a fork, not a resume.
      expect(forked.stdout).toContain('(forked at turn 2: a new discussion from here)');
      expect(forked.stdout).not.toContain('resumed');
      const fork = read(only(join(root, 'forks')));
      const start = fork.find((r) => r.type === 'discussion-started');
      expect(start?.settings?.turns).toBe(6);
      expect(start?.participants?.[0]).toMatchObject({
        name: 'Ann',
        fullName: 'Ann the Critic',
        prompt: 'You doubt every number.',
      });
      expect(start?.participants?.[1]?.model).toBe('markov-large');
      expect(fork.filter((r) => r.type === 'turn-ended').map((r) => r.turn)).toEqual([
        1, 2, 3, 4, 5, 6,
      ]);
      expect(fork.at(-1)?.type).toBe('discussion-ended');
    });
  });

  it('names what is wrong with exit code 2', async () => {
    await withTempDir(async (root) => {
      const table = writeTable(join(root, 'table'));
      const parent = await recordRun(root, table, ['--turns', '3']);
      const cases: [string[], string][] = [
        [['--at', '7'], 'has no turn 7 to fork at; its turns are 1 to 3'],
        [['--at', 'two'], '--at: expected a whole number'],
        [
          ['--at', '2', '--turns', '1'],
          '--turns 1 is fewer than the turns the fork keeps (--at 2)',
        ],
        [
          ['--at', '1', '--seat-model', 'Zed=x'],
          'nobody called "Zed" is at the table (Ann, Bob, Cy)',
        ],
        [['--at', '1', '--persona', `Ann=${join(root, 'nope.md')}`], 'file not found'],
        [[], "required option '--at <turn>' not specified"],
      ];
      for (const [args, message] of cases) {
        const result = await runCli(['fork', parent, '--plain', ...args]);
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr, args.join(' ')).toContain(message);
      }
    });
  });

  it('trusts the parent no more than resume does: its records are checked, a key goes only where the user says', async () => {
    const fast = await startDummyServer({ host: '127.0.0.1', port: 0, logLevel: 'silent' });
    const attacker = await startFaultServer({ schedule: () => undefined });
    try {
      await withTempDir(async (root) => {
        const table = writeTable(join(root, 'table'));
        const parent = await recordRun(root, table, [
          '--turns',
          '3',
          '--base-url',
          fast.url,
          '--model',
          'markov',
        ]);
        const records = read(parent) as unknown as Record<string, unknown>[];
        const write = (list: readonly unknown[]) =>
          writeFileSync(
            join(parent, 'events.jsonl'),
            list.map((r) => `${JSON.stringify(r)}\n`).join(''),
          );

        // A turn ended by a seat that did not start it: named by its line, exit 2.
        const ended = records.findIndex((r) => r.type === 'turn-ended');
        write(records.map((r, i) => (i === ended ? { ...r, seat: 2, speaker: 'Cy' } : r)));
        const tampered = await runCli(['fork', parent, '--at', '1', '--plain']);
        expect(tampered.code).toBe(2);
        expect(tampered.stderr).toContain(`events.jsonl, line ${ended + 1}:`);

        // A transcript that says the run went to another server gets no key on its word.
        const run = records[0] as { settings: Record<string, unknown>; baseUrl?: string };
        write([
          {
            ...run,
            baseUrl: attacker.baseUrl,
            settings: { ...run.settings, baseUrl: attacker.baseUrl },
          },
          ...records.slice(1),
        ]);
        const env = { OPENAI_API_KEY: 'sk-test-must-not-travel-0123456789' };
        const refused = await runCli(['fork', parent, '--at', '1', '--plain'], { env });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(`fork with --base-url ${attacker.baseUrl}`);
        const honest = await runCli(
          ['fork', parent, '--at', '1', '--plain', '--base-url', fast.url],
          { env },
        );
        expect(honest.code, honest.stderr).toBe(0);
        expect(honest.stderr).toContain(
          `sending OPENAI_API_KEY to ${fast.url} (named by --base-url)`,
        );
        expect(attacker.requests).toHaveLength(0);
      });
    } finally {
      await attacker.close();
      await fast.close();
    }
  });
});
