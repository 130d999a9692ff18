import type { Command } from '../engine/commands.js';
import type { FoldInput } from '../transcript/fold.js';
import type { LiveWeb } from '../web/start.js';
import { notice } from './notice.js';
import type { WebFlags } from './web-flags.js';

export interface WebViewRequest {
  readonly flags: WebFlags;
  /** What comes before the engine's events: the run record, a resumed discussion's records. */
  readonly records: readonly FoldInput[];
}

/**
 * Starts the live web page of a discussion (`--web`) and says where it is. Fastify and the page
 * are loaded only when asked for.
 */
export async function startWebView(
  request: WebViewRequest,
  send: (command: Command) => void,
  turns: number,
): Promise<LiveWeb> {
  const { startLiveWeb } = await import('../web/start.js');
  const web = await startLiveWeb({ ...request.flags, send, turns });
  for (const record of request.records) web.publish(record);
  const what = request.flags.control
    ? 'with the controls (the token in it lets the page steer; keep it to yourself)'
    : 'read-only';
  notice(`Web view, ${what}: ${web.url}`);
  return web;
}
