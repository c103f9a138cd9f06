import type { Logger } from '@gatehouse/findings';

/** Progress and diagnostics go to stderr; stdout stays free for machine-readable output. */
export function stderrLogger(verbose: boolean): Logger {
  const write = (prefix: string, message: string) => process.stderr.write(`${prefix}${message}\n`);
  return {
    debug: (m) => {
      if (verbose) write('debug: ', m);
    },
    info: (m) => write('', m),
    warning: (m) => write('warning: ', m),
    error: (m) => write('error: ', m),
  };
}
