import { type Command, Option } from 'commander';
import { numberFlag } from './number-flag.js';

export interface WebFlags {
  readonly port: number;
  readonly host: string;
  readonly control: boolean;
}

/** `--web [port]`, `--web-control`, `--web-host <host>`: on run, resume and fork alike. */
export function addWebOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--web [port]',
        'also serve the discussion as a live web page on 127.0.0.1 (any free port unless given)',
      ),
    )
    .option(
      '--web-control',
      "give the web page the moderator's controls; its URL carries a token printed here (implies --web)",
    )
    .option(
      '--web-host <host>',
      'listen on this interface instead of 127.0.0.1, for other machines; every request then needs the token (implies --web)',
    );
}

/** The web view asked for, or undefined. */
export function webFlags(raw: Record<string, unknown>): WebFlags | undefined {
  const web = raw.web as string | boolean | undefined;
  const host = raw.webHost as string | undefined;
  const control = raw.webControl === true;
  if (web === undefined && host === undefined && !control) return undefined;
  const port =
    typeof web === 'string'
      ? (numberFlag('--web', web, { integer: true, min: 0, max: 65535 }) ?? 0)
      : 0;
  return { port, host: host?.trim() || '127.0.0.1', control };
}
