import type { ScannerAdapter } from '../adapter';
import { GITLEAKS_EXIT_CODES, gitleaksCommand } from './command';
import { parseGitleaks } from './parse';
import { prepareGitleaksRun } from './prepare';

/**
 * gitleaks 8 (pinned 8.30.1; reports of gitleaks 7 and of the `jsonextra` template are read too).
 * The primary secret engine: git history by range (pull request, push, full history), the index
 * (pre-commit), or files. Its JSON report holds plaintext (`Secret`, `Match`, `Line`); SARIF
 * reports of gitleaks are read by the sarif adapter.
 */
export const gitleaksAdapter: ScannerAdapter = {
  id: 'gitleaks',
  displayName: 'gitleaks',
  categories: ['secret'],
  formats: ['json'],
  parse: parseGitleaks,
  prepare: prepareGitleaksRun,
  command: gitleaksCommand,
  exitCodes: GITLEAKS_EXIT_CODES,
  reportOn: 'file',
  holdsPlaintextSecrets: true,
};

export { GITLEAKS_EXIT_CODES, GITLEAKS_LEAKS_EXIT_CODE, gitleaksCommand } from './command';
export { renderDefaultGitleaksConfig, DEFAULT_CONFIG_FILE } from './default-config';
export { composeUserGitleaksConfig, gitleaksExtendPath, GITLEAKS_MAX_EXTEND_DEPTH } from './user-config';
export { prepareGitleaksRun } from './prepare';
