// What the offline model must never recite, read from a run: six words in a row of the table's
// instructions, summarize.txt, a moderator line or any seat's persona (in either person), unless
// the context, a question or a name holds the same six words.
import type { OfflineRun } from './offline-run.js';

const RUN = 6;
/** Whose name the engine's own requests (the LLM moderator's) carry. */
const MODERATOR = 'Moderator';

/** Words as the rule counts them: runs of letters and digits, lower case; all else separates. */
export const words = (text: string): string[] =>
  text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];

function runs(text: string, fold: (word: string) => string = (word) => word): Set<string> {
  const list = words(text).map(fold);
  const set = new Set<string>();
  for (let end = RUN; end <= list.length; end++) set.add(list.slice(end - RUN, end).join(' '));
  return set;
}

/**
 * A persona is written in the second person and would be recited in the first ("I am careful,
 * precise and dry"): persona runs are compared with every first-person word turned second.
 */
const SECOND_PERSON: Record<string, string> = {
  i: 'you',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  am: 'are',
  was: 'were',
  m: 're',
};
const personBlind = (word: string): string => SECOND_PERSON[word] ?? word;

/** The text a reply says: itself, or a structured reply's string values. */
function spoken(text: string, json: boolean): string[] {
  if (!json) return [text];
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  collect(JSON.parse(text));
  return strings;
}

/** Every paragraph the moderator spoke in any request of the run. */
function moderatorLines(run: OfflineRun): Set<string> {
  const lines = new Set<string>();
  for (const request of run.requests) {
    for (const message of request.messages) {
      if (message.role !== 'user') continue;
      for (const paragraph of message.content.split(/\n\s*\n/)) {
        if (paragraph.startsWith('Moderator:')) lines.add(paragraph);
      }
    }
  }
  return lines;
}

export interface Recital {
  readonly speaker: string;
  readonly run: string;
  readonly reply: string;
}

/** Replies that hold a run of a forbidden text which no allowed text holds. */
export function recitals(run: OfflineRun): Recital[] {
  const { task, participants } = run.table;
  const forbidden = new Set<string>();
  for (const text of [task.instructions, task.summarize]) {
    for (const key of runs(text)) forbidden.add(key);
  }
  // The moderator's lines, which the seats must not recite; the LLM moderator wrote them.
  const moderator = new Set<string>();
  for (const line of moderatorLines(run)) for (const key of runs(line)) moderator.add(key);
  const personas = new Set<string>();
  for (const { prompt } of participants)
    for (const key of runs(prompt, personBlind)) personas.add(key);
  const allowed = new Set<string>();
  for (const text of [
    task.context,
    ...task.questions,
    ...participants.flatMap((p) => [p.name, p.fullName]),
  ]) {
    for (const key of runs(text)) allowed.add(key);
  }
  const found: Recital[] = [];
  for (const { request, text } of run.replies) {
    for (const said of spoken(text, request.responseFormat !== undefined)) {
      const blind = [...runs(said, personBlind)];
      [...runs(said)].forEach((key, index) => {
        const recited =
          forbidden.has(key) ||
          personas.has(blind[index] ?? '') ||
          (request.speaker !== MODERATOR && moderator.has(key));
        if (recited && !allowed.has(key))
          found.push({ speaker: request.speaker, run: key, reply: said });
      });
    }
  }
  return found;
}
