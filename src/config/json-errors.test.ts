import { describe, expect, it } from 'vitest';
import { parseJson } from './json-errors.js';

function located(text: string) {
  const result = parseJson(text, 'f.json');
  if (result.ok) throw new Error('expected a failure');
  return result.problem;
}

// Inputs where V8 reports "(line X column Y)" itself: our locator must agree with it.
const v8Located = [
  '{ x',
  '{"a":1 "b":2}',
  '{"a":"b\nc"}',
  '[1,2',
  '{"a":1}}',
  '{"a":01}',
  '{"a":"\\q"}',
  '\n\n  {"a": 1,\n  "b" 2}',
  '{"a": "\\u12G4"}',
];

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, "x", null]}', 'f.json')).toEqual({
      ok: true,
      value: { a: [1, 'x', null] },
    });
  });

  it.each(v8Located)('agrees with V8 on where %j fails', (text) => {
    let v8: string | undefined;
    try {
      JSON.parse(text);
    } catch (error) {
      v8 = /\(line (\d+) column (\d+)\)/
        .exec((error as Error).message)
        ?.slice(1)
        .join(':');
    }
    expect(v8).toBeDefined();
    const ours = located(text).location;
    expect(ours).toBe(`:${v8}`);
  });

  it.each([
    ['', ':1:1', 'the file is empty'],
    ['  \n ', ':2:2', 'the file is empty'],
    ['{"a": 1', ':1:8', 'unexpected end of file; expected "," or "}"'],
    ['{"a": nul}', ':1:7', 'unexpected word nul'],
    ['{"a": tru}', ':1:7', 'unexpected word tru'],
    ['{"a": "x}', ':1:7', 'text is missing its closing double quote'],
    ['{"a": 1}\n{"b": 2}', ':2:1', 'unexpected text after the end of the JSON value'],
    ['{"a": [1, 2,]}', ':1:12', 'trailing comma before "]"'],
    // V8 points past a trailing comma to the bracket; the comma itself is the clearer spot.
    ['{"a":1,}', ':1:7', 'trailing comma before "}"'],
  ])('locates %j where V8 gives no position or a worse one', (text, location, reason) => {
    const problem = located(text);
    expect(problem.location).toBe(location);
    expect(problem.message).toContain(reason);
  });

  it('marks the column under the offending line', () => {
    const problem = located('{\n  "name": "Ada",\n  "prompt": x\n}');
    expect(problem.detail).toBe('      "prompt": x\n                ^');
  });

  it('keeps the caret visible on a very long line', () => {
    const problem = located(`{"prompt": "${'a'.repeat(300)}" oops}`);
    const [line, caret] = (problem.detail ?? '').split('\n');
    expect(line?.length).toBeLessThan(110);
    expect(line?.[caret?.indexOf('^') ?? -1]).toBe('o');
  });
});
