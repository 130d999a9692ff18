// Reading a seat's positions back from its reply: forgivingly where the meaning is plain ("80%",
// "Q2", an option in another case), strictly where it is not, with messages a repair request can
// quote.
import { z } from 'zod';
import { once } from '../once.js';
import type { VoteMethod } from './ballots.js';
import { MAX_SCORE } from './ballots.js';
import { extractJson } from './extract-json.js';
import type { Position, PositionsRead, QuestionRef } from './positions.js';

// Built on first use: a run that asks no seat for its positions builds neither.
const looseItem = once(() =>
  z
    .object({
      question: z.union([z.string(), z.number()]),
      position: z.string().trim().min(1),
      confidence: z.union([
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d+(\.\d+)?%?$/),
      ]),
      changedMind: z.union([z.boolean(), z.enum(['true', 'false', 'yes', 'no'])]),
      because: z.string(),
      ranking: z.array(z.string()).nullish(),
      approved: z.array(z.string()).nullish(),
      scores: z
        .union([
          z.array(z.object({ option: z.string(), score: z.union([z.number(), z.string()]) })),
          z.record(z.string(), z.union([z.number(), z.string()])),
        ])
        .nullish(),
    })
    .loose(),
);

type LooseItem = z.output<ReturnType<typeof looseItem>>;

const answerSchema = once(() => z.object({ positions: z.array(z.unknown()) }).loose());

/**
 * `{"q1": {...}, "q2": {...}}` (the form the schema asks for) as the `positions` list, each entry
 * naming its question by number; any other value as it is.
 */
function keyedAnswers(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || 'positions' in json) return json;
  const entries = Object.entries(json);
  const keyed = entries.filter(([key]) => /^q\d+$/i.test(key.trim()));
  if (keyed.length === 0 || keyed.length < entries.length) return json;
  return {
    positions: keyed.map(([key, value]) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? { question: Number(key.trim().slice(1)), ...value }
        : value,
    ),
  };
}

const normal = (text: string): string =>
  text.normalize('NFC').trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/** The question an answer names: its text (ignoring case and spacing), its number, or `Q2`. */
function questionOf(
  raw: string | number,
  questions: readonly QuestionRef[],
): QuestionRef | undefined {
  // Numbers count the questions in the list the seat was given, not the table's.
  if (typeof raw === 'number') return questions[raw - 1];
  const numbered = /^(?:q(?:uestion)?\s*)?(\d+)\.?$/i.exec(raw.trim());
  if (numbered?.[1] !== undefined) return questions[Number(numbered[1]) - 1];
  const wanted = normal(raw).replace(/^\d+\.\s*/, '');
  return questions.find((q) => normal(q.text) === wanted);
}

function optionOf(raw: string, options: readonly string[]): string | undefined {
  const wanted = normal(raw);
  return options.find((option) => normal(option) === wanted);
}

function confidenceOf(raw: number | string): number | undefined {
  const text = String(raw);
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  if (!Number.isFinite(value) || value < 0) return undefined;
  // 80 or "80%" means 0.8: a reading no one could mistake.
  if (percent || (value > 1 && value <= 100)) return value / 100;
  return value <= 1 ? value : undefined;
}

function boolOf(raw: boolean | string): boolean {
  return raw === true || raw === 'true' || raw === 'yes';
}

function optionList(
  raw: readonly string[] | null | undefined,
  options: readonly string[],
  where: string,
  problems: string[],
): string[] | undefined {
  if (raw === null || raw === undefined) return undefined;
  const list: string[] = [];
  for (const entry of raw) {
    const option = optionOf(entry, options);
    if (option === undefined) {
      problems.push(`${where}: "${entry}" is not one of the options (${options.join(', ')})`);
      continue;
    }
    if (!list.includes(option)) list.push(option);
  }
  return list;
}

function scoresOf(
  raw: LooseItem['scores'],
  options: readonly string[],
  where: string,
  problems: string[],
): Record<string, number> | undefined {
  if (raw === null || raw === undefined) return undefined;
  const pairs = Array.isArray(raw)
    ? raw.map((s) => [s.option, s.score] as const)
    : Object.entries(raw);
  const scores: Record<string, number> = {};
  for (const [name, value] of pairs) {
    const option = optionOf(name, options);
    const score = Number(value);
    if (option === undefined) {
      problems.push(`${where}: "${name}" is not one of the options (${options.join(', ')})`);
    } else if (!Number.isFinite(score) || score < 0 || score > MAX_SCORE) {
      problems.push(
        `${where}.${option}: expected a score from 0 to ${MAX_SCORE}, got ${String(value)}`,
      );
    } else {
      scores[option] = score;
    }
  }
  return scores;
}

