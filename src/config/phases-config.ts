// `phases` in roundtable.config.json: a table's own sequence of phases (instead of a format's),
// checked with messages that name `phases[i].<field>`.
import { z } from 'zod';
import { type PhaseSpec, SPEAKER_POLICIES } from '../engine/phases/spec.js';
import { once } from '../once.js';
import { showValue } from './problems.js';
import { nearest } from './suggest.js';
import { type FieldRule, issueMessages } from './zod-messages.js';

function buildKindSchemas() {
  const common = {
    title: z.string().trim().min(1).max(80).optional().meta({
      description: 'How the phase is shown (each kind has a default title).',
    }),
    prompt: z.string().trim().min(1).optional().meta({
      description: 'What every seat is asked in this phase (each kind has a default).',
    }),
  };
  return {
    opening: z
      .strictObject({ kind: z.literal('opening'), ...common })
      .meta({ description: 'Every seat states its position at once, blind to the others.' }),
    discussion: z
      .strictObject({
        kind: z.literal('discussion'),
        ...common,
        turns: z.int().min(1).optional().meta({ description: 'Default: the turns setting.' }),
        speakerPolicy: z.enum(SPEAKER_POLICIES).optional().meta({
          description: 'Who speaks next when nobody was named; default: the speakerPolicy setting.',
        }),
        alternate: z.literal('sides').optional().meta({
          description: '"sides": the floor alternates between the sides (role field "side").',
        }),
      })
      .meta({ description: 'Free turns under a speaker policy.' }),
    rounds: z
      .strictObject({
        kind: z.literal('rounds'),
        ...common,
        rounds: z.int().min(1).optional().meta({ description: 'Default: the rounds setting.' }),
      })
      .meta({
        description: 'Rounds in which every seat answers at once, having heard the previous round.',
      }),
    review: z
      .strictObject({ kind: z.literal('review'), ...common })
      .meta({ description: "Every seat ranks the others' latest answers, anonymized." }),
    closing: z
      .strictObject({ kind: z.literal('closing'), ...common })
      .meta({ description: 'Every seat states its final position at once.' }),
    summary: z
      .strictObject({
        kind: z.literal('summary'),
        ...common,
        by: z.enum(['most-heard', 'judge', 'chair']).optional().meta({
          description:
            'Who speaks: the seat heard most (default), the seat whose side is "judge", or the one whose side is "chair" (else the best-reviewed seat).',
        }),
      })
      .meta({ description: 'One seat sums up, decides or synthesizes.' }),
  } as const satisfies Record<Kind, unknown>;
}

/** The kinds of phase, in the order of their schemas. */
const KINDS = ['opening', 'discussion', 'rounds', 'review', 'closing', 'summary'] as const;
type Kind = (typeof KINDS)[number];

// Built on first use: only a config file with `phases` (or a recorded table holding them) needs them.
const kindSchemas = once(buildKindSchemas);

export const phasesSchema = once(() =>
  z
    .array(z.discriminatedUnion('kind', Object.values(kindSchemas()) as never))
    .min(1)
    .meta({
      description:
        'The table\'s own phases, in order; they replace the format\'s. Kinds: opening, discussion, rounds, review, closing, summary. Example: [{"kind": "opening"}, {"kind": "discussion", "turns": 8}, {"kind": "summary"}].',
    }),
);

const RULES: Readonly<Record<string, FieldRule>> = {
  kind: { expected: `one of ${KINDS.join(', ')}` },
  title: { expected: 'text of at most 80 characters' },
  prompt: { expected: 'non-empty text: what every seat is asked' },
  turns: { expected: 'a whole number ≥ 1' },
  rounds: { expected: 'a whole number ≥ 1' },
  speakerPolicy: { expected: SPEAKER_POLICIES.map((p) => `"${p}"`).join(', ') },
  alternate: { expected: '"sides"' },
  by: { expected: '"most-heard", "judge" or "chair"' },
};

export type PhasesResult =
  | { readonly ok: true; readonly phases: readonly PhaseSpec[] }
  | { readonly ok: false; readonly messages: readonly string[] };

const EXAMPLE =
  '[{ "kind": "opening" }, { "kind": "discussion", "turns": 8 }, { "kind": "summary" }]';

export function validatePhases(raw: unknown): PhasesResult {
  if (!Array.isArray(raw) || raw.length === 0) {
    return {
      ok: false,
      messages: [
        `phases: expected a non-empty list of phases, e.g. ${EXAMPLE}, got ${showValue(raw)}`,
      ],
    };
  }
  const messages: string[] = [];
  const phases: PhaseSpec[] = [];
  raw.forEach((entry: unknown, index) => {
    const prefix = `phases[${index}]`;
    const kind =
      typeof entry === 'object' && entry !== null && 'kind' in entry ? entry.kind : undefined;
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
      const guess = typeof kind === 'string' ? nearest(kind, KINDS) : undefined;
      messages.push(
        `${prefix}.kind: expected ${RULES.kind?.expected}, got ${showValue(kind)}${guess === undefined ? '' : ` (did you mean ${guess}?)`}`,
      );
      return;
    }
    const parsed = kindSchemas()[kind as Kind].safeParse(entry);
    if (!parsed.success) {
      messages.push(
        ...issueMessages(parsed.error.issues, entry, {
          rules: RULES,
          expectedObject: `an object such as { "kind": "${kind}" }`,
          noun: 'phase field',
          prefix,
        }),
      );
      return;
    }
    phases.push(parsed.data as PhaseSpec);
  });
  return messages.length === 0 ? { ok: true, phases } : { ok: false, messages };
}
