import type { Task } from '../engine/table.js';
import { parseQuestionLine } from '../outcome/question-options.js';
import type { Problem } from './problems.js';
import type { TableFolder } from './table-folder.js';

export const TASK_DIR = 'task';

/** Used when the table has no task/summarize.txt. */
export const DEFAULT_SUMMARIZE = `The discussion is over, and you have been asked to close it with a summary for everyone who listened.
In one or two short paragraphs (at most 250 words), say:
- which questions the table discussed;
- the main positions, naming who held each;
- where the table came to agree, and where it still disagrees;
- what should happen next, or what remains open.
Be fair to the views you argued against. Speak in your own voice, in plain prose, without headings.`;

const REQUIRED = {
  context: 'the situation under discussion, given to every participant',
  instructions: 'how the participants should talk, given to every participant',
  questions: 'the topics, one question a line',
} as const;

export interface LoadedTask {
  readonly task?: Task | undefined;
  readonly problems: Problem[];
  readonly warnings: string[];
}

/** One question a line; blank lines and lines starting with `#` are left out. */
export function parseQuestions(text: string): string[] {
  return questionLines(text).map((q) => q.text);
}

function questionLines(text: string): { readonly text: string; readonly line: number }[] {
  return text
    .split('\n')
    .map((line, index) => ({ text: line.trim(), line: index + 1 }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'));
}

/** The questions, each with the options it lists (`Question? | a | b`), and what is wrong. */
function parseQuestionsWithOptions(
  text: string,
  source: string,
): { questions: string[]; options: string[][]; problems: Problem[] } {
  const questions: string[] = [];
  const options: string[][] = [];
  const problems: Problem[] = [];
  for (const { text: line, line: number } of questionLines(text)) {
    const parsed = parseQuestionLine(line);
    if (!parsed.ok) {
      problems.push({ source, file: source, location: `:${number}`, message: parsed.message });
      continue;
    }
    questions.push(parsed.question);
    options.push([...parsed.options]);
  }
  return { questions, options, problems };
}

export async function loadTask(folder: TableFolder): Promise<LoadedTask> {
  const display = (path: string) => folder.display(path);
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const listed = await folder.list(TASK_DIR);
  if (listed.status !== 'ok') {
    problems.push(
      listed.status === 'bad'
        ? listed.problem
        : {
            source: display(`${TASK_DIR}/`),
            message:
              listed.status === 'missing'
                ? 'folder not found; a table needs task/context.txt, task/instructions.txt and task/questions.txt'
                : 'expected a folder holding context.txt, instructions.txt and questions.txt, found a file',
          },
    );
    return { problems, warnings };
  }

  const texts: Partial<Record<keyof typeof REQUIRED | 'summarize', string>> = {};
  for (const name of [
    ...(Object.keys(REQUIRED) as (keyof typeof REQUIRED)[]),
    'summarize',
  ] as const) {
    const source = display(`${TASK_DIR}/${name}.txt`);
    const read = await folder.readText(`${TASK_DIR}/${name}.txt`);
    if (read.status === 'ok') texts[name] = read.text;
    else if (read.status === 'bad') problems.push(read.problem);
    else if (name !== 'summarize') {
      problems.push({ source, file: source, message: `missing; it holds ${REQUIRED[name]}` });
    }
  }

  const questionsSource = display(`${TASK_DIR}/questions.txt`);
  const parsedQuestions =
    texts.questions === undefined
      ? { questions: [], options: [], problems: [] }
      : parseQuestionsWithOptions(texts.questions, questionsSource);
  const { questions, options } = parsedQuestions;
  problems.push(...parsedQuestions.problems);
  if (
    texts.questions !== undefined &&
    questions.length === 0 &&
    parsedQuestions.problems.length === 0
  ) {
    problems.push({
      source: questionsSource,
      file: questionsSource,
      message:
        'no questions; write one question a line (blank lines and lines starting with # are ignored)',
    });
  }
  const seen = new Set<string>();
  for (const question of questions) {
    const key = question.toLowerCase();
    if (seen.has(key)) warnings.push(`${questionsSource} lists "${question}" more than once`);
    seen.add(key);
  }
  for (const name of ['context', 'instructions'] as const) {
    if (texts[name] !== undefined && texts[name].trim() === '') {
      warnings.push(`${display(`${TASK_DIR}/${name}.txt`)} is empty`);
    }
  }
  let summarize = texts.summarize?.trim() ?? '';
  if (summarize === '') {
    if (texts.summarize !== undefined) {
      warnings.push(
        `${display(`${TASK_DIR}/summarize.txt`)} is empty; using the built-in summary instruction`,
      );
    }
    summarize = DEFAULT_SUMMARIZE;
  }
  if (problems.length > 0 || texts.context === undefined || texts.instructions === undefined) {
    return { problems, warnings };
  }
  return {
    task: {
      context: texts.context.trim(),
      instructions: texts.instructions.trim(),
      questions,
      // Only tables that use options carry them, so other tables' transcripts stay as they were.
      ...(options.some((o) => o.length > 0) ? { options } : {}),
      summarize,
    },
    problems,
    warnings,
  };
}
