// The schemas of every record events.jsonl holds: the run and closed records around each
// segment, and the events (event-schemas.ts), each with its time stamp; and how a record that
// fails its schema is described to the person whose transcript it is.
import { z } from 'zod';
import { once } from '../once.js';
import { eventFields } from './event-fields.js';
import { eventSchemas } from './event-schemas.js';
import type { ClosedRecord, RunRecord } from './events-file.js';

function buildRecordSchemas() {
  const timestamp = z.string().min(1);

  /** The first line of events.jsonl and of every resumed segment (see RunRecord). */
  const runRecordSchema = z.object({
    type: z.literal('run'),
    id: z
      .string()
      .regex(/^[0-9a-f]{12}$/)
      .optional(),
    version: z.string(),
    endpoint: z.string().optional(),
    baseUrl: z.string().optional(),
    model: z.string().optional(),
    tableDir: z.string().min(1),
    tableName: z.string().min(1).optional(),
    startedAt: timestamp,
    settings: z.record(z.string(), z.unknown()),
    title: z.string(),
    ts: timestamp,
    resumed: z.boolean().optional(),
    forkedFrom: z
      .object({
        dir: z.string().min(1),
        id: z
          .string()
          .regex(/^[0-9a-f]{12}$/)
          .optional(),
        turn: z.number().int().nonnegative(),
      })
      .optional(),
  });

  const closedRecordSchema = z.object({
    type: z.literal('closed'),
    reason: eventFields().endReason,
    ts: timestamp,
  });

  const table = new Map<string, z.ZodType>([
    ['run', runRecordSchema],
    ['closed', closedRecordSchema],
    ...Object.entries(eventSchemas()).map(
      ([type, schema]) => [type, schema.extend({ ts: timestamp.optional() })] as const,
    ),
  ]);
  return { run: runRecordSchema, closed: closedRecordSchema, table };
}

/** Built on the first record read (see event-schemas.ts). */
const recordSchemas = once(buildRecordSchemas);
type RecordSchemas = ReturnType<typeof buildRecordSchemas>;

/** As for events: a field added to the run or closed record without a schema fails to compile. */
type UncheckedRecordField =
  | Exclude<keyof RunRecord, keyof z.output<RecordSchemas['run']>>
  | Exclude<keyof ClosedRecord, keyof z.output<RecordSchemas['closed']>>;
const everyRecordFieldChecked: [UncheckedRecordField] extends [never]
  ? true
  : UncheckedRecordField = true;
void everyRecordFieldChecked;

/** The schema of a stored record of this type, or undefined for a type no transcript holds. */
export function recordSchema(type: string): z.ZodType | undefined {
  return recordSchemas().table.get(type);
}

/** Why `value` fails `schema`, in one line: `settings.turns: too small (got -5)`. */
export function describeIssues(error: z.ZodError, value: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const got = valueAt(value, issue.path);
      const shown = issue.code === 'unrecognized_keys' ? '' : ` (got ${showRaw(got)})`;
      return `${path === '' ? 'the record' : path}: ${issue.message.toLowerCase()}${shown}`;
    })
    .join('; ');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function showRaw(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
