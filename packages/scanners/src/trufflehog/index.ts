import type { ScannerAdapter } from '../adapter';
import { TRUFFLEHOG_EXIT_CODES, trufflehogCommand } from './command';
import { parseTrufflehog } from './parse';

/**
 * trufflehog 3 (pinned 3.97.1), optional: off unless enabled. Its JSON lines hold plaintext (`Raw`,
 * `RawV2`); a result trufflehog verified live against the provider is critical.
 */
export const trufflehogAdapter: ScannerAdapter = {
  id: 'trufflehog',
  displayName: 'TruffleHog',
  categories: ['secret'],
  formats: ['jsonl', 'json'],
  parse: parseTrufflehog,
  command: trufflehogCommand,
  exitCodes: TRUFFLEHOG_EXIT_CODES,
  reportOn: 'stdout',
  holdsPlaintextSecrets: true,
  // `--fail` exits 183 only when it printed results: 183 with an empty report means it failed.
  findingsExitNeedsFindings: true,
};

export { TRUFFLEHOG_EXIT_CODES, TRUFFLEHOG_FOUND_EXIT_CODE, trufflehogCommand, trufflehogRangeArgs } from './command';
