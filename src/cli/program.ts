import { Command, Option } from 'commander';
import type { SettingDescriptor } from '../config/setting-descriptors.js';
import { VERSION } from '../package-info.js';
import { LIVE_VIEW_PACE } from './pace.js';
import { recordedCommands } from './recorded-commands.js';
import { addWebOptions } from './web-flags.js';

const FOLLOW_OUTSIDE_HELP =
  'read table files that are symbolic links to places outside the table folder (refused otherwise) [env: ROUNDTABLE_FOLLOW_OUTSIDE_SYMLINKS]';

// Command bodies are imported lazily: `roundtable --help` must not pay for Ink, openai or Fastify.

const PACE_HELP = `how fast the built-in offline model streams, in tokens a second (default: ${LIVE_VIEW_PACE} in the live view; 0, as fast as it can, for --plain and --json)`;

// The settings' flags come from their descriptors, which zod defines: loading it is most of what
// `roundtable --help` would cost. So a command only says it takes them, and they are added (by
// `addSettingFlags`) to the one command the arguments name, before they are parsed.
const TAKES_SETTINGS = new WeakSet<Command>();

function addSettingOptions(command: Command): Command {
  TAKES_SETTINGS.add(command);
  return command;
}

/**
 * The widest flag with its placeholder that help shows as it is. Commander wraps descriptions
 * only while the flags' column leaves 40 of 80 columns; one `--format <roundtable|debate|…>`
 * made every description of `run --help` one unbroken line.
 */
const WIDEST_FLAG = 30;

/** A named placeholder for a flag whose choices do not fit: its key's last word (`<policy>`). */
function placeholderOf(key: string): string {
  return (key.split(/(?=[A-Z])/).at(-1) ?? key).toLowerCase();
}

/** A setting's flag in help: a long list of choices moves to the description. */
function flagHelp(d: SettingDescriptor): { flag: string; description: string } {
  const env = d.env.join(', ');
  const listed = `${d.flag} ${d.argument}`.length > WIDEST_FLAG && d.choices !== undefined;
  const argument = listed ? `<${placeholderOf(d.key)}>` : d.argument;
  // A `--no-…` switch turns the setting off, while its description says what it does when on:
  // said after it, in a sentence of its own ("Turns off introductions: Introduce the table …"
  // read as an order to do what the flag stops).
  const off = d.flag.startsWith('--no-') ? ' On by default: this flag turns it off.' : '';
  const choices = listed ? `one of: ${d.choices?.join(', ')}; ` : '';
  return {
    flag: argument === undefined ? d.flag : `${d.flag} ${argument}`,
    description: `${d.description}${off} [${choices}env: ${env}; default: ${d.defaultText}]`,
  };
}

function addFlags(command: Command, settings: readonly SettingDescriptor[]): void {
  for (const d of settings) {
    const { flag, description } = flagHelp(d);
    command.addOption(new Option(flag, description));
  }
}

/**
 * Adds every setting's flag to the command `argv` runs (or asks help for, as in
 * `roundtable help run`), or to every command that takes them when `argv` is not given.
 */
export async function addSettingFlags(program: Command, argv?: readonly string[]): Promise<void> {
  const words = argv?.slice(2).filter((word) => !word.startsWith('-'));
  const named = words?.[0] === 'help' ? words[1] : words?.[0];
  const targets = (program.commands as Command[]).filter(
    (command) =>
      TAKES_SETTINGS.has(command) &&
      (argv === undefined || command.name() === named || command.aliases().includes(named ?? '')),
  );
  if (targets.length === 0) return;
  const { SETTINGS } = await import('../config/setting-descriptors.js');
  for (const command of targets) addFlags(command, SETTINGS);
}

