import type { ScannerAdapter } from '../adapter';
import { DETECT_SECRETS_EXIT_CODES, detectSecretsCommand, prepareDetectSecretsRun } from './command';
import { parseDetectSecrets } from './parse';

/**
 * detect-secrets (Yelp, pinned 1.5.0; 0.x baselines are read too), for repositories that keep a
 * `.secrets.baseline`: runs against it, honours its audit decisions, and helps keep it up to date
 * (`updateSecretsBaseline`). Its reports hold no plaintext, only an unkeyed SHA-1 of each secret,
 * which is never copied into a finding.
 */
export const detectSecretsAdapter: ScannerAdapter = {
  id: 'detect-secrets',
  displayName: 'detect-secrets',
  categories: ['secret'],
  formats: ['json'],
  parse: parseDetectSecrets,
  prepare: prepareDetectSecretsRun,
  command: detectSecretsCommand,
  exitCodes: DETECT_SECRETS_EXIT_CODES,
  reportOn: 'file',
};

export { DETECT_SECRETS_EXIT_CODES, detectSecretsCommand, prepareDetectSecretsRun, SECRETS_BASELINE_FILE } from './command';
export { updateSecretsBaseline, type BaselineUpdate, type BaselineUpdateOptions } from './baseline-update';
