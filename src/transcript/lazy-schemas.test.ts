// The record schemas (~120 zod schemas) are built on first use: writing a run's transcript must
// not build them, so that a run that neither resumes nor reads an events file never pays for
// them before its first turn (docs/benchmarks.md, "Start-up").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { outcomeSchemas } from '../outcome/record-schema.js';
import { syntheticRun } from '../render/test-utils/events.js';
import { eventFields } from './event-fields.js';
import { readEvents } from './events-file.js';
import { openTranscript } from './writer.js';

vi.mock('./event-fields.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./event-fields.js')>();
  return { ...actual, eventFields: vi.fn(actual.eventFields) };
});
vi.mock('../outcome/record-schema.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../outcome/record-schema.js')>();
  return { ...actual, outcomeSchemas: vi.fn(actual.outcomeSchemas) };
});

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rt-lazy-schemas-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

it('writes a whole transcript without building a record schema, and builds them to read it back', async () => {
  const writer = await openTranscript({
    root,
    title: 'Should cities ban cars?',
    run: { version: '0.1.0', tableDir: 'tables/demo', settings: {} },
  });
  const events = syntheticRun();
  for (const event of events) writer.write(event);
  await writer.close();
  expect(eventFields).not.toHaveBeenCalled();
  expect(outcomeSchemas).not.toHaveBeenCalled();

  const read = await readEvents(writer.dir);
  // Text deltas are not stored: the turn-ended event holds the whole reply.
  const stored = events.filter((e) => e.type !== 'text-delta');
  expect(read.events.map((e) => e.type)).toEqual(stored.map((e) => e.type));
  expect(eventFields).toHaveBeenCalled();
  expect(outcomeSchemas).toHaveBeenCalled();
});
