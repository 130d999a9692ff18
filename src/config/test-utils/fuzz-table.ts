// Fuzzing the table loader: fast-check arbitraries for whole table folders, from plausible to
// hostile (wrong types, huge and odd numbers, control characters, look-alike names, broken
// JSON and YAML, alias bombs, stray role numbers, invalid UTF-8), and the one property every
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

export type TableFiles = Readonly<Record<string, string | Uint8Array>>;

/** Text with the characters that break things: controls, bidi, combining marks, look-alikes. */
const nastyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u001b]0;title\u0007',
    '\u001b[2J',
    '\u009b31m',
    '\u202egnp.exe',
    'Zoe\u0301',
    'Zo\u00e9',
    '\u0410d\u0430',
    'Ada',
    'ada',
    'Dr. Ada Lovelace',
    'अनु',
    'a'.repeat(40),
    '# heading',
    '---',
    'line one\nline two',
    'tab\there',
    '"quoted"',
    '1e999',
  ),
);

const oddNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, 1, 0.5, -1, 1.5, 1e308, -0, 2 ** 53, Number.MAX_SAFE_INTEGER),
);

/** Any JSON value, small. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

const roleObject = fc.record(
  {
    name: fc.oneof(nastyText, anyJson),
    full_name: fc.oneof(nastyText, anyJson),
    creativity: fc.oneof(oddNumber, anyJson),
    prompt: fc.oneof(nastyText, anyJson),
    color: fc.oneof(fc.constantFrom('red', '#ff0000', 'cyan', 'nope', '#12'), anyJson),
    model: fc.oneof(nastyText, anyJson),
    max_tokens: fc.oneof(oddNumber, anyJson),
    endpoint: fc.oneof(fc.constantFrom('ollama', 'markov', 'nowhere'), nastyText),
    human: fc.oneof(fc.boolean(), anyJson),
    side: fc.oneof(fc.constantFrom('for', 'against', 'judge'), nastyText),
    api_key: fc.constant('sk-live-0123456789abcdef'),
    unknown_field: anyJson,
  },
  { requiredKeys: [] },
);

/** A role file's text: JSON of a (mostly wrong) role, or bytes that are barely JSON at all. */
const roleJson = fc.oneof(
  { weight: 5, arbitrary: roleObject.map((role) => JSON.stringify(role)) },
  { weight: 1, arbitrary: roleObject.map((role) => JSON.stringify(role).replace('0.5', '1e999')) },
  { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: roleObject.map((role) => JSON.stringify(role).slice(0, -3)) },
);

const yamlLine = fc.oneof(
  fc.constantFrom(
    'name: Ada',
    'creativity: 0.3',
    'creativity: 1e999',
    'color: #ff0000',
    'color: "#ff0000"',
    'endpoint: ollama',
    'max_tokens: -1',
    'human: yes',
    'api_key: sk-123',
    'prompt: nope',
    'a: &a [1, 2, 3]',
    'b: [*a, *a, *a]',
    'name: *a',
    'name:',
    '  - list',
    'key: value: other',
    '? complex',
    '? [a, b]: c',
    '{ tA }: x',
    '"unterminated',
  ),
  fc.string().map((s) => `${s}: ${s}`),
);

const heading = fc.oneof(
  fc.constantFrom(
    '# Town treasurer: Margit Aalto',
    '# Poet: Eino Leino (fi) [male]',
    '# : Nobody',
    '# Role:',
    '## Too deep: Ada',
    '#NoSpace',
    '# Dr. Ada Lovelace',
    '# ####',
    '# C#',
  ),
  fc
    .tuple(fc.string(), fc.nat(2000), fc.constantFrom('', 'x', '(', '(en)', '[f]', '#', ')'))
    .map(([text, spaces, tail]) => `# ${text}${' '.repeat(spaces)}${tail}`),
);

/** A Markdown persona: optional front matter (often broken), a heading, a prompt. */
const roleMarkdown = fc
  .tuple(
    fc.option(fc.array(yamlLine, { maxLength: 6 }), { nil: undefined }),
    fc.boolean(),
    heading,
    fc.oneof(nastyText, fc.constant('You are someone.')),
  )
  .map(([front, closed, title, prompt]) => {
    const matter = front === undefined ? '' : `---\n${front.join('\n')}\n${closed ? '---\n' : ''}`;
    return `${matter}\n${title}\n\n${prompt}\n`;
  });

/** Participants' file names: mostly roleN.json/.md with small N, sometimes odd ones. */
const roleFileName = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('json', 'md')),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constantFrom(0, 7, 999, 1000, 99_999_999, 1e20),
        fc.constantFrom('json', 'md', 'txt', 'JSON'),
      ),
    },
  )
  .map(([n, ext]) => (n === 1e20 ? `role99999999999999999999.${ext}` : `role${n}.${ext}`));

const textFile = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array([0xff, 0xfe, 0x41, 0x00])) },
);

const questions = fc.oneof(
  fc
    .array(
      fc.oneof(
        nastyText,
        fc.constantFrom('Why?', 'Which? | a | b', 'Q | a', '# comment', 'Q | | b'),
      ),
      {
        maxLength: 5,
      },
    )
    .map((lines) => lines.join('\n')),
  textFile,
);

const configFile = fc.oneof(
  fc
    .record(
      {
        turns: fc.oneof(oddNumber, anyJson),
        seed: fc.oneof(oddNumber, anyJson),
        timeout: fc.oneof(oddNumber, anyJson),
        maxFileBytes: fc.oneof(oddNumber, fc.constant(10)),
        contextTokens: fc.oneof(oddNumber, fc.constant(10)),
        endpoint: fc.oneof(fc.constantFrom('ollama', 'local', 'nope'), nastyText),
        endpoints: fc.oneof(anyJson, fc.constant({ local: { baseUrl: 'http://127.0.0.1:9/v1' } })),
        format: fc.oneof(fc.constantFrom('debate', 'council', 'rounds'), nastyText),
        phases: anyJson,
        apiKey: fc.constant('sk-live-abcdef012345'),
      },
      { requiredKeys: [] },
    )
    .map((config) => JSON.stringify(config)),
  anyJson.map((value) => JSON.stringify(value)),
  fc.string(),
);

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
  for (const participant of table.participants) participantSchema.parse(participant);
  taskSchema.parse(table.task);
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
