import { parseJson } from './json-errors.js';
import type { ReadRole } from './markdown-role.js';

export type { ReadRole } from './markdown-role.js';

/**
 * Turns a role file's text into the raw snake_case object that `validateRole` checks. One parser a
 * file extension: roleN.json holds the object itself; roleN.md is front matter, heading and prompt.
 */
export type RoleParser = (text: string, source: string) => ReadRole | Promise<ReadRole>;

const parseRoleJson: RoleParser = (text, source) => {
  const parsed = parseJson(text, source);
  return parsed.ok ? { raw: parsed.value, problems: [] } : { problems: [parsed.problem] };
};

export const ROLE_PARSERS: Readonly<Record<string, RoleParser>> = {
  json: parseRoleJson,
  // The YAML parser is loaded only for a table that has Markdown personas.
  md: async (text, source) => (await import('./markdown-role.js')).readRoleMarkdown(text, source),
};

export const ROLE_EXTENSIONS: readonly string[] = Object.keys(ROLE_PARSERS);
