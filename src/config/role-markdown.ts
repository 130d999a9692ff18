import { stringify } from 'yaml';
import { FRONT_MATTER_KEYS } from './front-matter.js';
import { parseHeading } from './persona-heading.js';
import type { RoleFields } from './role-schema.js';

/**
 * A role as a Markdown persona: front matter, `# <Role>: <Full name> (lang) [gender]`, prompt.
 * Reading the result back gives the same fields; a role whose heading could not say the same
 * (a full name with a colon and no role) is refused rather than written wrong.
 */
export function roleToMarkdown(fields: RoleFields): string {
  const front: Record<string, unknown> = {};
  for (const key of FRONT_MATTER_KEYS) {
    const value = fields[key];
    if (value !== undefined) front[key] = value;
  }
  const suffixes = [
    ...(fields.language === undefined ? [] : [`(${fields.language})`]),
    ...(fields.gender === undefined ? [] : [`[${fields.gender}]`]),
  ];
  const title = [
    fields.role === undefined ? fields.full_name : `${fields.role}: ${fields.full_name}`,
    ...suffixes,
  ].join(' ');
  const back = parseHeading(title);
  if (
    back.fullName !== fields.full_name ||
    back.role !== fields.role ||
    back.language !== fields.language ||
    back.gender !== fields.gender
  ) {
    throw new Error(`"${fields.full_name}" cannot be written as a Markdown heading unchanged`);
  }
  return `---\n${stringify(front)}---\n\n# ${title}\n\n${fields.prompt.trim()}\n`;
}
