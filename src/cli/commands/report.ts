import { renameSync, writeFileSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { colorLevel, createStyle } from '../../render/ansi.js';
import { terminalSafeJson } from '../../render/terminal-safe.js';
import { analyzeTranscript } from '../../report/analyze.js';
import { reportHtml } from '../../report/html.js';
import { recordedPricing } from '../../report/pricing.js';
import { type ReportRun, reportText } from '../../report/terminal.js';
import { foldTranscript } from '../../transcript/fold.js';
import { notice } from '../notice.js';
import { readTranscriptFolder } from '../transcript-folder.js';

interface ReportFlags {
  readonly html?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

/**
 * `roundtable report <dir...>`: numbers about one or more recorded discussions, computed from
 * their transcripts alone: tables in the terminal, `--json` for scripts, `--html` for a page.
 */
export async function reportCommand(dirs: readonly string[], flags: ReportFlags): Promise<number> {
  if (flags.html === true && flags.json === true) {
    throw new InputError('--html and --json cannot be used together: choose one format');
  }
  const runs: ReportRun[] = [];
  for (const dir of dirs) {
    const { records, truncated, path } = await readTranscriptFolder(dir);
    if (truncated)
      notice(`warning: ${path} ends in a partial line (a crash mid-write); it is left out`);
    const folded = foldTranscript(records);
    runs.push({
      dir,
      figures: analyzeTranscript(folded, { costOf: await recordedPricing(folded) }),
    });
  }
  const text =
    flags.json === true
      ? `${terminalSafeJson({ format: 'roundtable-report', formatVersion: 1, runs: runs.map(({ dir, figures }) => ({ dir, ...figures })) })}\n`
      : flags.html === true
        ? reportHtml(runs)
        : reportText(
            runs,
            createStyle(flags.out === undefined ? colorLevel(process.stdout, process.env) : 0),
          );
  if (flags.out === undefined || flags.out === '-') {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(`${flags.out}.tmp`, text);
    renameSync(`${flags.out}.tmp`, flags.out);
  } catch (error) {
    throw new InputError(`Cannot write ${flags.out}: ${(error as Error).message}`, flags.out, {
      cause: error,
    });
  }
  notice(`Wrote ${flags.out}`);
  return 0;
}
