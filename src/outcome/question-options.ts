// A question line may list the options the table decides between, after bars:
//   Should the branch line reopen? | trains | trail | housing
// `\|` is a literal bar. Options are trimmed and NFC-normalized, so a vote names them reliably.

export interface QuestionLine {
  /** The question, without its options. */
  readonly question: string;
  /** The options, in the order listed; empty for a question that lists none. */
  readonly options: readonly string[];
}

export type ParsedQuestionLine =
  | ({ readonly ok: true } & QuestionLine)
  | { readonly ok: false; readonly message: string };

const BAR = '\u0000';

export function parseQuestionLine(line: string): ParsedQuestionLine {
  const parts = line
    .replaceAll('\\|', BAR)
    .split('|')
    .map((part) => part.replaceAll(BAR, '|').trim().normalize('NFC'));
  const [question = '', ...options] = parts;
  if (options.length === 0) return { ok: true, question, options: [] };
  if (question === '') {
    return {
      ok: false,
      message:
        'the question is missing before the first "|"; write the question, then "| option | option"',
    };
  }
  const empty = options.indexOf('');
  if (empty >= 0) {
    return {
      ok: false,
      message: `option ${empty + 1} is empty; separate options with single bars: "${question} | yes | no" (write \\| for a literal bar)`,
    };
  }
  if (options.length < 2) {
    return {
      ok: false,
      message: `only one option ("${options[0]}"); list at least two after the question, each after a "|"`,
    };
  }
  const seen = new Map<string, string>();
  for (const option of options) {
    const key = option.toLocaleLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        ok: false,
        message: `the option "${option}" is listed twice; each option must differ`,
      };
    }
    seen.set(key, option);
  }
  return { ok: true, question, options };
}
