// What a shared page says of the table a run was started from: its folder's name (relative to
// where the run started, when it was inside), never the absolute path, which names the machine's
// directories to whoever reads the page. The events file keeps the absolute path: resume needs it.
import { basename, isAbsolute, relative, resolve } from 'node:path';

/** The table as a reader is shown it: the name the run recorded, else its folder's name. */
export function shownTable(record: {
  readonly tableDir: string;
  readonly tableName?: string | undefined;
}): string {
  return record.tableName ?? folderName(record.tableDir);
}

/** A folder's last name ("/work/tables/larkhaven/" → "larkhaven"); the root stays as it is. */
export function folderName(dir: string): string {
  return basename(dir.replace(/[\\/]+$/, '')) || dir;
}

/**
 * The name a run records for its table: relative to `cwd` when the table is inside it
 * ("tables/larkhaven"), else the folder's name; "." (started in the table) is the folder's name.
 */
export function tableNameOf(tableDir: string, cwd: string = process.cwd()): string {
  const absolute = resolve(tableDir);
  const inside = relative(resolve(cwd), absolute);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return folderName(absolute);
  return inside.split('\\').join('/');
}
