// The commands that read what runs recorded: the run library (history, show, reindex) and
// transcript folders (export, serve, report, replay). Each body is imported when it runs.
import { Command, Option } from 'commander';

export function recordedCommands() {
  const history = new Command('history')
    .description(
      'List runs from the run library, newest first; with search words, the runs that said them, matching lines marked.',
    )
    .argument('[query...]', 'words to search for in every turn ("a phrase", prefix*)')
    .option('--table <name>', "only runs of this table (its folder's name, or part of its path)")
    .option('--model <name>', "only runs where a seat's model contains this")
    .option('--since <when>', 'only runs started since a date (YYYY-MM-DD) or an age (12h, 7d, 2w)')
    .addOption(
      new Option('--status <status>', 'only runs that ended so').choices([
        'running',
        'completed',
        'stopped',
        'interrupted',
        'failed',
      ]),
    )
    .option('--limit <n>', 'at most this many runs', '20')
    .option('--json', 'one JSON object per run')
    .action(async (query: string[], options: Record<string, unknown>) => {
      const { historyCommand } = await import('./commands/history.js');
      process.exitCode = await historyCommand(query, options);
    });

  const show = new Command('show')
    .description('Print one run from the library: what it was, then the discussion.')
    .argument(
      '<run>',
      'any unique prefix of its id (as history lists it), or its transcript folder',
    )
    .option('--json', "the library's record of the run as JSON")
    .action(async (which: string, options: { json?: boolean }) => {
      const { showCommand } = await import('./commands/show.js');
      process.exitCode = await showCommand(which, options);
    });

  const reindex = new Command('reindex')
    .description(
      'Index the transcript folders under the folders given into the run library; with none, rebuild it from every folder it has seen.',
    )
    .argument('[folders...]', 'folders holding transcript folders (searched at any depth)')
    .action(async (folders: string[]) => {
      const { reindexCommand } = await import('./commands/reindex.js');
      process.exitCode = await reindexCommand(folders);
    });

  const exportTranscript = new Command('export')
    .description(
      'Rebuild transcript.html, transcript.md or transcript.json from a transcript folder’s events.jsonl.',
    )
    .argument('<dir>', 'transcript folder written by roundtable run (holds events.jsonl)')
    .option('--html', 'transcript.html: one self-contained page to open or send')
    .option('--md', 'transcript.md')
    .option('--json', 'transcript.json: the discussion as one JSON document')
    .option(
      '--out <file>',
      'write to this file instead of the folder (- for stdout); one format only',
    )
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { exportCommand } = await import('./commands/export.js');
      process.exitCode = await exportCommand(dir, options);
    });

  const serve = new Command('serve')
    .description(
      'Serve the discussions in a transcripts folder as web pages: a list of runs, and any of them (running ones live).',
    )
    .argument('[dir]', 'folder holding transcript folders (searched at any depth)', 'transcripts')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option(
      '--host <host>',
      'interface to listen on; beyond 127.0.0.1 every request needs the token printed at start',
      '127.0.0.1',
    )
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { serveCommand } = await import('./commands/serve.js');
      process.exitCode = await serveCommand(dir, options);
    });

  const report = new Command('report')
    .description(
      'Numbers about recorded discussions, from their transcripts alone (no model is asked): per seat, balance, who addressed whom, topics, repetition; several side by side.',
    )
    .argument('<dirs...>', 'transcript folders written by roundtable run (each holds events.jsonl)')
    .option('--html', 'a self-contained page with charts instead of terminal tables')
    .option('--json', 'the figures as JSON, for scripts')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (dirs: string[], options: Record<string, unknown>) => {
      const { reportCommand } = await import('./commands/report.js');
      process.exitCode = await reportCommand(dirs, options);
    });

  const replay = new Command('replay')
    .description(
      'Play a recorded discussion in the live view at its recorded pace (space pauses, arrow keys step turn by turn); nothing is sent.',
    )
    .argument('<dir>', 'transcript folder written by roundtable run (holds events.jsonl)')
    .option('--speed <n>', 'play N times faster than recorded (0.25 to 64)', '1')
    .option('--plain', 'plain text at the recorded pace, even on a terminal')
    .action(async (dir: string, options: Record<string, unknown>) => {
      const { replayCommand } = await import('./commands/replay.js');
      process.exitCode = await replayCommand(dir, options);
    });

  return { history, show, reindex, exportTranscript, serve, report, replay };
}
