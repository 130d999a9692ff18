import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { findTranscriptFolders } from '../../library/find-folders.js';
import { Library } from '../../library/library.js';
import { notice } from '../notice.js';
import { warnNotice } from '../warn-notice.js';

/**
 * `roundtable reindex [folders…]`: indexes the transcript folders at or under each folder given;
 * without folders, rebuilds the whole library from every transcript folder it has seen.
 */
export async function reindexCommand(folders: readonly string[]): Promise<number> {
  for (const folder of folders) {
    if (!existsSync(folder)) {
      throw new InputError(`${folder}: no such folder (give folders that hold transcript folders)`);
    }
  }
  const library = Library.open({ warn: warnNotice });
  try {
    const { indexed, skipped } =
      folders.length === 0
        ? library.rebuild(library.folders.read())
        : library.indexFolders(folders.flatMap((f) => findTranscriptFolders(resolve(f))));
    for (const { dir, reason } of skipped) {
      notice(`roundtable: skipped ${dir}: ${reason}`);
    }
    const where = folders.length === 0 ? 'every transcript folder it has seen' : folders.join(', ');
    const runs = `${indexed.length} run${indexed.length === 1 ? '' : 's'}`;
    const note = skipped.length > 0 ? ` (${skipped.length} skipped)` : '';
    process.stdout.write(`Indexed ${runs} from ${where} into ${library.paths.db}${note}\n`);
    return skipped.length > 0 ? 1 : 0;
  } finally {
    library.close();
  }
}
