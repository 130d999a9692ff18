// The JSON in a model's reply, wherever it put it: a structured answer read back.

/** The JSON object in a reply: fenced, surrounded by prose, or bare. */
export function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const candidates = [fenced, text].filter((c): c is string => c !== undefined);
  for (const candidate of candidates) {
    const trimmed = candidate.trim();
    const start = trimmed.search(/[[{]/);
    if (start < 0) continue;
    const close = trimmed[start] === '{' ? '}' : ']';
    const end = trimmed.lastIndexOf(close);
    if (end <= start) continue;
    try {
      return JSON.parse(trimmed.slice(start, end + 1));
    } catch {
      // The next candidate, or nothing.
    }
  }
  return undefined;
}
