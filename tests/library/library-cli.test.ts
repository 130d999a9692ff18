// The run library through the real CLI: runs index themselves, history finds them, show prints
// one, reindex rebuilds; two runs at once lose nothing; a kill -9 while indexing leaves a library
// that reindex makes whole.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/engine/random.js';
import { withTexts, writeRun } from '../../src/library/test-utils/transcripts.js';
import { syntheticRun } from '../../src/render/test-utils/events.js';
import { parseEventsFile } from '../../src/transcript/events-file.js';
import { type DummyServer, startDummyServer } from '../../test-server/server.js';
import { runCli, spawnCli, withTempDir, writeTable } from '../helpers/cli.js';

let server: DummyServer;
beforeAll(async () => {
  server = await startDummyServer({ seed: 7, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
});

const runArgs = (table: string, out: string, turns: number, seed: number) => [
  'run',
  table,
  '--plain',
  '--base-url',
  server.url,
  '--model',
  'markov',
  '--turns',
  String(turns),
  '--seed',
  String(seed),
  '--max-tokens',
  '40',
  '--out',
  out,
];

/**
 * Every turn's text events.jsonl holds, as `turn:speaker:text`, sorted; the summary too (its
 * phase ends it with a `summary` event and no turn-ended: it has the summary turn's number).
 */
function recordedTurns(dir: string): string[] {
  const parsed = parseEventsFile(readFileSync(join(dir, 'events.jsonl'), 'utf8'));
  let summaryTurn = 0;
  const ended = new Set<number>();
  return parsed.events
    .flatMap((e) => {
      if (e.type === 'turn-started' && e.kind === 'summary') summaryTurn = e.turn;
      if (e.type === 'turn-ended') ended.add(e.turn);
      const said =
        e.type === 'turn-ended'
          ? { turn: e.turn, speaker: e.speaker, text: e.text }
          : e.type === 'summary' && !ended.has(summaryTurn)
            ? { turn: summaryTurn, speaker: e.speaker, text: e.text }
            : undefined;
      return said === undefined || said.text.trim() === ''
        ? []
        : [`${said.turn}:${said.speaker}:${said.text}`];
    })
    .sort();
}

/** The same, as the library holds it. */
function libraryTurns(home: string, dir: string): string[] {
  const db = new DatabaseSync(join(home, 'library.db'), { readOnly: true });
  try {
    const rows = db
      .prepare(
        `SELECT p.turn, p.speaker, p.text FROM passages p JOIN runs r ON r.id = p.run_id
         WHERE r.dir = ? AND p.kind IN ('turn', 'summary')`,
      )
      .all(dir) as { turn: number; speaker: string; text: string }[];
    return rows.map((r) => `${r.turn}:${r.speaker}:${r.text}`).sort();
  } finally {
    db.close();
  }
}

const dirsIn = (root: string) => readdirSync(root).map((name) => join(root, name));

describe('history, show and reindex', () => {
  it('lists the runs a person ran, finds what was said, and prints one', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const table = writeTable(join(tmp, 'table'));
      const out = join(tmp, 'transcripts');
      for (const seed of [1, 2]) {
        expect((await runCli(runArgs(table, out, 3, seed), { env })).code).toBe(0);
      }
      const [first, second] = dirsIn(out).sort();
      const idOf = (dir: string | undefined) =>
        parseEventsFile(readFileSync(join(dir ?? '', 'events.jsonl'), 'utf8')).runs[0]?.id ?? '';

      const history = await runCli(['history'], { env });
      expect(history.code).toBe(0);
      const ids = [...history.stdout.matchAll(/^([0-9a-f]{12}) /gm)].map((m) => m[1]);
      // Newest first.
      expect(ids).toEqual([idOf(second), idOf(first)]);
      expect(history.stdout).toMatch(/completed\s+table\s+markov ×3\s+3\/3 turns/);

      // A word one run said (and the other did not) finds that run, the line marked.
      const said = recordedTurns(first ?? '').join(' ');
      const other = recordedTurns(second ?? '').join(' ');
      const word = said
        .split(/[^A-Za-z]+/)
        .find((w) => w.length > 5 && !new RegExp(`\\b${w}\\b`, 'i').test(other));
      expect(word).toBeDefined();
      const found = await runCli(['history', word ?? ''], { env });
      expect(found.stdout).toContain(idOf(first));
      expect(found.stdout).not.toContain(idOf(second));
      expect(found.stdout.toLowerCase()).toContain(`**${word?.toLowerCase()}**`);

      const show = await runCli(['show', idOf(first).slice(0, 5)], { env });
      expect(show.code).toBe(0);
      expect(show.stdout).toContain(`run      ${idOf(first)}`);
      expect(show.stdout).toContain(`folder   ${first}`);
      // Then the discussion, as the plain output prints it.
      expect(show.stdout).toMatch(/^Roundtable · 3 participants · 3 turns · seed 1$/m);
      const byFolder = await runCli(['show', first ?? '', '--json'], { env });
      expect(JSON.parse(byFolder.stdout)).toMatchObject({ id: idOf(first), seed: 1 });

      const unknown = await runCli(['show', 'ffffff'], { env });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/no run in the library has an id starting with "ffffff"/);
      const badSince = await runCli(['history', '--since', 'last tuesday'], { env });
      expect(badSince.code).toBe(2);
      expect(badSince.stderr).toMatch(/--since "last tuesday" is not a date or an age/);
      const badStatus = await runCli(['history', '--status', 'done'], { env });
      expect(badStatus.code).toBe(2);
      expect(badStatus.stderr).toMatch(/completed/);
    });
  }, 60_000);

  it('reindexes folders it was never told about, and names one it cannot read', async () => {
    await withTempDir(async (tmp) => {
      const env = { ROUNDTABLE_HOME: join(tmp, 'home') };
      const root = join(tmp, 'archive', 'deep');
      const events = withTexts(
        syntheticRun({ turns: 3 }),
        (turn) => `The tram plan, take ${turn}.`,
      );
      const a = await writeRun(root, { events });
      const b = await writeRun(join(root, 'more'), { events });
      mkdirSync(join(tmp, 'archive', 'broken'));
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(tmp, 'archive', 'broken', 'events.jsonl'), '{"type":"turn-ended"}\n');

      const reindex = await runCli(['reindex', join(tmp, 'archive')], { env });
      expect(reindex.code).toBe(1);
      expect(reindex.stdout).toMatch(/^Indexed 2 runs from .* \(1 skipped\)$/m);
      // A record that is not valid is named with its line (see transcript/event-schemas.ts).
      expect(reindex.stderr).toMatch(/skipped .*broken: .*events\.jsonl, line 1: .*not valid/);
      const found = await runCli(['history', 'tram', '--json'], { env });
      const rows = found.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());

      const missing = await runCli(['reindex', join(tmp, 'nowhere')], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/nowhere: no such folder/);
    });
  });
});

