import { parseJson } from './json-errors.js';
import type { Problem } from './problems.js';

export type ParsedRole =
  | { readonly ok: true; readonly raw: unknown }
  | { readonly ok: false; readonly problem: Problem };

/**
 * Turns a role file's text into the raw snake_case object that `validateRole` checks. One parser a
 * file extension; a new persona format (Markdown with front matter) is one more entry here.
 */
export type RoleParser = (text: string, source: string) => ParsedRole;

const parseRoleJson: RoleParser = (text, source) => {
  const parsed = parseJson(text, source);
  return parsed.ok ? { ok: true, raw: parsed.value } : parsed;
};

export const ROLE_PARSERS: Readonly<Record<string, RoleParser>> = {
  json: parseRoleJson,
};

export const ROLE_EXTENSIONS: readonly string[] = Object.keys(ROLE_PARSERS);
