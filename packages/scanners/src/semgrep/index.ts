import type { ScannerAdapter } from '../adapter';
import { SEMGREP_EXIT_CODES, semgrepCommand } from './command';
import { parseSemgrep } from './parse';

/**
 * semgrep (1.x), multi-language SAST: runs `semgrep scan --json` and imports JSON reports made
 * elsewhere. SARIF from semgrep goes through the `sarif` adapter. The JSON report quotes the matched
 * lines (`extra.lines`), which for the default `p/secrets` pack are plaintext credentials.
 */
export const semgrepAdapter: ScannerAdapter = {
  id: 'semgrep',
  displayName: 'Semgrep',
  categories: ['sast', 'secret'],
  formats: ['json'],
  parse: parseSemgrep,
  command: semgrepCommand,
  exitCodes: SEMGREP_EXIT_CODES,
  reportOn: 'file',
  holdsPlaintextSecrets: true,
};
