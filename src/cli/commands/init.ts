import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../../config/config-file.js';
import { parseJson } from '../../config/json-errors.js';
import { newTableConfigText } from '../../config/new-table-config.js';
import { roleToMarkdown } from '../../config/role-markdown.js';
import { validateRole } from '../../config/role-schema.js';
import { ExitCode, InputError } from '../../errors.js';
import { PACKAGE_ROOT } from '../../package-info.js';

const TABLE_FOLDERS = ['participants', 'task'] as const;

export interface InitOptions {
  force?: boolean;
  /** Write the personas as participants/roleN.md instead of roleN.json. */
  markdown?: boolean;
}

interface Step {
  readonly from: string;
  readonly to: string;
  /** The example's roleN.json, written as roleN.md. */
  readonly toMarkdown: boolean;
}

/**
 * Copies the package's own example table, so `init` and the demo never drift apart. With
 * `markdown`, the JSON personas are converted as they are written: one source of truth.
 */
export async function initCommand(
  dir: string,
  options: InitOptions,
  stdout: { write(text: string): unknown } = process.stdout,
  root: string = PACKAGE_ROOT,
): Promise<number> {
  const plan: Step[] = [];
  for (const folder of TABLE_FOLDERS) {
    for (const file of (await readdir(join(root, folder))).sort()) {
      const toMarkdown =
        options.markdown === true && folder === 'participants' && /^role\d+\.json$/.test(file);
      const target = toMarkdown ? file.replace(/\.json$/, '.md') : file;
      plan.push({ from: join(root, folder, file), to: join(dir, folder, target), toMarkdown });
    }
  }
  const configPath = join(dir, CONFIG_FILE);
  if (options.force !== true) {
    const existing: string[] = [];
    for (const { to } of plan) {
      if (await exists(to)) existing.push(to);
    }
    if (await exists(configPath)) existing.push(configPath);
    if (existing.length > 0) {
      // The folder and what of the table is already in it ("participants/, task/"), not every
      // file's full path on one line.
      const entries = [
        ...new Set(
          existing.map((path) => {
            const [top = path, ...rest] = relative(dir, path).split(sep);
            return rest.length > 0 ? `${top}/` : top;
          }),
        ),
      ];
      throw new InputError(
        `${dir} already holds ${entries.join(', ')}; nothing was written (use --force to overwrite)`,
        existing[0],
      );
    }
  }
  const contents = await Promise.all(plan.map((step) => markdownOf(step)));
  for (const folder of TABLE_FOLDERS) await mkdir(join(dir, folder), { recursive: true });
  for (const [i, step] of plan.entries()) {
    const markdown = contents[i];
    if (markdown === undefined) await copyFile(step.from, step.to);
    else await writeFile(step.to, markdown);
  }
  await writeFile(configPath, newTableConfigText());
  const shown = shownPath(dir);
  const command = shellWord(shown);
  stdout.write(
    `Wrote an example table to ${shown}:\n${[...plan.map(({ to }) => to), configPath].map((to) => `  ${shownPath(to)}`).join('\n')}\n\n` +
      `Edit the personas in participants/ and the agenda in task/, then:\n` +
      `  npx roundtable validate ${command}\n  npx roundtable run ${command}\n`,
  );
  return ExitCode.ok;
}

/** A path under the working folder is shown relative to it; one outside it as given in full, never as `../../..`. */
function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  if (inside === '') return '.';
  return inside.startsWith('..') || isAbsolute(inside) ? resolve(path) : inside;
}

/** Quoted only when a shell would split or expand it, so the printed commands can be pasted. */
function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

async function markdownOf(step: Step): Promise<string | undefined> {
  if (!step.toMarkdown) return undefined;
  const parsed = parseJson(await readFile(step.from, 'utf8'), step.from);
  const role = parsed.ok ? validateRole(parsed.value) : undefined;
  // The example ships with the package and is tested; a broken one is a bug, not user input.
  if (role?.ok !== true) throw new Error(`the example persona ${step.from} is not valid`);
  return roleToMarkdown(role.fields);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
