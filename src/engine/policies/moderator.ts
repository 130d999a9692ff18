// The `moderator` speaker policy: an LLM reads the discussion and chooses the next speaker, with
// a one-line reason and, optionally, a steer for that speaker; it may also move to the next topic
// or end the discussion. Its answer is structured (a JSON schema where the endpoint takes one)
// and validated; an answer that cannot be used falls back to `fair`, visibly.
import { z } from 'zod';
import { once } from '../../once.js';
import type { EventOf } from '../events.js';
import type { HistoryEntry } from '../history.js';
import type { ModelRequest } from '../model.js';
import { nameKey } from '../names.js';
import type { Participant } from '../table.js';

export type ModeratorAction = EventOf<'moderator-decision'>['action'];

export interface ModeratorView {
  readonly participants: readonly Participant[];
  readonly context: string;
  readonly topic: string;
  /** What everyone heard, oldest first. */
  readonly entries: readonly HistoryEntry[];
  /** Names that may have the floor now. */
  readonly candidates: readonly string[];
  /** Names whose last reply proposed to end. */
  readonly proposedEnd: readonly string[];
  readonly turnsLeft: number;
}

export interface ModeratorChoice {
  readonly next: string;
  readonly reason: string;
  readonly steer?: string | undefined;
  readonly action: ModeratorAction;
}

/** The latest entries the moderator reads, and how much of each. */
const RECENT = 12;
const ENTRY_CHARS = 600;

// Built on first use: only a table whose speaker policy is the moderator reads its answers.
const answerSchema = once(() =>
  z.object({
    next: z.string().trim().min(1),
    reason: z.string().trim().min(1).max(400),
    steer: z.string().trim().max(400).optional(),
    action: z.enum(['continue', 'next-topic', 'end']).default('continue'),
  }),
);

export function moderatorRequest(
  view: ModeratorView,
  where: { readonly endpoint?: string | undefined; readonly model?: string | undefined },
): ModelRequest {
  const roster = view.participants.map((p) => `- ${p.name} (${p.fullName})`).join('\n');
  const system = [
    'You moderate a discussion. Keep it lively, balanced and on topic: give the floor to whoever can move it forward, draw out the quiet, and do not let two people trade the floor back and forth.',
    `Context:\n${view.context.trim()}`,
    `Participants:\n${roster}`,
    'Answer with JSON only: {"next": "<a name from the candidates>", "reason": "<one line>", "steer": "<optional: one line to guide that speaker>", "action": "continue" | "next-topic" | "end"}. Choose "end" only when the discussion has run its course.',
  ].join('\n\n');
  const recent = view.entries.slice(-RECENT).map((entry) => {
    const text =
      entry.text.length > ENTRY_CHARS ? `${entry.text.slice(0, ENTRY_CHARS)}…` : entry.text;
    return entry.kind === 'turn' ? `${entry.speaker}: ${text}` : `Moderator: ${text}`;
  });
  const user = [
    `The discussion so far (latest last):\n${recent.join('\n\n') || '(nothing yet)'}`,
    `Topic: ${view.topic}`,
    `Turns left: ${view.turnsLeft}.`,
    view.proposedEnd.length > 0 ? `Proposed to end: ${view.proposedEnd.join(', ')}.` : '',
    `Candidates for the next turn: ${view.candidates.join(', ')}.`,
  ]
    .filter((line) => line !== '')
    .join('\n\n');
  return {
    seat: 0,
    speaker: 'Moderator',
    purpose: 'moderator',
    endpoint: where.endpoint,
    model: where.model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    temperature: 0.2,
    maxTokens: 200,
    responseFormat: {
      type: 'json_schema',
      name: 'next_speaker',
      strict: true,
      schema: {
        type: 'object',
        properties: {
          next: { type: 'string', enum: [...view.candidates] },
          reason: { type: 'string' },
          steer: { type: 'string' },
          action: { type: 'string', enum: ['continue', 'next-topic', 'end'] },
        },
        required: ['next', 'reason', 'steer', 'action'],
        additionalProperties: false,
      },
    },
  };
}

/** The moderator's answer, or why it cannot be used. */
export function readModeratorAnswer(
  text: string,
  candidates: readonly string[],
):
  | { readonly ok: true; readonly choice: ModeratorChoice }
  | { readonly ok: false; readonly why: string } {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, why: 'no JSON in its answer' };
  let json: unknown;
  try {
    json = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { ok: false, why: 'its answer is not valid JSON' };
  }
  const parsed = answerSchema().safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'answer';
    return { ok: false, why: `its answer has no valid "${field}"` };
  }
  const next = candidates.find(
    (name) => nameKey(name) === nameKey(parsed.data.next.replace(/^@/u, '')),
  );
  // Ending the discussion needs no next speaker (one is kept in case it is too early to end).
  if (parsed.data.action === 'end') {
    return { ok: true, choice: { next: next ?? '', reason: parsed.data.reason, action: 'end' } };
  }
  if (next === undefined) {
    return { ok: false, why: `it chose "${parsed.data.next}", who may not speak now` };
  }
  const steer = parsed.data.steer === '' ? undefined : parsed.data.steer;
  return {
    ok: true,
    choice: { next, reason: parsed.data.reason, steer, action: parsed.data.action },
  };
}
