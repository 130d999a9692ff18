// llm-council's peer review: every seat ranks the others' latest answers, anonymized (labelled
// A, B, C… in an order shuffled per reviewer, other seats' names removed), then the rankings are
// tallied and the table hears the tally.
import { z } from 'zod';
import { once } from '../../once.js';
import type { DiscussionEvent, EventOf } from '../events.js';
import type { ModelRequest } from '../model.js';
import { NameScanner } from '../name-scan.js';
import type { Outcome } from '../outcome.js';
import { createRandom, deriveSeed } from '../random.js';
import { anonymousSystemMessage, seatRequest } from '../request.js';
import type { Seat } from '../seats.js';
import type { BatchReply, DiscussionState } from '../state.js';
import { type Batch, runBatch } from './parallel.js';
import { phaseTitle, REVIEW_PROMPT } from './prompts.js';
import type { PhaseKindOf } from './spec.js';

const LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

interface Labelled {
  readonly label: string;
  readonly index: number;
  readonly text: string;
}

export function runReview(
  state: DiscussionState,
  spec: PhaseKindOf<'review'>,
): AsyncGenerator<DiscussionEvent, Outcome> {
  const reviewers = state.speakers();
  const labelsByTurn = new Map<number, readonly Labelled[]>();
  const batch: Batch = {
    kind: 'review',
    title: phaseTitle(spec),
    seats: reviewers,
    quiet: true,
    request: (seat, turn) => {
      const answers = shuffledAnswers(state, seat, turn);
      labelsByTurn.set(turn, answers);
      return reviewRequest(state, seat, answers, spec.prompt ?? REVIEW_PROMPT);
    },
    interpret: (seat, turn, text) => {
      const answers = labelsByTurn.get(turn) ?? shuffledAnswers(state, seat, turn);
      const read = readReview(text, answers);
      const seatOf = (a: Labelled) => state.seat(a.index).participant.seat;
      // A partial ranking is completed, not asked for again: the rest share its last places.
      const unranked = answers.filter(
        (a) => read.ranking !== undefined && !read.ranking.includes(a),
      );
      const review: EventOf<'review'> = {
        type: 'review',
        turn,
        seat: seat.participant.seat,
        speaker: seat.participant.name,
        labels: answers.map((a) => ({ label: a.label, seat: seatOf(a) })),
        ranking: read.ranking?.map(seatOf),
        ...(unranked.length === 0 ? {} : { unranked: unranked.map(seatOf) }),
      };
      return { text: read.text, review };
    },
    close: (kept) => tallyReviews(state, kept),
  };
  return runBatch(state, batch);
}

/**
 * The others' latest answers as this reviewer sees them: labelled in an order drawn from the
 * reviewer's own turn, so it is the same on every run with the seed, and different per reviewer.
 */
function shuffledAnswers(state: DiscussionState, reviewer: Seat, turn: number): Labelled[] {
  const others = [...state.answers.entries()]
    .filter(([index]) => state.seat(index) !== reviewer)
    .sort(([a], [b]) => a - b);
  const random = createRandom(deriveSeed(state.seed, turn, 0x2e7));
  for (let i = others.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [others[i], others[j]] = [
      others[j] as (typeof others)[number],
      others[i] as (typeof others)[number],
    ];
  }
  const names = state.seats
    .filter((seat) => seat !== reviewer)
    .flatMap((seat) => nameForms(seat.participant.name, seat.participant.fullName));
  return others.slice(0, LABELS.length).map(([index, answer], k) => ({
    label: LABELS[k] ?? '?',
    index,
    text: withoutNames(answer.text, names),
  }));
}

const A_PARTICIPANT = 'another participant';

/**
 * Every way a reply may name a seat: its name, its full name, the full name before any comma
 * ("Ines Carvalho, ecologist" → "Ines Carvalho") and each capitalized word of that ("Carvalho").
 */
function nameForms(name: string, fullName: string): string[] {
  const person = fullName.split(',')[0]?.trim() ?? '';
  const words = person.split(/\s+/u).filter((word) => /^\p{Lu}\p{L}{2,}/u.test(word));
  return [name, fullName, person, ...words].filter((form) => form.length > 0);
}

/** Replaces every other seat's name (whole words, any case, with or without @). */
export function withoutNames(text: string, names: readonly string[]): string {
  let kept = '';
  let from = 0;
  for (const match of new NameScanner(names).matches(text)) {
    kept += `${text.slice(from, match.index)}${A_PARTICIPANT}`;
    from = match.end;
  }
  return kept + text.slice(from);
}

// Built on first use: only a review phase (the council format) reads reviews.
const reviewSchema = once(() =>
  z.object({
    evaluation: z.string(),
    ranking: z.array(z.string()),
  }),
);

