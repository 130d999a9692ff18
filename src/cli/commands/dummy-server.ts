import { availableParallelism } from 'node:os';
import type { LogLevel } from '../../../test-server/options.js';
import { startDummyServer } from '../../../test-server/server.js';
import { ExitCode, RoundtableError } from '../../errors.js';
import { numberFlag } from '../number-flag.js';
import { stopSignal } from '../stop-signal.js';

interface DummyServerFlags {
  host: string;
  port: string;
  seed?: string;
  tokensPerSecond: string;
  firstTokenMs: string;
  contextWords?: string;
  workers?: string;
  logLevel: LogLevel;
  ignoreEos?: boolean;
}

export async function dummyServerCommand(raw: Record<string, unknown>): Promise<number> {
  const flags = raw as unknown as DummyServerFlags;
  const options = {
    host: flags.host,
    port: numberFlag('--port', flags.port, { integer: true, min: 0, max: 65535 }),
    seed: numberFlag('--seed', flags.seed, { integer: true, min: 0, max: 0xffff_ffff }),
    tokensPerSecond: numberFlag('--tokens-per-second', flags.tokensPerSecond, { min: 0 }),
    firstTokenMs: numberFlag('--first-token-ms', flags.firstTokenMs, { min: 0 }),
    contextWords: numberFlag('--context-words', flags.contextWords, { integer: true, min: 1 }),
    workers:
      numberFlag('--workers', flags.workers, { integer: true, min: 1, max: 256 }) ??
      availableParallelism(),
    logLevel: flags.logLevel,
    ignoreEos: flags.ignoreEos === true,
    logStream: process.stderr,
    ownProcess: true,
  };
  const server = await startDummyServer(options).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RoundtableError(
      `dummy server could not start on ${flags.host}:${flags.port}: ${reason}`,
    );
  });
  process.stdout.write(
    `Markov dummy server listening on ${server.url} (${options.workers} worker${options.workers === 1 ? '' : 's'}); Ctrl-C stops it\n` +
      `  npx roundtable run --base-url ${server.url}\n`,
  );
  await stopSignal();
  await server.close();
  return ExitCode.ok;
}
