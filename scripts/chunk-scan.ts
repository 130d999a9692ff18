// A scan of a minified chunk esbuild wrote, enough for scripts/chunk-rewrites.ts and
// scripts/eager-functions.ts without a JavaScript parser (the build has only esbuild, which
// gives no syntax tree): where its regular expression literals are, which names it uses where,
// and where its top-level function declarations start and end. Strings, template text and
// patterns are skipped, so nothing in them is taken for code.

/** Where a regular expression literal may start: after these, `/` is not a division. */
const BEFORE_REGEXP = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const KEYWORDS_BEFORE_REGEXP =
  /(?:^|[^\w$])(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

/** A function declaration at the chunk's top level: `[start, end)`, from `function` or `async`. */
export interface TopLevelFunction {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface ChunkScan {
  /** [start, end) of each regular expression literal, with its slashes and flags. */
  readonly regExps: [number, number][];
  /** Each name the code reads or binds, with where: not a property after `.`, nor `#private`. */
  readonly names: { readonly name: string; readonly at: number }[];
  readonly functions: TopLevelFunction[];
}

export function scanChunk(code: string): ChunkScan {
  const regExps: [number, number][] = [];
  const names: { name: string; at: number }[] = [];
  const functions: TopLevelFunction[] = [];
  // Brace depths at which a template literal's `${…}` returns to its template.
  const templates: number[] = [];
  let depth = 0; // braces
  let nesting = 0; // braces, brackets and parentheses
  let last = ''; // the last significant character of code
  // A declaration being read: its start, name, and whether its body has opened.
  let open: { name: string; start: number; body: boolean } | undefined;
  let i = 0;
  while (i < code.length) {
    const c = code[i] as string;
    if (c === '"' || c === "'") {
      i = skipString(code, i, c);
      last = c;
    } else if (c === '`') {
      i = skipTemplate(code, i + 1, templates, depth);
      last = '`';
    } else if (c === '}' && templates.at(-1) === depth) {
      templates.pop();
      i = skipTemplate(code, i + 1, templates, depth);
      last = '`';
    } else if (c === '/') {
      const before = code.slice(Math.max(0, i - 12), i);
      if (last === '' || BEFORE_REGEXP.has(last) || KEYWORDS_BEFORE_REGEXP.test(before)) {
        const end = skipRegExp(code, i);
        regExps.push([i, end]);
        i = end;
        last = 'a';
      } else {
        i += 1;
        last = '/';
      }
    } else if (/[A-Za-z_$#]/.test(c) || (c === '\\' && code[i + 1] === 'u')) {
      const start = i;
      i += 1;
      while (i < code.length && /[\w$\\]/.test(code[i] as string)) i += code[i] === '\\' ? 2 : 1;
      const name = code.slice(start, i);
      const property = last === '.' && code.slice(start - 3, start) !== '...';
      if (!property && c !== '#') names.push({ name, at: start });
      if (name === 'function' && nesting === 0 && open === undefined) {
        const async = /(?:^|[;}\s])async\s*$/.exec(code.slice(Math.max(0, start - 7), start));
        const from = async ? start - async[0].replace(/^[;}\s]/, '').length : start;
        const before = code.slice(0, from).trimEnd().at(-1) ?? '';
        const header = /^\s*\*?\s*([\w$]+)\s*\(/.exec(code.slice(i));
        if ((before === '' || before === ';' || before === '}') && header) {
          open = { name: header[1] as string, start: from, body: false };
        }
      }
      last = code[i - 1] as string;
    } else if (/[0-9]/.test(c)) {
      while (i < code.length && /[\w.]/.test(code[i] as string)) i += 1;
      last = '0';
    } else {
      if (c === '{') depth += 1;
      else if (c === '}') depth -= 1;
      if (c === '{' || c === '(' || c === '[') {
        if (c === '{' && nesting === 0 && open !== undefined) open.body = true;
        nesting += 1;
      } else if (c === '}' || c === ')' || c === ']') {
        nesting -= 1;
        if (c === '}' && nesting === 0 && open?.body) {
          functions.push({ name: open.name, start: open.start, end: i + 1 });
          open = undefined;
        }
      }
      if (!/\s/.test(c)) last = c;
      i += 1;
    }
  }
  return { regExps, names, functions };
}

function skipString(code: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < code.length && code[i] !== quote) i += code[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** From inside a template's text to after its closing backtick, or into a `${`. */
function skipTemplate(code: string, from: number, templates: number[], depth: number): number {
  let i = from;
  while (i < code.length) {
    if (code[i] === '\\') i += 2;
    else if (code[i] === '`') return i + 1;
    else if (code[i] === '$' && code[i + 1] === '{') {
      templates.push(depth);
      return i + 2;
    } else i += 1;
  }
  return i;
}

function skipRegExp(code: string, from: number): number {
  let i = from + 1;
  let inClass = false;
  while (i < code.length && code[i] !== '\n') {
    const c = code[i];
    if (c === '\\') i += 2;
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      i += 1;
    }
  }
  i += 1;
  while (i < code.length && /[a-z]/.test(code[i] as string)) i += 1;
  return i;
}
