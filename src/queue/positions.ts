// How far the batch's machine has written each run's Redis stream into its transcript: one small
// file per run, so that a coordinator started again reads on from there. It is rewritten after
// every event, so it is overwritten in place (one write of a fixed width at offset 0, which a
// killed process cannot leave half done) rather than replaced through a temporary file and a
// rename, whose directory updates cost more than the event itself.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const WIDTH = 48;
const STREAM_ID = /^\d+-\d+$/;

export class Positions {
  readonly #dir: string;
  readonly #files = new Map<string, number>();

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** The last stream id written for the run, or undefined when this folder never read it. */
  read(key: string): string | undefined {
    try {
      const id = readFileSync(this.#path(key), 'utf8').trim();
      return STREAM_ID.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }

  write(key: string, id: string): void {
    let fd = this.#files.get(key);
    if (fd === undefined) {
      const path = this.#path(key);
      fd = openSync(path, existsSync(path) ? 'r+' : 'w');
      this.#files.set(key, fd);
    }
    const text = Buffer.from(id.padEnd(WIDTH));
    writeSync(fd, text, 0, text.length, 0);
  }

  close(): void {
    for (const fd of this.#files.values()) closeSync(fd);
    this.#files.clear();
  }

  #path(key: string): string {
    return join(this.#dir, `${key}.position`);
  }
}
