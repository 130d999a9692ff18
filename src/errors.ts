export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for the user: printed as its message alone, never with a stack trace. */
export class RoundtableError extends Error {
  override readonly name: string = 'RoundtableError';
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failure,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Bad usage or input: a file, field or flag that is wrong. Exit code 2. */
export class InputError extends RoundtableError {
  override readonly name = 'InputError';
  constructor(
    message: string,
    /** The file at fault, for tools that want it apart from the message. */
    readonly file?: string,
    options?: ErrorOptions,
  ) {
    super(message, ExitCode.usage, options);
  }
}