export function buildProgram(): Command {
  const program = new Command('roundtable')
    .description(
      'Seat LLM personas at a table and run a moderated discussion among them, streamed live.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError()
    .exitOverride();

  const run = addSettingOptions(
    addWebOptions(new Command('run'))
      .description(
        'Load a table and run a discussion (offline on the built-in Markov model when no endpoint is set).',
      )
      .argument('[dir]', 'table folder holding participants/ and task/', '.')
      .option('--json', 'print the engine events as JSON lines on stdout')
      .option('--plain', 'plain streamed text even on a terminal')
      .option('--out <dir>', 'folder for transcripts', 'transcripts')
      .option('--no-transcript', 'do not write a transcript')
      .option('--human <name...>', 'a person takes the seat of this participant (needs a terminal)')
      .option('--follow-outside-symlinks', FOLLOW_OUTSIDE_HELP)
      .option('--pace <tokens/s>', PACE_HELP),
  ).action(async (dir: string, options: Record<string, unknown>, command: Command) => {
    const { runCommand } = await import('./commands/run.js');
    process.exitCode = await runCommand(dir, options, command);
  });

  const resume = addWebOptions(new Command('resume'))
    .description(
      'Continue an interrupted, failed or crashed discussion from its transcript folder, appending to it.',
    )
    .argument('<dir>', 'transcript folder written by roundtable run (holds events.jsonl)')
    .option('--json', 'print the new engine events as JSON lines on stdout')
    .option('--plain', 'plain streamed text even on a terminal')
    .option(
      '--base-url <url>',
      "the endpoint to continue on when the table's config and the environment do not name it (a key is sent only to an endpoint one of them names)",
    )
    .option('--pace <tokens/s>', PACE_HELP)
    .option(
      '--budget-tokens <n>',
      'a new budgetTokens for the rest of the run (the run record keeps it)',
    )
    .option(
      '--budget-usd <usd>',
      'a new budgetUsd for the rest of the run (the run record keeps it)',
    )
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { resumeCommand } = await import('./commands/resume.js');
      process.exitCode = await resumeCommand(dir, options);
    });

  const validate = addSettingOptions(
    new Command('validate')
      .description('Check a table and the settings, and print what was loaded.')
      .argument('[dir]', 'table folder holding participants/ and task/', '.')
      .option('--follow-outside-symlinks', FOLLOW_OUTSIDE_HELP)
      .option(
        '--check-endpoints',
        "also ask each endpoint for its models (GET /models, no tokens spent) and check that each seat's model is listed; exit 1 if one fails",
      ),
  ).action(async (dir: string, options: Record<string, unknown>, command: Command) => {
    const { validateCommand } = await import('./commands/validate.js');
    process.exitCode = await validateCommand(dir, options, command);
  });

  const plan = addSettingOptions(
    new Command('plan')
      .description(
        'Dry run: the requests a run would make, by phase, their estimated tokens and cost, and one rendered request per phase. Sends nothing.',
      )
      .argument('[dir]', 'table folder holding participants/ and task/', '.')
      .option('--json', 'print the plan as one JSON object')
      .option('--no-requests', 'leave out the rendered requests')
      .option('--reply-tokens <n>', 'assumed length of a reply in tokens (default 80)')
      .option('--human <name...>', 'a person will take the seat of this participant'),
  ).action(async (dir: string, options: Record<string, unknown>, command: Command) => {
    const { planCommand } = await import('./commands/plan.js');
    process.exitCode = await planCommand(dir, options, command);
  });

  const init = new Command('init')
    .description('Write an example table (participants/ and task/) to start from.')
    .argument('[dir]', 'folder to write the table into', '.')
    .option('--force', 'overwrite existing table files')
    .option(
      '--markdown',
      'write the personas as participants/roleN.md (YAML front matter, "# Role: Name" heading, prompt) instead of .json',
    )
    .action(async (dir: string, options: { force?: boolean; markdown?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      process.exitCode = await initCommand(dir, options);
    });

  const dummy = new Command('dummy-server')
    .description('Serve the built-in Markov model as an OpenAI-compatible API, for offline tests.')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8000')
    .option('--seed <n>', 'seed: the same request with the same seed gives the same reply')
    .option('--tokens-per-second <n>', 'stream pacing; 0 streams as fast as possible', '0')
    .option('--first-token-ms <ms>', 'delay before the first token', '0')
    .option('--context-words <n>', 'only the last n words of what was said feed the chain')
    .option('--workers <n>', 'worker processes sharing the port (default: one per core)')
    .option('--ignore-eos', "every reply runs to its max_tokens, like vLLM's ignore_eos")
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['silent', 'error', 'warn', 'info', 'debug'])
        .default('info'),
    )
    .action(async (options: Record<string, unknown>) => {
      const { dummyServerCommand } = await import('./commands/dummy-server.js');
      process.exitCode = await dummyServerCommand(options);
    });

  const batch = new Command('batch')
    .description(
      'Run every combination of a grid of tables, seeds, settings, seat models and formats, several at once; run it again to resume.',
    )
    .argument(
      '<grid>',
      'grid file (JSON): {"tables": [...], "seeds": [...], "settings": [...], "seats": [...], "formats": [...]}',
    )
    .option(
      '--out <dir>',
      'the batch folder: runs/, results.jsonl, results.csv, summary.md (default batches/<grid name>)',
    )
    .option('--concurrency <n>', 'discussions at once', '4')
    .option('--dry-run', 'list the runs (and what each would cost) and send nothing')
    .option('--retry-failed', 'resume runs that ended failed too')
    .option(
      '--group-by <dimension>',
      'summarize by this dimension only: table, seed, settings, seats or format',
    )
    .option('--plain', 'plain progress lines even on a terminal')
    .option(
      '--queue <url>',
      'put the runs on a BullMQ queue on Redis (redis://host:port) for roundtable workers to run',
    )
    .action(async (grid: string, options: Record<string, unknown>) => {
      const { batchCommand } = await import('./commands/batch.js');
      process.exitCode = await batchCommand(grid, options);
    });

  const { history, show, reindex, exportTranscript, serve, report, replay } = recordedCommands();

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const fork = addSettingOptions(
    addWebOptions(new Command('fork'))
      .description(
        'Start a new discussion from a recorded one’s turns 1 to N, with any setting, seat model or persona changed (what-if); it goes on like resume, in a new transcript folder.',
      )
      .argument('<dir>', 'transcript folder written by roundtable run (holds events.jsonl)')
      .requiredOption('--at <turn>', 'the last recorded turn to keep (0: only the opening)')
      .option('--out <dir>', 'folder for the new transcript (default: beside the parent)')
      .option('--seat-model <name=model>', "this seat's model (repeatable)", collect)
      .option(
        '--persona <name=file>',
        "this seat's persona from a role file, .json or .md (repeatable)",
        collect,
      )
      .option('--json', 'print the new engine events as JSON lines on stdout')
      .option('--plain', 'plain streamed text even on a terminal')
      .option('--pace <tokens/s>', PACE_HELP),
  ).action(async (dir: string, options: Record<string, unknown>, command: Command) => {
    const { forkCommand } = await import('./commands/fork.js');
    process.exitCode = await forkCommand(dir, options, command);
  });

  const worker = new Command('worker')
    .description(
      "Take batches' runs from a queue on Redis and run them here, sending their events back; any number of workers, on any machines.",
    )
    .requiredOption('--queue <url>', 'the Redis the batches use, e.g. redis://127.0.0.1:6379')
    .option('--concurrency <n>', 'runs at once in this worker', '2')
    .option(
      '--stalled-after <seconds>',
      'a worker silent this long is given up for dead and its runs resumed by others',
      '30',
    )
    .action(async (options: Record<string, unknown>) => {
      const { workerCommand } = await import('./commands/worker.js');
      process.exitCode = await workerCommand(options as never);
    });

  for (const command of [
    run,
    resume,
    validate,
    plan,
    init,
    dummy,
    history,
    show,
    reindex,
    batch,
    exportTranscript,
    serve,
    report,
    replay,
    fork,
    worker,
  ]) {
    command.exitOverride().showSuggestionAfterError();
    program.addCommand(command);
  }
  return program;
}
