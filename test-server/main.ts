// Standalone entry of the dummy server (the benchmark spawns it; `roundtable dummy-server` is the
// user-facing command): npx tsx test-server/main.ts --port 8000 --workers 2
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogLevel } from './options.js';
import { startDummyServer } from './server.js';

const USAGE = `usage: tsx test-server/main.ts [--host 127.0.0.1] [--port 8000] [--seed N]
  [--tokens-per-second N] [--first-token-ms MS] [--context-words N] [--body-limit BYTES]
  [--workers N (default: one per core)] [--log-level silent|error|warn|info|debug]\n`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

function numberFlag(
  name: string,
  value: string | undefined,
  integer: boolean,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(parsed) ||
    parsed < min ||
    (integer && !Number.isInteger(parsed))
  ) {
    fail(`--${name}: expected ${integer ? 'an integer' : 'a number'} >= ${min}, got "${value}"`);
  }
  return parsed;
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8000' },
      seed: { type: 'string' },
      'tokens-per-second': { type: 'string' },
      'first-token-ms': { type: 'string' },
      'context-words': { type: 'string' },
      'body-limit': { type: 'string' },
      workers: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
}
try {
  parsed = parse();
} catch (error) {
  fail((error as Error).message);
}
const flags = parsed.values;
if (flags.help === true) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const logLevel = flags['log-level'] as LogLevel;
if (!LOG_LEVELS.includes(logLevel))
  fail(`--log-level: expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
const port = numberFlag('port', flags.port, true, 0) ?? 8000;
if (port > 65535) fail(`--port: expected at most 65535, got ${port}`);

const server = await startDummyServer({
  host: flags.host,
  port,
  seed: numberFlag('seed', flags.seed, true, Number.MIN_SAFE_INTEGER),
  tokensPerSecond: numberFlag('tokens-per-second', flags['tokens-per-second'], false, 0),
  firstTokenMs: numberFlag('first-token-ms', flags['first-token-ms'], false, 0),
  contextWords: numberFlag('context-words', flags['context-words'], true, 1),
  bodyLimit: numberFlag('body-limit', flags['body-limit'], true, 1),
  workers: numberFlag('workers', flags.workers, true, 1) ?? availableParallelism(),
  logLevel,
  logStream: process.stderr,
}).catch((error: Error) => fail(`dummy server: ${error.message}`));

process.stdout.write(`dummy server listening on ${server.url} (pid ${process.pid})\n`);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
