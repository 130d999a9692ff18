import { appendFileSync, readFileSync } from 'node:fs';

/**
 * The list of transcript folders the library has indexed, one absolute path a line, appended
 * with one write each. It is what a damaged or deleted library is rebuilt from, so it is kept
 * apart from the database and in the plainest format there is. Only ever appended to (two
 * processes appending cannot lose each other's lines); folders that are gone are skipped.
 */
export class FolderList {
  #known: Set<string> | undefined;

  constructor(readonly path: string) {}

  /** Every folder listed, once each, in the order first listed. */
  read(): string[] {
    let text = '';
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const folders = new Set(text.split('\n').filter((line) => line.trim() !== ''));
    this.#known = folders;
    return [...folders];
  }

  add(dir: string): void {
    const known = this.#known ?? new Set(this.read());
    if (known.has(dir)) return;
    appendFileSync(this.path, `${dir}\n`);
    known.add(dir);
  }
}
