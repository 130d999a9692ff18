import type { FoldedTranscript } from './fold.js';

export const JSON_FILE = 'transcript.json';

/** transcript.json: the discussion as it stands, one JSON document, for scripts. */
export function transcriptDocument(folded: FoldedTranscript): Record<string, unknown> {
  const { seatUsage, runs, ...rest } = folded;
  return {
    format: 'roundtable-transcript',
    formatVersion: 1,
    ...rest,
    runs: runs.map(({ type: _type, ...run }) => run),
    seatUsage: [...seatUsage].map(([seat, usage]) => ({ seat, ...usage })),
  };
}
