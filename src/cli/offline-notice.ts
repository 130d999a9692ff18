// The first line a new user reads: `roundtable run` with nothing configured runs offline. On a
// terminal it is wrapped to the width like the run library's warnings (one long line broke
// mid-word at any width but 80: "on the b|uilt-in", "OPENAI_BAS|E_URL"); in a log it stays one
// line. warn-notice loads string-width, so it is imported only for a terminal (the live view
// loads it anyway; a piped run does not pay for it).
import { type NoticeStream, notice } from './notice.js';

export const OFFLINE_NOTICE =
  'no endpoint configured, running offline on the built-in Markov model (set --endpoint, --base-url, OPENAI_BASE_URL or OPENAI_API_KEY for a real one)';

export async function offlineNotice(stream: NoticeStream = process.stderr): Promise<void> {
  if (stream.isTTY !== true) {
    notice(`roundtable: ${OFFLINE_NOTICE}`, stream);
    return;
  }
  const { warnNotice } = await import('./warn-notice.js');
  warnNotice(OFFLINE_NOTICE, stream);
}
