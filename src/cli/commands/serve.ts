import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { notice } from '../notice.js';
import { numberFlag } from '../number-flag.js';
import { stopSignal } from '../stop-signal.js';

/**
 * `roundtable serve [dir]`: the discussions in a transcripts folder as web pages, until Ctrl-C.
 * Fastify is loaded here, not before: `roundtable --help` does not pay for it.
 */
export async function serveCommand(dir: string, raw: Record<string, unknown>): Promise<number> {
  const port = numberFlag('--port', raw.port, { integer: true, min: 0, max: 65535 }) ?? 0;
  const host = String(raw.host ?? '127.0.0.1').trim() || '127.0.0.1';
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => undefined,
  );
  if (isDir !== true) {
    throw new InputError(
      `${dir}: ${isDir === undefined ? 'folder not found' : 'is a file'} (expected a folder of transcripts, such as the transcripts/ that roundtable run writes)`,
      dir,
    );
  }
  const { startLibraryWeb } = await import('../../web/start.js');
  const server = await startLibraryWeb(resolve(dir), { host, port });
  notice(`Serving the discussions in ${resolve(dir)} at ${server.url} (Ctrl-C stops)`);
  await stopSignal();
  await server.close();
  return 0;
}
