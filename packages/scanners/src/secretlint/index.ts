import type { ScannerAdapter } from '../adapter';
import { prepareSecretlintRun, SECRETLINT_EXIT_CODES, secretlintCommand } from './command';
import { parseSecretlint } from './parse';

/**
 * secretlint (11.7.1, bundled with its recommended preset and Gatehouse's rules): runs for real
 * through the runner bundle (`opts.executable` = `secretlintRunnerPath()`), and imports
 * `secretlint --format json` reports made elsewhere. Its reports hold plaintext secrets.
 */
export const secretlintAdapter: ScannerAdapter = {
  id: 'secretlint',
  displayName: 'secretlint',
  categories: ['secret'],
  formats: ['json'],
  parse: parseSecretlint,
  prepare: prepareSecretlintRun,
  command: secretlintCommand,
  exitCodes: SECRETLINT_EXIT_CODES,
  reportOn: 'file',
  holdsPlaintextSecrets: true,
};

export { secretlintRunnerPath, SECRETLINT_RUNNER_ENV } from './runner-path';
export { BUILT_IN_IGNORES } from './collect-files';
export { SECRETLINT_VERSION } from './version';
