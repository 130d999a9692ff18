// Everything this folder shows a human passes through here, so a key can reach neither a
// message nor a log even when a server or a library echoes it back.

const REDACTED = '[redacted]';
// Keys shorter than this are placeholders for local servers ('none', 'sk'), not secrets, and
// replacing them would mangle ordinary words in messages.
const MIN_SECRET_LENGTH = 4;
// Authorization values and OpenAI-style keys (including the masked form OpenAI echoes in a 401,
// "sk-proj-****abcd") are hidden even when they are not the configured key.
const BEARER = /\bBearer\s+[^\s"',;]+/gi;
const KEY_LIKE = /\bsk-[A-Za-z0-9_*.-]{6,}/g;

export function redactSecrets(text: string, apiKey: string): string {
  let out = text;
  if (apiKey.length >= MIN_SECRET_LENGTH) {
    for (const form of new Set([apiKey, encodeURIComponent(apiKey)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out.replace(BEARER, `Bearer ${REDACTED}`).replace(KEY_LIKE, REDACTED);
}

/**
 * The base URL as it may be shown: scheme, host, port and path only. User info and the query
 * string are dropped because people put keys there (`?api-key=…`, `https://key@host`).
 */
export function displayUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return '(invalid base URL)';
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