/** The vote a position carries: a ranking headed by the position, approvals including it, or scores. */
function voteOf(
  item: LooseItem,
  options: readonly string[],
  position: string,
  vote: VoteMethod,
  where: string,
  problems: string[],
): Pick<Position, 'ranking' | 'approved' | 'scores'> {
  switch (vote) {
    case 'ranked': {
      const ranking = optionList(item.ranking, options, `${where}.ranking`, problems) ?? [];
      // The position is what the seat stands for: it heads the ranking whatever order was given.
      return { ranking: [position, ...ranking.filter((o) => o !== position)] };
    }
    case 'approval': {
      const approved = optionList(item.approved, options, `${where}.approved`, problems) ?? [];
      return { approved: approved.includes(position) ? approved : [position, ...approved] };
    }
    case 'score':
      return { scores: scoresOf(item.scores, options, `${where}.scores`, problems) ?? {} };
  }
}

function readItem(
  item: LooseItem,
  question: QuestionRef,
  vote: VoteMethod,
  where: string,
  problems: string[],
): Position | undefined {
  const before = problems.length;
  const confidence = confidenceOf(item.confidence);
  if (confidence === undefined) {
    problems.push(
      `${where}.confidence: expected a number from 0 to 1, got ${JSON.stringify(item.confidence)}`,
    );
  }
  const base = {
    question: question.index,
    confidence: confidence ?? 0,
    changedMind: boolOf(item.changedMind),
    because: item.because.trim(),
  };
  if (question.options.length === 0) {
    return problems.length > before ? undefined : { ...base, position: item.position.trim() };
  }
  const position = optionOf(item.position, question.options);
  if (position === undefined) {
    problems.push(
      `${where}.position: "${item.position}" is not one of the options of "${question.text}" (${question.options.join(', ')})`,
    );
    return undefined;
  }
  const extra = voteOf(item, question.options, position, vote, where, problems);
  return problems.length > before ? undefined : { ...base, position, ...extra };
}

/**
 * Reads a reply against the questions asked. Invalid when it holds no JSON, no usable position,
 * or any position that breaks a rule (the problems say which and why); questions it leaves out
 * are listed in `missing` (the seat abstains on them).
 */
export function readPositions(
  text: string,
  questions: readonly QuestionRef[],
  vote: VoteMethod,
): PositionsRead {
  const json = extractJson(text);
  if (json === undefined) return { ok: false, problems: ['the reply holds no JSON object'] };
  const wrapped = Array.isArray(json) ? { positions: json } : keyedAnswers(json);
  const answer = answerSchema().safeParse(wrapped);
  if (!answer.success) {
    return { ok: false, problems: ['expected an object with a "positions" list'] };
  }
  const problems: string[] = [];
  const positions: Position[] = [];
  answer.data.positions.forEach((raw, i) => {
    const where = `positions[${i}]`;
    const item = looseItem().safeParse(raw);
    if (!item.success) {
      const fields = [...new Set(item.error.issues.map((issue) => String(issue.path[0] ?? '')))];
      problems.push(
        `${where}: missing or mistyped ${fields.filter((f) => f !== '').join(', ') || 'fields'}`,
      );
      return;
    }
    const question = questionOf(item.data.question, questions);
    if (question === undefined) {
      problems.push(
        `${where}.question: "${String(item.data.question)}" is not one of the questions asked`,
      );
      return;
    }
    if (positions.some((p) => p.question === question.index)) {
      problems.push(`${where}: a second position on "${question.text}"`);
      return;
    }
    const position = readItem(item.data, question, vote, where, problems);
    if (position !== undefined) positions.push(position);
  });
  if (problems.length > 0) return { ok: false, problems };
  if (positions.length === 0) return { ok: false, problems: ['no positions were given'] };
  const missing = questions
    .filter((q) => !positions.some((p) => p.question === q.index))
    .map((q) => q.index);
  positions.sort((a, b) => a.question - b.question);
  return { ok: true, positions, missing };
}
