// Keys must never reach a transcript. The run metadata is scrubbed structurally (credentials in
// URLs, secret-looking fields), and the exact secret values the CLI knows (the API keys it read
// from the environment) are replaced wherever they appear, in every line written.

/** `scheme://user:password@` – the authority's last '@' ends the userinfo. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;
/** Query parameters that carry keys (`?api_key=`, Google's `?key=`, signed URLs' `sig=`). */
const SECRET_QUERY =
  /([?&](?:api[-_]?key|key|token|access[-_]?token|auth|secret|password|sig|signature)=)[^&#\s]*/gi;
/** Field names whose values are secrets; `apiKeyEnv` (the variable's name) is not one. */
const SECRET_FIELD =
  /(api[-_]?key|secret|password|passwd|authorization|credential|bearer|auth[-_]?token|access[-_]?token|^token$)/i;
const NAMES_A_VARIABLE = /env$/i;

export const REDACTED = '[redacted]';

export function stripUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1').replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** A deep copy with URL credentials stripped from every string and secret-named fields redacted. */
export function sanitize<T>(value: T): T {
  return sanitizeValue(value, undefined) as T;
}

function sanitizeValue(value: unknown, key: string | undefined): unknown {
  if (key !== undefined && SECRET_FIELD.test(key) && !NAMES_A_VARIABLE.test(key)) {
    return value === undefined || value === null || value === '' ? value : REDACTED;
  }
  if (typeof value === 'string') return stripUrlCredentials(value);
  if (Array.isArray(value)) return value.map((item) => sanitizeValue(item, undefined));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, sanitizeValue(v, k)] as const),
    );
  }
  return value;
}

/** Short values are ignored: replacing a 3-letter "secret" would mangle ordinary words. */
export const MIN_SECRET_LENGTH = 6;

/** Replaces every known secret value, raw or JSON-escaped, by `[redacted]`. */
export function createScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) continue;
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const needle of ordered) result = result.replaceAll(needle, REDACTED);
    return result;
  };
}
