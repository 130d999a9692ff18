import type { DiscussionEvent } from '../engine/events.js';
import type { TextSink } from './plain-writer.js';
import { terminalSafeJson } from './terminal-safe.js';

/**
 * `--json`: every engine event, text deltas included, as one JSON object a line and nothing else,
 * so `jq` and scripts can read stdout. Control characters inside strings are \u-escaped (newlines
 * too), so an event never spans two lines and a reply cannot steer a terminal showing the stream.
 */
export function createJsonRenderer(out: TextSink): (event: DiscussionEvent) => void {
  return (event) => {
    out.write(`${terminalSafeJson(event)}\n`);
  };
}
