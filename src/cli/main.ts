import './take-keyboard.js';
import { CommanderError } from 'commander';
import { ExitCode, RoundtableError } from '../errors.js';
import { releaseTypeahead } from '../tui/typeahead.js';
import { ignoreOutputErrors } from './closed-output.js';
import { leave } from './leave.js';
import { notice } from './notice.js';
import { addSettingFlags, buildProgram } from './program.js';

async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  await addSettingFlags(program, argv);
  try {
    await program.parseAsync(argv as string[]);
    return process.exitCode === undefined ? ExitCode.ok : Number(process.exitCode);
  } catch (error) {
    return reportFatal(error);
  } finally {
    // A run that never reached the live view gives the terminal back as it was.
    releaseTypeahead({ forView: false });
  }
}

function reportFatal(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (and help, for help requests).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      return ExitCode.ok;
    }
    if (error.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof RoundtableError) {
    notice(`roundtable: ${error.message}`);
    return error.exitCode;
  }
  // A bug, not a user error: keep the stack, it is what a bug report needs.
  notice(
    `roundtable: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return ExitCode.failure;
}

ignoreOutputErrors(process.stdout, process.stderr);
await leave(await main(process.argv));
