// What a phase is, as data: a format is a named list of these (formats.ts), and a table may list
// its own in the config. Nothing here runs anything.

/** How the next speaker is chosen in a discussion phase when nobody was named. */
export type SpeakerPolicy = 'original' | 'fair' | 'random' | 'round-robin' | 'moderator' | 'bid';

export const SPEAKER_POLICIES: readonly SpeakerPolicy[] = [
  'original',
  'fair',
  'random',
  'round-robin',
  'moderator',
  'bid',
];

/**
 * Who a reply gives the floor to in a discussion phase: the seat it names last (`named`), or
 * the one it addresses last (`addressed`, src/engine/address.ts).
 */
export type FloorRule = 'named' | 'addressed';

export const FLOOR_RULES: readonly FloorRule[] = ['named', 'addressed'];

/** Who speaks in a summary phase. */
export type SummaryBy =
  /** The seat heard most (ties: the most words, then the one heard last). */
  | 'most-heard'
  /** The seat whose side is `judge`; the most heard seat when there is none. */
  | 'judge'
  /** The seat whose side is `chair`; else the best-reviewed seat; else the most heard. */
  | 'chair';

/** A boolean setting a built-in format's phase depends on. */
export type PhaseCondition = 'closing' | 'summary';

interface PhaseBase {
  /** How the phase is shown; each kind has a default. */
  readonly title?: string | undefined;
  /** What every seat is asked in this phase; each kind has a default. */
  readonly prompt?: string | undefined;
  /** Only when this setting is on (built-in formats: `closing`, `summary`). */
  readonly if?: PhaseCondition | undefined;
}

export type PhaseSpec =
  /** Every seat states its position at once, blind: nobody hears another's opening first. */
  | (PhaseBase & { readonly kind: 'opening' })
  /** Free turns under a speaker policy (the original discussion). */
  | (PhaseBase & {
      readonly kind: 'discussion';
      /** Default: the `turns` setting. */
      readonly turns?: number | undefined;
      /** Default: the `speakerPolicy` setting. */
      readonly speakerPolicy?: SpeakerPolicy | undefined;
      /** `sides`: the floor alternates between the sides of a debate. */
      readonly alternate?: 'sides' | undefined;
    })
  /** N rounds; in each every seat answers at once, having heard all of the previous round. */
  | (PhaseBase & {
      readonly kind: 'rounds';
      /** Default: the `rounds` setting. */
      readonly rounds?: number | undefined;
    })
  /** Every seat ranks the others' latest answers, anonymized and shuffled per reviewer. */
  | (PhaseBase & { readonly kind: 'review' })
  /** Every seat states its final position at once. */
  | (PhaseBase & { readonly kind: 'closing' })
  /** One seat sums up (or decides, or synthesizes) the whole discussion. */
  | (PhaseBase & { readonly kind: 'summary'; readonly by?: SummaryBy | undefined });

export type PhaseKindOf<K extends PhaseSpec['kind']> = Extract<PhaseSpec, { kind: K }>;
