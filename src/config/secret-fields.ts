/** A field name that looks like it holds a secret (`api_key`, `token`, `password`…). */
export function secretLike(key: string): boolean {
  return /api.?key|secret|password|^token$|access.?token|^auth/i.test(key);
}

/**
 * The message for a secret-looking field in any file of a table (config or role file): keys are
 * read only from the environment, never from a file that may be shared or committed.
 */
export function secretFieldHint(key: string): string | undefined {
  return secretLike(key)
    ? `"${key}" does not belong here: API keys are read only from the environment (OPENAI_API_KEY, or the variable an endpoint names in apiKeyEnv)`
    : undefined;
}
