import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { terminalSafeJson } from '../../render/terminal-safe.js';
import { MARKDOWN_FILE, type TranscriptRecord } from '../../transcript/events-file.js';
import { foldTranscript } from '../../transcript/fold.js';
import { renderHtml } from '../../transcript/html/document.js';
import { HTML_FILE } from '../../transcript/html/html-file.js';
import { JSON_FILE, transcriptDocument } from '../../transcript/json.js';
import { renderMarkdown } from '../../transcript/markdown.js';
import { notice } from '../notice.js';
import { readTranscriptFolder } from '../transcript-folder.js';

interface ExportFlags {
  readonly html?: boolean;
  readonly md?: boolean;
  readonly json?: boolean;
  readonly out?: string;
}

type Format = 'html' | 'md' | 'json';

const FILES: Record<Format, string> = { html: HTML_FILE, md: MARKDOWN_FILE, json: JSON_FILE };

const RENDER: Record<Format, (records: readonly TranscriptRecord[]) => string> = {
  html: (records) => renderHtml(records),
  md: (records) => renderMarkdown(records),
  json: (records) => `${terminalSafeJson(transcriptDocument(foldTranscript(records)))}\n`,
};

/**
 * `roundtable export <dir> [--html] [--md] [--json] [--out <file>]`: rebuilds transcript.html,
 * transcript.md or transcript.json from events.jsonl, in the folder (write-then-rename) or, with
 * `--out`, to another file or stdout (`-`). Without a format flag: the HTML and the Markdown,
 * the two a run keeps.
 */
export async function exportCommand(dir: string, flags: ExportFlags): Promise<number> {
  const chosen = (['html', 'md', 'json'] as const).filter((format) => flags[format] === true);
  const formats: readonly Format[] = chosen.length > 0 ? chosen : ['html', 'md'];
  if (flags.out !== undefined && formats.length !== 1) {
    throw new InputError(
      `--out takes one format: give exactly one of --html, --md or --json with it (got ${chosen.length === 0 ? 'none' : chosen.map((f) => `--${f}`).join(', ')})`,
    );
  }
  const { records, truncated, path } = await readTranscriptFolder(dir);
  if (truncated)
    notice(`warning: ${path} ends in a partial line (a crash mid-write); it is left out`);
  for (const format of formats) {
    const text = RENDER[format](records);
    if (flags.out === '-') {
      process.stdout.write(text);
      continue;
    }
    const target = flags.out ?? join(dir, FILES[format]);
    try {
      writeFileSync(`${target}.tmp`, text);
      renameSync(`${target}.tmp`, target);
    } catch (error) {
      throw new InputError(`Cannot write ${target}: ${(error as Error).message}`, target, {
        cause: error,
      });
    }
    notice(`Wrote ${target}`);
  }
  return 0;
}
