// A seat's memory: before a discussion, a seat with `memory: true` is given a short note of its
// own positions and the table's outcomes in earlier runs on related questions, found with the
// library's full-text index. The engine only hears the note (and announces it as an event).
import { sep } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { MemorySource, SeatMemory } from '../engine/events.js';
import type { Table } from '../engine/table.js';
import { tokenize } from './search-query.js';

export interface RecallOptions {
  /** Only runs that started before this (a batch does not remember its own runs). */
  readonly before: Date;
  /** Runs whose folders are under this one are not remembered (a batch's own runs). */
  readonly excludeUnder?: string | undefined;
  /** Earlier runs drawn on, per seat. */
  readonly maxRuns?: number | undefined;
  /** Words quoted from each run (its position, its outcome). */
  readonly quoteWords?: number | undefined;
}

// Words too common to say two questions are related.
const STOPWORDS = new Set(
  'about after again also because been before being between both could does doing each from have having into just like make more most much must only other over same should some such than that their them then there these they this those through under very what when where which while will with would your'.split(
    ' ',
  ),
);

/** The seats that asked for memory, each with its note; seats with no related past have none. */
export function recallMemories(
  db: DatabaseSync,
  table: Table,
  options: RecallOptions,
): SeatMemory[] {
  const seats = table.participants.filter((p) => p.memory === true && p.human !== true);
  if (seats.length === 0) return [];
  const words = [
    ...new Set(
      table.task.questions.flatMap(tokenize).filter((w) => w.length >= 4 && !STOPWORDS.has(w)),
    ),
  ].slice(0, 24);
  if (words.length === 0) return [];
  const fts = words.map((w) => `"${w}"`).join(' OR ');
  const related = db.prepare(
    // bm25() cannot sit in an aggregate: a run with several matching questions comes once per
    // question, best first, and is kept once below.
    `SELECT r.id, r.title, r.started_at, r.outcome
     FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid JOIN runs r ON r.id = p.run_id
     WHERE passages_fts MATCH :fts AND p.kind = 'question' AND r.started_at < :before
       AND r.status IN ('completed', 'stopped') AND substr(r.dir, 1, length(:under)) <> :under
       AND EXISTS (SELECT 1 FROM seats s WHERE s.run_id = r.id AND s.name = :name)
     ORDER BY bm25(passages_fts), r.started_at DESC LIMIT :limit`,
  );
  const lastTurn = db.prepare(
    `SELECT text FROM passages WHERE run_id = :run AND kind = 'turn' AND speaker = :name
       AND status = 'complete' ORDER BY turn DESC LIMIT 1`,
  );
  const summary = db.prepare(
    `SELECT text FROM passages WHERE run_id = :run AND kind = 'summary' ORDER BY turn DESC LIMIT 1`,
  );
  const quoteWords = options.quoteWords ?? 45;
  const memories: SeatMemory[] = [];
  for (const seat of seats) {
    const maxRuns = options.maxRuns ?? 3;
    const matches = related.all({
      fts,
      before: options.before.toISOString(),
      name: seat.name,
      // No folder starts with a NUL: nothing is excluded.
      under: options.excludeUnder === undefined ? '\u0000' : `${options.excludeUnder}${sep}`,
      limit: maxRuns * 8,
    }) as { id: string; title: string; started_at: string; outcome: string | null }[];
    const seen = new Set<string>();
    const runs = matches.filter((m) => !seen.has(m.id) && seen.add(m.id)).slice(0, maxRuns);
    const lines: string[] = [];
    const sources: MemorySource[] = [];
    for (const run of runs) {
      const kinds: MemorySource['kinds'][number][] = [];
      const parts: string[] = [];
      const fromOutcome = positionsIn(run.outcome, seat.name);
      if (fromOutcome.position !== undefined) {
        parts.push(`your position was: “${clip(fromOutcome.position, quoteWords)}”`);
        kinds.push('position');
      } else {
        const turn = lastTurn.get({ run: run.id, name: seat.name }) as { text: string } | undefined;
        if (turn !== undefined) {
          parts.push(`you said last: “${clip(turn.text, quoteWords)}”`);
          kinds.push('turn');
        }
      }
      if (fromOutcome.outcomes.length > 0) {
        parts.push(
          `the table decided: ${fromOutcome.outcomes.map((o) => `“${clip(o, quoteWords)}”`).join('; ')}`,
        );
        kinds.push('outcome');
      } else {
        const closing = summary.get({ run: run.id }) as { text: string } | undefined;
        if (closing !== undefined) {
          parts.push(`the summary said: “${clip(closing.text, quoteWords)}”`);
          kinds.push('summary');
        }
      }
      if (parts.length === 0) continue;
      lines.push(`- On “${run.title}” (${run.started_at.slice(0, 10)}): ${parts.join('; ')}.`);
      sources.push({ runId: run.id, title: run.title, startedAt: run.started_at, kinds });
    }
    if (lines.length > 0) memories.push({ seat: seat.seat, note: lines.join('\n'), sources });
  }
  return memories;
}

/** The seat's closing positions and the table's outcomes, from a run's outcome.json. */
function positionsIn(
  outcome: string | null,
  name: string,
): { position: string | undefined; outcomes: string[] } {
  if (outcome === null) return { position: undefined, outcomes: [] };
  try {
    const record = JSON.parse(outcome) as {
      questions?: {
        outcome?: string | null;
        positions?: { speaker?: string; position?: string; because?: string }[];
      }[];
    };
    const questions = record.questions ?? [];
    const mine = questions
      .flatMap((q) => q.positions ?? [])
      .filter((p) => p.speaker === name && typeof p.position === 'string')
      .map((p) => (p.because ? `${p.position}, because ${p.because}` : (p.position as string)));
    return {
      position: mine.length === 0 ? undefined : mine.join('; '),
      outcomes: questions.flatMap((q) => (typeof q.outcome === 'string' ? [q.outcome] : [])),
    };
  } catch {
    return { position: undefined, outcomes: [] };
  }
}

function clip(text: string, words: number): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
}
