// Fuzzing the table loader: fast-check arbitraries for whole table folders, from nearly right to
// anything at all (their files' text comes from fuzz-files.ts), and the one property every
// input must keep: it loads into a table that passes the engine's schemas, or it is refused
// with an InputError (exit 2, no stack trace). Anything else is a crash. Shared by the test
// suite and scripts/fuzz-report.ts, which runs it longer and counts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../errors.js';
import { loadTable } from '../load-table.js';
import { nameKeys } from '../names.js';
import { participantSchema, taskSchema } from '../table-schema.js';
import {
  configFile,
  nastyText,
  oddNumber,
  questions,
  roleFileName,
  roleJson,
  roleMarkdown,
  textFile,
} from './fuzz-files.js';

export type TableFiles = Readonly<Record<string, string | Uint8Array>>;

/** Mostly `usual`, sometimes anything `odd` generates. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: odd });

/** Usually nothing (the valid file stays), sometimes a generated one. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const NAMES = [
  'Ada',
  'Alan',
  'Zo\u00e9',
  'Zoe\u0301',
  '\u0410d\u0430',
  'अनु',
  'Grace',
  'ada',
  'Eino',
];

/** A role that is nearly right: a real name (sometimes a look-alike of another), one field off. */
const plausibleRole = (name: string) =>
  fc
    .record({
      full_name: mostly(fc.constantFrom('Ada Lovelace', 'Alan Turing', 'Grace Hopper'), nastyText),
      prompt: mostly(fc.constant('You are someone with views.'), nastyText),
      creativity: mostly(fc.constantFrom(0, 0.3, 1), oddNumber),
    })
    .map((role) => JSON.stringify({ name, ...role }));

/** A valid table with some of its files replaced by generated ones. */
const plausibleTable: fc.Arbitrary<TableFiles> = fc
  .shuffledSubarray(NAMES, { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.tuple(
      fc.tuple(...names.map(plausibleRole)),
      sometimes(questions),
      sometimes(configFile),
      sometimes(roleMarkdown),
    ),
  )
  .map(([roles, asked, config, markdown]) => {
    const files: Record<string, string | Uint8Array> = {
      'task/context.txt': 'A town must decide.\n',
      'task/instructions.txt': 'Be brief.\n',
      'task/questions.txt': asked ?? 'Park or housing?\n',
    };
    roles.forEach((text, i) => {
      files[`participants/role${i + 1}.json`] = text;
    });
    if (markdown !== undefined) files[`participants/role${roles.length + 1}.md`] = markdown;
    if (config !== undefined) files['roundtable.config.json'] = config;
    return files;
  });

/** Any table folder: its files by relative path. */
const anyTable: fc.Arbitrary<TableFiles> = fc
  .record(
    {
      roles: fc.array(fc.tuple(roleFileName, fc.oneof(roleJson, roleMarkdown)), { maxLength: 5 }),
      context: textFile,
      instructions: textFile,
      questions,
      summarize: textFile,
      config: configFile,
    },
    { requiredKeys: ['roles'] },
  )
  .map((parts) => {
    const files: Record<string, string | Uint8Array> = {};
    for (const [name, text] of parts.roles) {
      const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
      // A .md name gets Markdown text, a .json name JSON, mostly; the odd mismatch stays.
      files[`participants/${name}`] = ext === 'md' || ext === 'json' ? text : 'x';
    }
    if (parts.context !== undefined) files['task/context.txt'] = parts.context;
    if (parts.instructions !== undefined) files['task/instructions.txt'] = parts.instructions;
    if (parts.questions !== undefined) files['task/questions.txt'] = parts.questions;
    if (parts.summarize !== undefined) files['task/summarize.txt'] = parts.summarize;
    if (parts.config !== undefined) files['roundtable.config.json'] = parts.config;
    return files;
  });

export type LoadOutcome =
  | { readonly kind: 'loaded' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'crashed'; readonly error: unknown };

/** Writes the files to a fresh folder, loads it, removes it; what happened. */
export async function loadOutcome(files: TableFiles): Promise<LoadOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-fuzz-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await mkdir(join(dir, 'participants'), { recursive: true });
    // A warning a library prints while loading would land in the user's terminal: a failure too.
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const loaded = await loadTable(dir);
      checkLoaded(loaded.table);
      await new Promise((resolve) => setImmediate(resolve));
      if (warnings.length > 0) return { kind: 'crashed', error: warnings[0] };
      return { kind: 'loaded' };
    } catch (error) {
      await new Promise((resolve) => setImmediate(resolve));
      if (warnings.length > 0) return { kind: 'crashed', error: warnings[0] };
      if (error instanceof InputError && error.exitCode === 2 && !/\n\s+at /.test(error.message)) {
        return { kind: 'refused' };
      }
      return { kind: 'crashed', error };
    } finally {
      process.off('warning', onWarning);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a loaded table must be: what the engine and a resume accept, names told apart. */
function checkLoaded(table: Awaited<ReturnType<typeof loadTable>>['table']): void {
  for (const participant of table.participants) participantSchema().parse(participant);
  taskSchema().parse(table.task);
  const seen = new Set<string>();
  for (const participant of table.participants) {
    for (const key of nameKeys(participant.name)) {
      if (seen.has(key)) throw new Error(`two names clash: ${participant.name}`);
    }
    for (const key of nameKeys(participant.name)) seen.add(key);
  }
}

/** A whole table folder: nearly right half the time, anything at all otherwise. */
export const tableFolder: fc.Arbitrary<TableFiles> = fc.oneof(plausibleTable, anyTable);
