// Fuzzing the table loader, file by file: fast-check arbitraries for the text of each file a
// table folder holds (role JSON and Markdown, questions, context, config) and for role file
// names, from plausible to hostile: wrong types, huge and odd numbers, control characters,
// look-alike names, broken JSON and YAML, alias bombs, stray role numbers, invalid UTF-8.
import fc from 'fast-check';

/** Text with the characters that break things: controls, bidi, combining marks, look-alikes. */
export const nastyText = fc.oneof(
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

export const oddNumber = fc.oneof(
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
export const roleJson = fc.oneof(
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
export const roleMarkdown = fc
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
export const roleFileName = fc
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

export const textFile = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array([0xff, 0xfe, 0x41, 0x00])) },
);

export const questions = fc.oneof(
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

export const configFile = fc.oneof(
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
