import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDiscussion } from '../engine/discussion.js';
import type { DiscussionEvent } from '../engine/events.js';
import { FakeModel } from '../engine/test-utils/fake-model.js';
import { fixtureSettings, fixtureTable } from '../engine/test-utils/fixture.js';
import { InputError } from '../errors.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { parseEventsFile, readEvents } from './events-file.js';

const run = {
  type: 'run',
  version: '0.1.0',
  tableDir: '.',
  settings: {},
  title: 't',
  startedAt: 'x',
  ts: 'x',
};
const events = syntheticRun({ turns: 3 }).filter((e) => e.type !== 'text-delta');
const lines = [run, ...events].map((record) =>
  JSON.stringify({ ...record, ts: '2026-01-01T00:00:00.000Z' }),
);
const whole = `${lines.join('\n')}\n`;

describe('parseEventsFile', () => {
  it('returns the run records and the events, in order', () => {
    const parsed = parseEventsFile(whole);
    expect(parsed.truncated).toBe(false);
    expect(parsed.runs).toHaveLength(1);
    expect(parsed.events.map((e) => e.type)).toEqual(events.map((e) => e.type));
    expect(parsed.records).toHaveLength(events.length + 1);
    expect(parsed.validBytes).toBe(Buffer.byteLength(whole));
  });

  it('drops a partial last line, reports it, and says where the whole part ends', () => {
    // Cut the file in the middle of every line in turn, including inside multi-byte text.
    const text = `${whole}${JSON.stringify({ type: 'error', kind: 'server', message: 'é—ü', fatal: false, ts: 'x' })}\n`;
    const bytes = Buffer.from(text);
    // Byte offsets just past each record's closing brace (its newline comes next).
    const recordEnds = [...text.matchAll(/\n/g)].map((m) =>
      Buffer.byteLength(text.slice(0, m.index ?? 0)),
    );
    for (let cut = 1; cut < bytes.length; cut++) {
      const parsed = parseEventsFile(bytes.subarray(0, cut).toString('utf8'));
      const complete = recordEnds.filter((end) => end <= cut).length;
      const atRecordEnd = recordEnds.some((end) => cut === end || cut === end + 1);
      expect(parsed.records.length, `cut at byte ${cut}`).toBe(complete);
      expect(parsed.truncated, `cut at byte ${cut}`).toBe(!atRecordEnd);
      expect(parsed.validBytes).toBe(
        Math.max(0, ...recordEnds.filter((end) => end <= cut).map((end) => Math.min(end + 1, cut))),
      );
    }
  });

  it('treats NUL bytes left by a power cut as a partial line', () => {
    const parsed = parseEventsFile(`${whole}\u0000\u0000\u0000`);
    expect(parsed.truncated).toBe(true);
    expect(parsed.records).toHaveLength(lines.length);
  });

  it('rejects a broken line before the end, naming the line', () => {
    const broken = [lines[0], lines[1], '{"type":"turn-ended", oops', lines[2], ''].join('\n');
    expect(() => parseEventsFile(broken, 'x/events.jsonl')).toThrow(InputError);
    expect(() => parseEventsFile(broken, 'x/events.jsonl')).toThrow(
      /x\/events\.jsonl, line 3: not valid JSON/,
    );
  });

  it('rejects records that are not ours', () => {
    expect(() => parseEventsFile('[1,2]\n')).toThrow(/line 1: not a JSON object/);
    expect(() => parseEventsFile('{"type":"mystery"}\n')).toThrow(
      /line 1: unknown record type "mystery"/,
    );
    expect(() => parseEventsFile('{"kind":"x"}\n')).toThrow(/line 1: no "type" field/);
  });
});

describe('readEvents', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads events.jsonl from a transcript folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rt-events-'));
    await writeFile(join(dir, 'events.jsonl'), `${whole}{"type":"turn-st`);
    const parsed = await readEvents(dir);
    expect(parsed.truncated).toBe(true);
    expect(parsed.events).toHaveLength(events.length);
  });

  it('says clearly when the folder is not a transcript', async () => {
    dir = await mkdtemp(join(tmpdir(), 'rt-events-'));
    await expect(readEvents(dir)).rejects.toThrow(InputError);
    await expect(readEvents(dir)).rejects.toThrow(/events\.jsonl: it does not exist/);
  });
});

describe('what a run writes is read back', () => {
  it('holds the topic changes of an LLM moderator that moves on (llm-moderator)', async () => {
    const fake = new FakeModel((request, call) => {
      if (request.purpose !== 'moderator') return `${request.speaker} says ${call}.`;
      const next = ['Ann', 'Bob', 'Cy', 'Dee'][call % 4];
      return JSON.stringify({ next, reason: 'why not', steer: '', action: 'next-topic' });
    });
    const written: DiscussionEvent[] = [];
    for await (const event of runDiscussion({
      table: fixtureTable,
      settings: fixtureSettings({ speakerPolicy: 'moderator', turns: 4 }),
      model: fake.model,
    })) {
      if (event.type !== 'text-delta') written.push(event);
    }
    const moved = written.filter((e) => e.type === 'topic-changed' && e.reason === 'llm-moderator');
    expect(moved.length).toBeGreaterThan(0);
    const text = `${[run, ...written].map((record) => JSON.stringify({ ...record, ts: 'x' })).join('\n')}\n`;
    expect(parseEventsFile(text).events).toHaveLength(written.length);
  });

  it('keeps what the schedule held back, in the form written since T0 of session 11 too', () => {
    const start = syntheticRun({ turns: 1 }).find((e) => e.type === 'turn-started');
    const held = [
      { decision: 'topic-change', reason: 'wrap-up' },
      { decision: 'invite-opinions', reason: 'last-turn' },
    ];
    const legacy = { directive: 'invite-opinions', reason: 'last-turn' };
    const text = `${[run, { ...start, withheld: held }, { ...start, withheld: legacy }]
      .map((record) => JSON.stringify({ ...record, ts: 'x' }))
      .join('\n')}\n`;
    const [now, before] = parseEventsFile(text).events;
    expect(now).toMatchObject({ type: 'turn-started', withheld: held });
    expect(before).toMatchObject({ type: 'turn-started', withheld: [held[1]] });
  });
});
