import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { findTranscriptFolders } from '../library/find-folders.js';
import { EVENTS_FILE, parseEventsFile, type TranscriptRecord } from '../transcript/events-file.js';
import { foldTranscript } from '../transcript/fold.js';
import { EventHub } from './hub.js';

/** One past (or running) discussion in the folder `serve` shows. */
export interface RunListing {
  /** Its folder, relative to the served folder, with `/` between parts: the URL's name for it. */
  readonly id: string;
  readonly dir: string;
  readonly title: string;
  readonly startedAt: string | undefined;
  readonly seats: readonly string[];
  readonly turns: number;
  readonly plannedTurns: number | undefined;
  /** How it ended; undefined while it runs (or after a crash). */
  readonly endReason: string | undefined;
  readonly tokens: number;
}

interface Cached {
  readonly size: number;
  readonly mtimeMs: number;
  readonly listing: RunListing;
}

const POLL_MS = 300;

/**
 * The transcript folders under one folder, read on demand. Listings are cached per folder until
 * its events.jsonl changes. A discussion still being written can be followed: its records are
 * read as they are appended, into a hub that any number of viewers stream from.
 */
export class RunLibrary {
  readonly #root: string;
  readonly #cache = new Map<string, Cached>();
  readonly #tails = new Map<string, Tail>();

  constructor(root: string) {
    this.#root = root;
  }

  get root(): string {
    return this.#root;
  }

  /** Newest first. Folders whose events.jsonl cannot be read are left out. */
  async list(): Promise<RunListing[]> {
    const listings: RunListing[] = [];
    for (const dir of findTranscriptFolders(this.#root)) {
      const listing = await this.#listing(dir).catch(() => undefined);
      if (listing !== undefined) listings.push(listing);
    }
    return listings.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  }

  /** The folder of a listed run: only names the listing gives are found (no path tricks). */
  folderOf(id: string): string | undefined {
    return findTranscriptFolders(this.#root).find((dir) => this.#idOf(dir) === id);
  }

  async records(dir: string): Promise<readonly TranscriptRecord[]> {
    return parseEventsFile(await readFile(join(dir, EVENTS_FILE), 'utf8'), join(dir, EVENTS_FILE))
      .records;
  }

  /** The hub following this folder's events.jsonl (one per folder, shared by its viewers). */
  follow(dir: string): EventHub {
    let tail = this.#tails.get(dir);
    if (tail === undefined) {
      tail = new Tail(join(dir, EVENTS_FILE));
      this.#tails.set(dir, tail);
    }
    tail.poll();
    return tail.hub;
  }

  close(): void {
    for (const tail of this.#tails.values()) tail.stop();
    this.#tails.clear();
  }

  #idOf(dir: string): string {
    return relative(this.#root, dir).split(sep).join('/') || '.';
  }

  async #listing(dir: string): Promise<RunListing> {
    const path = join(dir, EVENTS_FILE);
    const { size, mtimeMs } = statSync(path);
    const cached = this.#cache.get(dir);
    if (cached !== undefined && cached.size === size && cached.mtimeMs === mtimeMs) {
      return cached.listing;
    }
    const folded = foldTranscript(await this.records(dir));
    const listing: RunListing = {
      id: this.#idOf(dir),
      dir,
      title: folded.title,
      startedAt: folded.startedAt,
      seats: folded.participants.map((p) => p.name),
      turns: folded.turns.length,
      plannedTurns: folded.settings?.turns,
      endReason: folded.end?.reason,
      tokens: folded.usage.promptTokens + folded.usage.completionTokens,
    };
    this.#cache.set(dir, { size, mtimeMs, listing });
    return listing;
  }
}

/** Reads an events.jsonl as it grows, whole lines only, while someone is watching. */
class Tail {
  readonly hub = new EventHub();
  readonly #path: string;
  #offset = 0;
  /** Bytes after the last newline: a record still being written (maybe mid-character). */
  #partial: Buffer = Buffer.alloc(0);
  #timer: NodeJS.Timeout | undefined;

  constructor(path: string) {
    this.#path = path;
    this.#read();
  }

  /** Keeps reading every few hundred milliseconds for as long as the hub has viewers. */
  poll(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      this.#read();
      if (this.hub.viewers === 0) this.stop();
    }, POLL_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #read(): void {
    let size: number;
    try {
      size = statSync(this.#path).size;
    } catch {
      return;
    }
    if (size <= this.#offset) return;
    const buffer = Buffer.alloc(size - this.#offset);
    const fd = openSync(this.#path, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.#offset);
    } finally {
      closeSync(fd);
    }
    this.#offset = size;
    const bytes = Buffer.concat([this.#partial, buffer]);
    const end = bytes.lastIndexOf(0x0a);
    this.#partial = bytes.subarray(end + 1);
    if (end < 0) return;
    let parsed: readonly TranscriptRecord[];
    try {
      parsed = parseEventsFile(bytes.subarray(0, end + 1).toString('utf8'), this.#path).records;
    } catch {
      // A damaged line: what came before it has been shown; nothing after it can be trusted.
      this.stop();
      return;
    }
    for (const record of parsed) this.hub.publish(record);
  }
}
