import type { DiscussionEvent } from '../engine/events.js';
import type { TextSink } from './plain.js';

/**
 * `--json`: every engine event, text deltas included, as one JSON object a line and nothing else,
 * so `jq` and scripts can read stdout. JSON.stringify escapes newlines inside strings, so an event
 * can never span two lines.
 */
export function createJsonRenderer(out: TextSink): (event: DiscussionEvent) => void {
  return (event) => {
    out.write(`${JSON.stringify(event)}\n`);
  };
}