describe('two runs at once', () => {
  it('both index every turn into one library', async () => {
    await withTempDir(async (tmp) => {
      const home = join(tmp, 'home');
      const table = writeTable(join(tmp, 'table'));
      const results = await Promise.all(
        [1, 2].map((seed) =>
          runCli(runArgs(table, join(tmp, `out-${seed}`), 40, seed), {
            env: { ROUNDTABLE_HOME: home },
          }),
        ),
      );
      for (const result of results) {
        expect(result.stderr).not.toMatch(/run library could not be updated/);
        expect(result.code).toBe(0);
      }
      for (const seed of [1, 2]) {
        const [dir] = dirsIn(join(tmp, `out-${seed}`));
        const turns = recordedTurns(dir ?? '');
        expect(turns.length).toBeGreaterThanOrEqual(35);
        expect(libraryTurns(home, dir ?? '')).toEqual(turns);
      }
    });
  }, 60_000);
});

describe('kill -9 while indexing', () => {
  it('leaves a library that reindex makes whole', async () => {
    await withTempDir(async (tmp) => {
      const home = join(tmp, 'home');
      const env = { ROUNDTABLE_HOME: home };
      const archive = join(tmp, 'archive');
      for (let i = 0; i < 150; i++) {
        const events = withTexts(syntheticRun({ turns: 8 }), (turn, who) => `${who} ${i}-${turn}`);
        await writeRun(archive, { events, now: new Date(2026, 0, 1, 0, 0, i) });
      }
      const folders = dirsIn(archive);
      // Kill moments are fractions of a whole reindex timed here and now, so that on a fast or a
      // loaded machine alike they land while the library is being written, not after it is done.
      const started = Date.now();
      const whole = await runCli(['reindex', archive], {
        env: { ROUNDTABLE_HOME: join(tmp, 'timing') },
      });
      expect(whole.code).toBe(0);
      const duration = Date.now() - started;
      const random = createRandom(14);
      const kills: number[] = [];
      // A run that ended before its kill (the machine got faster) brings the next kill earlier.
      let scale = 1;
      for (let attempt = 0; attempt < 4 || (kills.length === 0 && attempt < 8); attempt++) {
        const { child, done } = spawnCli(['reindex', archive], { env });
        const after = Math.round(duration * scale * (0.4 + random.int(50) / 100));
        const timer = setTimeout(() => child.kill('SIGKILL'), after);
        const result = await done;
        clearTimeout(timer);
        if (result.signal === 'SIGKILL') kills.push(after);
        else scale *= 0.6;
        // Whatever the moment, the library opens and answers: no damage, at most runs missing.
        const history = await runCli(['history', '--limit', '1000', '--json'], { env });
        expect(history.code).toBe(0);
        expect(history.stderr).not.toMatch(/damaged/);
      }
      expect(kills.length).toBeGreaterThan(0);
      const live = await runCli(['reindex', archive], { env });
      expect(live.code).toBe(0);
      expect(live.stdout).toMatch(/^Indexed 150 runs/m);
      for (const dir of folders) expect(libraryTurns(home, dir)).toEqual(recordedTurns(dir));
    });
  }, 120_000);

  it('catches a killed run up from its folder', async () => {
    await withTempDir(async (tmp) => {
      const home = join(tmp, 'home');
      const env = { ROUNDTABLE_HOME: home };
      const paced = await startDummyServer({ seed: 3, tokensPerSecond: 500, logLevel: 'silent' });
      try {
        const table = writeTable(join(tmp, 'table'));
        const out = join(tmp, 'out');
        const args = runArgs(table, out, 30, 4).map((a) => (a === server.url ? paced.url : a));
        let seen = 0;
        const { child, done } = spawnCli(args, {
          env,
          onStdout: (text) => {
            seen += text.length;
            if (seen > 600 && child.exitCode === null) child.kill('SIGKILL');
          },
        });
        expect((await done).signal).toBe('SIGKILL');
        const [dir] = dirsIn(out);
        const history = await runCli(['history', '--json'], { env });
        // The process is gone: the run is shown as interrupted, not as running forever.
        expect(JSON.parse(history.stdout)).toMatchObject({ dir, status: 'interrupted' });
        expect((await runCli(['reindex', out], { env })).code).toBe(0);
        expect(libraryTurns(home, dir ?? '')).toEqual(recordedTurns(dir ?? ''));
      } finally {
        await paced.close();
      }
    });
  }, 60_000);
});
