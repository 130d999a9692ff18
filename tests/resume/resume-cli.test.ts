// `roundtable resume`: what it accepts, what it refuses (exit 2, naming the folder or line), and
// what it prints.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { runCli, writeTable } from '../helpers/cli.js';

let tmp: string;
/** events.jsonl of a finished offline run, as lines. */
let lines: string[];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'roundtable-resume-'));
  const table = writeTable(join(tmp, 'table'), 3);
  const out = join(tmp, 'out');
  const result = await runCli([
    'run',
    table,
    '--plain',
    '--turns',
    '4',
    '--seed',
    '3',
    '--out',
    out,
  ]);
  expect(result.code).toBe(0);
  const [name] = readdirSync(out);
  lines = readFileSync(join(out, name ?? '', 'events.jsonl'), 'utf8')
    .trimEnd()
    .split('\n');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A transcript folder holding `text` as its events.jsonl. */
function transcript(name: string, text: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'events.jsonl'), text);
  return dir;
}

const typeOf = (line: string) => (JSON.parse(line) as { type: string }).type;

function expectUsageError(result: { code: number | null; stderr: string }, ...parts: string[]) {
  expect(result.code).toBe(2);
  for (const part of parts) expect(result.stderr).toContain(part);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('roundtable resume refuses', () => {
  it('a folder that does not exist', async () => {
    const missing = join(tmp, 'no-such-folder');
    expectUsageError(await runCli(['resume', missing]), missing, 'not found');
  });

  it('a folder without events.jsonl', async () => {
    const dir = join(tmp, 'empty');
    mkdirSync(dir, { recursive: true });
    expectUsageError(await runCli(['resume', dir]), join(dir, 'events.jsonl'), 'does not exist');
  });

  it('a damaged events.jsonl, naming the line', async () => {
    const broken = [...lines.slice(0, 3), '{"type": "turn-ended", oops', ...lines.slice(3)];
    const dir = transcript('damaged', `${broken.join('\n')}\n`);
    expectUsageError(await runCli(['resume', dir]), 'events.jsonl, line 4', 'not valid JSON');
  });

  it('a discussion that completed', async () => {
    const dir = transcript('completed', `${lines.join('\n')}\n`);
    expectUsageError(await runCli(['resume', dir]), 'already completed', 'nothing to resume');
    // Nothing was touched.
    expect(readFileSync(join(dir, 'events.jsonl'), 'utf8')).toBe(`${lines.join('\n')}\n`);
  });

  it('a run that never began its discussion', async () => {
    const dir = transcript('unstarted', `${lines[0]}\n`);
    expectUsageError(await runCli(['resume', dir]), 'no discussion-started', 'roundtable run');
  });
});

describe('roundtable resume continues', () => {
  it('from a cut mid-turn: --json prints only the new events, from the resume marker', async () => {
    // Cut after the second turn started, and leave half a line behind, as kill -9 can.
    const cut = lines.findIndex(
      (line) =>
        typeOf(line) === 'turn-started' && (JSON.parse(line) as { turn: number }).turn === 2,
    );
    const dir = transcript('cut', `${lines.slice(0, cut + 1).join('\n')}\n{"type":"turn-en`);
    const result = await runCli(['resume', dir, '--json']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const printed = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as DiscussionEvent);
    expect(printed[0]).toEqual({ type: 'discussion-resumed', fromTurn: 2 });
    expect(printed.some((e) => e.type === 'discussion-started')).toBe(false);
    expect(printed.find((e) => e.type === 'turn-started')).toMatchObject({ turn: 2 });
    expect(printed.at(-1)).toMatchObject({
      type: 'discussion-ended',
      reason: 'completed',
      turns: 4,
    });

    // The transcript was appended to, the partial line dropped, and turn 2 spoken once in full.
    const after = readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n');
    expect(after.slice(0, cut + 1)).toEqual(lines.slice(0, cut + 1));
    expect(after.map(typeOf).filter((t) => t === 'turn-ended')).toHaveLength(4);
    expect(after.map(typeOf).filter((t) => t === 'discussion-started')).toHaveLength(1);
    expect(JSON.parse(after[cut + 1] ?? '{}')).toMatchObject({ type: 'run', resumed: true });
  });

  it('writes the end of a discussion that stopped after its last words, and says so', async () => {
    // Every turn and the summary are recorded; only the end is missing.
    const whole = lines.filter((line) => typeOf(line) !== 'discussion-ended');
    expect(whole.map(typeOf)).toContain('summary');
    const dir = transcript('no-end', `${whole.join('\n')}\n`);
    const result = await runCli(['resume', dir, '--plain']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('holds the whole discussion but not its end: writing the end');
    expect(result.stdout).toContain('Finished: 4 turns');
    const after = readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n');
    // Nothing spoken again: the end is the only new event besides the resume's own records.
    const added = after.slice(whole.length).map(typeOf);
    expect(added).toEqual(['run', 'discussion-resumed', 'discussion-ended']);
    expect(JSON.parse(after.at(-1) ?? '{}')).toMatchObject({ reason: 'completed', turns: 4 });
    // And now it is complete.
    expectUsageError(await runCli(['resume', dir]), 'already completed');
  });

  it('in plain text, showing the discussion so far first', async () => {
    const firstEnd = lines.findIndex((line) => typeOf(line) === 'turn-ended');
    const dir = transcript('plain', `${lines.slice(0, firstEnd + 1).join('\n')}\n`);
    const spoken = JSON.parse(lines[firstEnd] ?? '{}') as { speaker: string; text: string };
    const result = await runCli(['resume', dir, '--plain']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('resuming');
    expect(result.stderr).toContain('from turn 2');
    const resumedAt = result.stdout.indexOf('(resumed from turn 2)');
    expect(resumedAt).toBeGreaterThan(0);
    // Turn 1, recorded before, is on screen above the marker.
    expect(result.stdout.indexOf(`${spoken.speaker}: ${spoken.text.slice(0, 20)}`)).toBeLessThan(
      resumedAt,
    );
    expect(result.stdout).toContain('Finished');
  });
});
