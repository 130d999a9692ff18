// What a field of a structured answer is for, read from its name (and description): a person to
// name, a reason, a position, a confidence… so that a moderator's `{next, reason}` names someone
// who fits and says why, and a closing position reads like one.

export type Meaning =
  | 'speaker'
  | 'reason'
  | 'steer'
  | 'action'
  | 'question'
  | 'position'
  | 'evaluation'
  | 'summary'
  | 'title'
  | 'identifier'
  | 'confidence'
  | 'score'
  | 'changed'
  | 'agreement'
  | 'ranking'
  | 'text';

const RULES: readonly [RegExp, Meaning][] = [
  [
    /^(next|speaker|next_?speaker|who|name|participant|seat|person|chosen|winner|addressee|owner|assignee)$/i,
    'speaker',
  ],
  [/(reason|because|why|rationale|explanation|justification|motivation)/i, 'reason'],
  [/(steer|direction|guidance|hint|nudge|instruction)/i, 'steer'],
  [/^(action|decision|command|move|verdict)$/i, 'action'],
  [/(question|topic|issue|subject)/i, 'question'],
  [/(evaluation|critique|assessment|appraisal|feedback|review)/i, 'evaluation'],
  [/(summary|synthesis|recap|notes|overview)/i, 'summary'],
  [
    /(position|stance|answer|opinion|view|choice|vote|recommendation|proposal|conclusion)/i,
    'position',
  ],
  [/^(title|label|heading|headline)$/i, 'title'],
  [/^(id|key|slug|code)$|_id$|Id$/i, 'identifier'],
  [/(confidence|certainty|probability|likelihood|certain)/i, 'confidence'],
  [/(score|rating|grade|urgency|priority|bid|weight)/i, 'score'],
  [/(changed|mind|switch|revised)/i, 'changed'],
  [/(agree|consensus|support|approve)/i, 'agreement'],
  [/(rank|order|ranking|preference|ballot)/i, 'ranking'],
];

export function meaningOf(name: string | undefined, description?: string): Meaning {
  for (const text of [name, description]) {
    if (text === undefined) continue;
    for (const [pattern, meaning] of RULES) if (pattern.test(text)) return meaning;
  }
  return 'text';
}
