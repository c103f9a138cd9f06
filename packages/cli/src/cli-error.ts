import { ConfigurationError, ParseError } from '@gatehouse/findings';
import { CommandError } from '@gatehouse/toolchain';

/** Exit status for an error: 2 for anything the user can fix (input, configuration, an unreadable report). */
export function reportError(error: unknown): 2 {
  if (error instanceof ConfigurationError || error instanceof ParseError || error instanceof CommandError) {
    process.stderr.write(`gatehouse: ${error.message}\n`);
  } else {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`gatehouse: internal error (please report it): ${detail}\n`);
  }
  return 2;
}
