// The grid file of `roundtable batch`: which tables, seeds, settings, seat models and formats to
// cross. Read and checked here; every fault is reported at once, each naming its field.
import { validateConfigFile } from '../config/config-file.js';
import { ENDPOINT_NAME_PATTERN } from '../config/endpoint-presets.js';
import type { EndpointEntries } from '../config/endpoint-schema.js';
import { parseJson } from '../config/json-errors.js';
import { type Problem, problemsError, showValue } from '../config/problems.js';
import { readText } from '../config/read-text.js';
import { unknownKeyMessage } from '../config/suggest.js';
import type { PriceTable } from '../cost/price.js';
import { InputError } from '../errors.js';

/** What a grid may change about one seat, by the seat's name. */
export interface SeatOverride {
  readonly endpoint?: string | undefined;
  readonly model?: string | undefined;
  readonly creativity?: number | undefined;
  readonly max_tokens?: number | undefined;
}

export interface Grid {
  /** The grid file as the user named it. */
  readonly path: string;
  /** As written in the file (relative ones are relative to the grid file's folder). */
  readonly tables: readonly string[];
  readonly seeds?: readonly number[] | undefined;
  readonly settings?: readonly Readonly<Record<string, unknown>>[] | undefined;
  readonly seats?: readonly Readonly<Record<string, SeatOverride>>[] | undefined;
  readonly formats?: readonly string[] | undefined;
  /** Endpoints for every run, over each table's own (set rate limits once, here). */
  readonly endpoints?: EndpointEntries | undefined;
  readonly prices?: PriceTable | undefined;
}

const KEYS = ['$schema', 'tables', 'seeds', 'settings', 'seats', 'formats', 'endpoints', 'prices'];
const SEAT_KEYS = ['endpoint', 'model', 'creativity', 'max_tokens'];

const EXAMPLE =
  '{ "tables": ["tables/larkhaven"], "seeds": [1, 2, 3], "settings": [{ "turns": 8 }], "seats": [{ "Margit": { "endpoint": "ollama", "model": "qwen3" } }], "formats": ["roundtable"] }';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks a grid file; an InputError lists every fault, each with its field. */
export async function loadGrid(path: string): Promise<Grid> {
  const read = await readText(path, path);
  if (read.status === 'missing') {
    throw new InputError(
      `${path}: grid file not found (expected a JSON file such as ${EXAMPLE})`,
      path,
    );
  }
  if (read.status === 'bad') throw problemsError([read.problem], path);
  const json = parseJson(read.text, path);
  if (!json.ok) throw problemsError([json.problem], path);
  return validateGrid(json.value, path);
}

/** Checks a parsed grid; `path` names it in messages. */
export function validateGrid(raw: unknown, path: string): Grid {
  const messages: string[] = [];
  if (!isRecord(raw)) {
    throw new InputError(
      `${path}: expected a JSON object such as ${EXAMPLE}, got ${showValue(raw)}`,
      path,
    );
  }
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) messages.push(unknownKeyMessage(key, KEYS.slice(1), 'grid key'));
  }
  const list = (key: string, item: (value: unknown, at: string) => boolean, what: string) => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length === 0) {
      const got = Array.isArray(value) ? 'an empty list' : showValue(value);
      messages.push(`${key}: expected a non-empty list of ${what}, got ${got}`);
      return undefined;
    }
    let ok = true;
    value.forEach((v, i) => {
      if (!item(v, `${key}[${i}]`)) ok = false;
    });
    return ok ? value : undefined;
  };

  if (raw.tables === undefined)
    messages.push(`tables: missing; expected a list of table folders, e.g. ${EXAMPLE}`);
  const tables = list(
    'tables',
    (v, at) => {
      if (typeof v === 'string' && v.trim() !== '') return true;
      messages.push(`${at}: expected a table folder (text), got ${showValue(v)}`);
      return false;
    },
    'table folders',
  );
  const seeds = list(
    'seeds',
    (v, at) => {
      if (Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32) return true;
      messages.push(`${at}: expected a whole number from 0 to 4294967295, got ${showValue(v)}`);
      return false;
    },
    'seeds',
  );
  const settings = list(
    'settings',
    (v, at) => {
      if (!isRecord(v)) {
        messages.push(
          `${at}: expected an object of settings such as { "turns": 8 }, got ${showValue(v)}`,
        );
        return false;
      }
      const misplaced = ['endpoints', 'prices'].filter((k) => k in v);
      for (const key of misplaced) {
        messages.push(
          `${at}: "${key}" goes at the top of the grid file, not inside a settings entry`,
        );
      }
      const checked = validateConfigFile(
        Object.fromEntries(Object.entries(v).filter(([k]) => !misplaced.includes(k))),
        at,
      );
      if (!checked.ok) for (const p of checked.problems) messages.push(`${at}: ${p.message}`);
      return checked.ok && misplaced.length === 0;
    },
    'settings objects',
  );
  const seats = list('seats', (v, at) => seatsEntry(v, at, messages), 'seat assignments');
  const formats = list(
    'formats',
    (v, at) => {
      if (typeof v === 'string' && v.trim() !== '') return true;
      messages.push(`${at}: expected a format name (text), got ${showValue(v)}`);
      return false;
    },
    'format names',
  );

  let endpoints: EndpointEntries | undefined;
  let prices: PriceTable | undefined;
  if (raw.endpoints !== undefined || raw.prices !== undefined) {
    const checked = validateConfigFile({ endpoints: raw.endpoints, prices: raw.prices }, path);
    if (checked.ok) {
      endpoints = checked.config.endpoints;
      prices = checked.config.prices;
    } else messages.push(...checked.problems.map((p) => p.message));
  }

  if (messages.length > 0) {
    const problems: Problem[] = messages.map((message) => ({ source: path, file: path, message }));
    throw problemsError(problems, path);
  }
  return {
    path,
    tables: tables as string[],
    seeds: seeds as number[] | undefined,
    settings: settings as Record<string, unknown>[] | undefined,
    seats: seats as Record<string, SeatOverride>[] | undefined,
    formats: formats as string[] | undefined,
    endpoints,
    prices,
  };
}

function seatsEntry(value: unknown, at: string, messages: string[]): boolean {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    messages.push(
      `${at}: expected an object of seat names, e.g. { "Margit": { "endpoint": "ollama", "model": "qwen3" } }, got ${showValue(value)}`,
    );
    return false;
  }
  let ok = true;
  for (const [name, override] of Object.entries(value)) {
    const where = `${at}.${name}`;
    if (!isRecord(override)) {
      messages.push(
        `${where}: expected an object such as { "model": "qwen3" }, got ${showValue(override)}`,
      );
      ok = false;
      continue;
    }
    for (const [key, v] of Object.entries(override)) {
      const fail = (expected: string) => {
        messages.push(`${where}.${key}: expected ${expected}, got ${showValue(v)}`);
        ok = false;
      };
      switch (key) {
        case 'endpoint':
          if (typeof v !== 'string' || !ENDPOINT_NAME_PATTERN.test(v))
            fail('an endpoint name, e.g. "ollama"');
          break;
        case 'model':
          if (typeof v !== 'string' || v.trim() === '') fail('a model name, e.g. "qwen3"');
          break;
        case 'creativity':
          if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail('a number from 0 to 1');
          break;
        case 'max_tokens':
          if (!Number.isInteger(v) || (v as number) < 1) fail('a whole number ≥ 1');
          break;
        default:
          messages.push(`${where}: ${unknownKeyMessage(key, SEAT_KEYS)}`);
          ok = false;
      }
    }
  }
  return ok;
}
