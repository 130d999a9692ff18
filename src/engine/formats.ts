// Formats as data: each is a named list of phases. Adding a format is adding an entry here.
import type { PhaseSpec } from './phases/spec.js';
import type { EngineSettings } from './table.js';

export const FORMATS = {
  /** The original discussion: free turns, then (optionally) closing positions and the summary. */
  roundtable: [
    { kind: 'discussion' },
    { kind: 'closing', if: 'closing' },
    { kind: 'summary', if: 'summary' },
  ],
  /** Sides argue: opening statements, alternating rebuttals, closing statements, a verdict. */
  debate: [
    {
      kind: 'opening',
      title: 'Opening statements',
      prompt:
        'Give your opening statement: state the position of your side on the topic and your strongest arguments for it.',
    },
    { kind: 'discussion', title: 'Rebuttals', alternate: 'sides' },
    {
      kind: 'closing',
      title: 'Closing statements',
      prompt:
        'Give your closing statement: answer the other side’s strongest point and say why your side should win.',
    },
    { kind: 'summary', title: 'Verdict', by: 'judge', if: 'summary' },
  ],
  /** llm-council: answers, anonymous peer review, the chair's synthesis. */
  council: [
    { kind: 'opening', title: 'Answers' },
    { kind: 'review', title: 'Peer review' },
    { kind: 'summary', title: 'Synthesis', by: 'chair', if: 'summary' },
  ],
  /** Du et al.'s multi-agent debate: rounds of parallel answers, each hearing the last round. */
  rounds: [{ kind: 'rounds' }, { kind: 'summary', if: 'summary' }],
} as const satisfies Record<string, readonly PhaseSpec[]>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
export const DEFAULT_FORMAT: FormatName = 'roundtable';

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}

/**
 * The phases a discussion runs: the table's own, else its format's, without the ones whose
 * setting is off. An unknown format name is a programming error here (the config rejects it).
 */
export function phasesFor(settings: EngineSettings): readonly PhaseSpec[] {
  const name = settings.format ?? DEFAULT_FORMAT;
  if (settings.phases === undefined && !isFormatName(name)) {
    throw new RangeError(`Unknown format "${name}"; the formats are ${FORMAT_NAMES.join(', ')}`);
  }
  const listed: readonly PhaseSpec[] = settings.phases ?? FORMATS[name as FormatName];
  return listed.filter(
    (phase) =>
      phase.if === undefined ||
      (phase.if === 'closing' ? settings.closing === true : settings.summary),
  );
}

/**
 * How many turns "turn 4/10" counts to: the discussion's length when its turns are the run's
 * numbered turns 1…n (it is the first phase and the only discussion; later phases' replies are
 * labelled by their phase). Undefined when a number out of n would mislead: turns numbered on
 * across an opening, rounds or a second discussion, or a format this version does not know.
 */
export function numberedTurns(settings: EngineSettings): number | undefined {
  if (settings.phases === undefined && !isFormatName(settings.format ?? DEFAULT_FORMAT)) {
    return undefined;
  }
  const [first, ...rest] = phasesFor(settings);
  if (first?.kind !== 'discussion' || rest.some((phase) => phase.kind === 'discussion')) {
    return undefined;
  }
  return first.turns ?? settings.turns;
}
