import type { DiscussionEvent } from '../engine/events.js';
import type { Participant, Table } from '../engine/table.js';
import { seatColors } from '../render/colors.js';
import type { TranscriptRecord } from '../transcript/events-file.js';
import type { FoldInput } from '../transcript/fold.js';
import { createHtmlFormatter } from '../transcript/html/formatter.js';

/** One message of the event stream: the record, and what it adds to the page. */
export interface HubEntry {
  /** Increases by one per record published; the SSE event id. */
  readonly id: number;
  readonly record: FoldInput;
  /** The page's fragment for this record, when it adds one. */
  readonly html?: string | undefined;
  /** Seat colours, on the record that seats the table. */
  readonly colors?: Readonly<Record<string, string>> | undefined;
}

/**
 * The live discussion for any number of viewers. Every record is kept with its page fragment
 * (a run's worth, like its transcript), except the text deltas of a turn that has ended: the
 * turn's end carries its whole text. A viewer is a cursor into this list, so one that falls behind
 * or goes away holds nothing: it reads on from its last id when it can, or when it reconnects.
 */
export class EventHub {
  readonly #entries: HubEntry[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #formatter = createHtmlFormatter();
  #lastId = 0;
  #closed = false;
  #table: Table | undefined;

  /** Records that came before (a resumed or recorded discussion), then the live ones. */
  publish(record: FoldInput): void {
    if (this.#closed) return;
    if (record.type === 'discussion-started') {
      this.#table = { participants: record.participants, task: record.task };
    }
    const html = this.#formatter.record(record);
    const entry: HubEntry = {
      id: ++this.#lastId,
      record,
      html: html === '' ? undefined : html,
      colors: record.type === 'discussion-started' ? colorsOf(record.participants) : undefined,
    };
    if (record.type === 'turn-ended') this.#dropDeltas(record.turn);
    else if (record.type === 'summary') this.#dropDeltas(undefined);
    this.#entries.push(entry);
    this.#notify();
  }

  /** No more records: viewers are told once they have read everything. */
  close(): void {
    this.#closed = true;
    this.#notify();
  }

  get closed(): boolean {
    return this.#closed;
  }

  get lastId(): number {
    return this.#lastId;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** The table, once the discussion has started. */
  get table(): Table | undefined {
    return this.#table;
  }

  get participants(): readonly Participant[] {
    return this.#formatter.participants;
  }

  get title(): string | undefined {
    return this.#formatter.title;
  }

  /** Entries after `id`, oldest first, at most `limit` of them. */
  after(id: number, limit = Number.POSITIVE_INFINITY): HubEntry[] {
    // Ids only grow, so a binary search finds the first entry past `id`.
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#entries[middle]?.id ?? 0) <= id) low = middle + 1;
      else high = middle;
    }
    return this.#entries.slice(low, Number.isFinite(limit) ? low + limit : undefined);
  }

  /** Called after each new record and at close; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get viewers(): number {
    return this.#listeners.size;
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** The deltas of a finished turn (of every open turn's summary: `undefined`). */
  #dropDeltas(turn: number | undefined): void {
    let write = 0;
    for (const entry of this.#entries) {
      const r = entry.record;
      const drop = r.type === 'text-delta' && (turn === undefined || r.turn === turn);
      if (!drop) this.#entries[write++] = entry;
    }
    this.#entries.length = write;
  }
}

function colorsOf(participants: readonly Participant[]): Record<string, string> {
  return Object.fromEntries([...seatColors(participants)].map(([seat, c]) => [String(seat), c]));
}

/** Records as the live stream carries them (events.jsonl's records, or bare engine events). */
export type HubRecord = TranscriptRecord | DiscussionEvent;
