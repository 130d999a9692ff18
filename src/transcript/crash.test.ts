import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../engine/events.js';
import { syntheticEvents } from '../render/test-utils/events.js';
import { parseEventsFile } from './events-file.js';
import { renderMarkdown } from './markdown.js';
import { resumeTranscript } from './writer.js';

const child = join(import.meta.dirname, 'test-utils', 'crash-child.ts');

/** Starts the child, waits for `turns` finished turns, then kills it with SIGKILL soon after. */
function runAndKill(root: string, turns: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let dir = '';
    let seen = 0;
    let stderr = '';
    let buffer = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('dir ')) dir = line.slice(4);
        if (line.startsWith('turn ') && ++seen === turns) {
          // A random extra pause, so the kill falls anywhere in a turn, not just after one ends.
          setTimeout(() => proc.kill('SIGKILL'), Math.random() * 4);
        }
      }
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && dir) resolve(dir);
      else reject(new Error(`child ended without being killed (${signal}): ${stderr}`));
    });
  });
}

const expected = (count: number) => {
  const events: DiscussionEvent[] = [];
  for (const event of syntheticEvents({ turns: 10_000, end: false })) {
    if (event.type !== 'text-delta') events.push(event);
    if (events.length === count) break;
  }
  return events;
};
const markdownTurns = (markdown: string) => markdown.match(/^\*\*\w+:\*\* /gm)?.length ?? 0;
const endedTurns = (events: readonly DiscussionEvent[]) =>
  events.filter((e) => e.type === 'turn-ended').length;

describe('a transcript killed with SIGKILL', () => {
  let root = '';
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('parses to the last whole event at random kill points and can be resumed', async () => {
    root = await mkdtemp(join(tmpdir(), 'rt-crash-'));
    for (let attempt = 0; attempt < 4; attempt++) {
      // The child keeps writing while the kill is on its way, so it lands at a random point.
      const turns = 1 + Math.floor(Math.random() * 8);
      const dir = await runAndKill(join(root, String(attempt)), turns);
      const context = `killed after turn ${turns} (attempt ${attempt})`;

      const text = await readFile(join(dir, 'events.jsonl'), 'utf8');
      const parsed = parseEventsFile(text);
      const events = parsed.events.map(({ ts: _, ...event }) => event as DiscussionEvent);
      expect(events, context).toEqual(expected(events.length));
      expect(endedTurns(events), context).toBeGreaterThanOrEqual(turns);

      // transcript.md is written just after events.jsonl: it holds every turn ended there, or
      // all but the last when the kill fell between the two writes.
      const markdown = await readFile(join(dir, 'transcript.md'), 'utf8');
      expect(markdown.endsWith('\n\n'), context).toBe(true);
      const lag = endedTurns(events) - markdownTurns(markdown);
      expect(lag === 0 || (lag === 1 && events.at(-1)?.type === 'turn-ended'), context).toBe(true);

      const { writer } = await resumeTranscript({
        dir,
        run: { version: 'test', tableDir: '.', settings: {} },
      });
      writer.write({
        type: 'discussion-ended',
        reason: 'completed',
        turns: endedTurns(events),
        usage: { promptTokens: 1, completionTokens: 1, estimated: false },
      });
      await writer.close();
      const after = parseEventsFile(await readFile(join(dir, 'events.jsonl'), 'utf8'));
      const rebuilt = await readFile(join(dir, 'transcript.md'), 'utf8');
      expect(after.truncated).toBe(false);
      expect(markdownTurns(rebuilt), context).toBe(endedTurns(events));
      expect(rebuilt).toBe(renderMarkdown(after.records));
    }
    // Four child processes that each load TypeScript: seconds apiece on a loaded machine.
  }, 120_000);
});
