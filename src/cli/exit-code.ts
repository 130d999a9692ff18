import type { EndReason } from '../engine/events.js';
import { ExitCode } from '../errors.js';

export function exitCodeFor(reason: EndReason | undefined): ExitCode {
  switch (reason) {
    case 'completed':
    case 'stopped':
      return ExitCode.ok;
    case 'interrupted':
      return ExitCode.interrupted;
    case 'failed':
    case undefined:
      return ExitCode.failure;
  }
}