function reviewRequest(
  state: DiscussionState,
  seat: Seat,
  answers: readonly Labelled[],
  prompt: string,
): ModelRequest {
  const { participant } = seat;
  const labels = answers.map((a) => a.label);
  const shown = answers.map((a) => `Response ${a.label}:\n${a.text}`).join('\n\n');
  // The request holds no conversation: without its own answer a reviewer cannot judge the others
  // from where it stands (the offline reviewers ranked a like-minded answer first at chance).
  const own = [...state.answers.entries()].find(([index]) => state.seat(index) === seat)?.[1];
  const instruction = [
    `Moderator: ${participant.name}, here are the answers of the other participants to the question: ${state.topic.text}`,
    ...(own === undefined ? [] : [`Your own answer:\n${own.text}`]),
    shown,
    prompt,
    `Answer in JSON: {"evaluation": "<your evaluation>", "ranking": [${labels.map((l) => `"${l}"`).join(', ')}]} with the ranking best first.`,
  ].join('\n\n');
  const request = seatRequest(state.settings, participant, 'turn', [
    { role: 'system', content: anonymousSystemMessage(state.table, participant) },
    { role: 'user', content: instruction },
  ]);
  if (participant.human === true) return request;
  return {
    ...request,
    responseFormat: {
      type: 'json_schema',
      name: 'peer_review',
      strict: true,
      schema: {
        type: 'object',
        properties: {
          evaluation: { type: 'string' },
          ranking: { type: 'array', items: { type: 'string', enum: labels } },
        },
        required: ['evaluation', 'ranking'],
        additionalProperties: false,
      },
    },
  } satisfies ModelRequest;
}

/**
 * The ranking a review holds (JSON as asked; else a "ranking:" line or the labels in the last
 * line), each label once, and its text as the table's record shows it.
 */
export function readReview(
  text: string,
  answers: readonly Labelled[],
): { readonly text: string; readonly ranking?: readonly Labelled[] | undefined } {
  const byLabel = new Map(answers.map((a) => [a.label, a]));
  const pick = (labels: readonly string[]): Labelled[] | undefined => {
    const seen = new Set<string>();
    const ranked: Labelled[] = [];
    for (const raw of labels) {
      const label = raw
        .trim()
        .replace(/^response\s+/iu, '')
        .toUpperCase();
      const answer = byLabel.get(label);
      if (answer === undefined || seen.has(label)) continue;
      seen.add(label);
      ranked.push(answer);
    }
    return ranked.length > 0 ? ranked : undefined;
  };
  const json = parseJsonObject(text);
  const parsed = reviewSchema().safeParse(json);
  if (parsed.success) {
    const ranking = pick(parsed.data.ranking);
    const order = ranking?.map((a) => `Response ${a.label}`).join(', ');
    const evaluation = parsed.data.evaluation.trim();
    return {
      text: order === undefined ? evaluation : `${evaluation}\n\nRanking: ${order}`,
      ranking,
    };
  }
  const lines = [...text.matchAll(/ranking\s*:?\s*(.+)$/gimu)];
  const line = lines.at(-1)?.[1] ?? text.trim().split('\n').at(-1) ?? '';
  const labels = line.match(/\b(?:response\s+)?[A-Z]\b/gu) ?? [];
  return { text: text.trim(), ranking: pick(labels) };
}

function parseJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

/** Average rank per reviewed seat, best first; the table hears it as a moderator line. */
async function* tallyReviews(
  state: DiscussionState,
  kept: readonly BatchReply[],
): AsyncGenerator<DiscussionEvent, void> {
  const ranks = new Map<number, number[]>();
  const place = (seat: number, rank: number): void => {
    ranks.set(seat, [...(ranks.get(seat) ?? []), rank]);
  };
  for (const { review } of kept) {
    const ranking = review?.ranking ?? [];
    ranking.forEach((seat, k) => {
      place(seat, k + 1);
    });
    // Tied for the places after the ranking: the mean of ranking.length + 1 … all shown.
    const unranked = review?.unranked ?? [];
    const shared = ranking.length + (unranked.length + 1) / 2;
    for (const seat of unranked) place(seat, shared);
  }
  const reviewed = [...state.answers.keys()].map((index) => state.seat(index).participant);
  const ranking = reviewed
    .map((participant) => {
      const got = ranks.get(participant.seat) ?? [];
      const averageRank =
        got.length === 0
          ? undefined
          : Math.round((got.reduce((a, b) => a + b, 0) / got.length) * 100) / 100;
      return {
        seat: participant.seat,
        speaker: participant.name,
        averageRank,
        reviews: got.length,
      };
    })
    .sort(
      (a, b) =>
        (a.averageRank ?? Number.POSITIVE_INFINITY) - (b.averageRank ?? Number.POSITIVE_INFINITY) ||
        a.seat - b.seat,
    );
  // A resumed run that had tallied already hears the same tally, without recording it twice.
  const recorded = state.recordedTally;
  state.recordedTally = undefined;
  const tally: EventOf<'review-tally'> = recorded ?? {
    type: 'review-tally',
    phase: state.phaseIndex,
    ranking,
  };
  state.tally = tally;
  state.log.append({ kind: 'moderator', text: tallyText(tally) });
  if (recorded === undefined) yield tally;
}

/** The tally as the table hears it. */
export function tallyText(tally: EventOf<'review-tally'>): string {
  const ranked = tally.ranking.filter((r) => r.averageRank !== undefined);
  if (ranked.length === 0) return 'Peer review: no ranking could be read from the reviews.';
  const parts = ranked.map(
    (r) =>
      `${r.speaker} (average rank ${r.averageRank}, ${r.reviews} ${r.reviews === 1 ? 'review' : 'reviews'})`,
  );
  return `Peer review, best ranked first: ${parts.join(', ')}.`;
}
