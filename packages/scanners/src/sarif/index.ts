import type { ScannerAdapter } from '../adapter';
import { parseSarif } from './parse';

/**
 * Any SARIF 2.1.0 log (CodeQL, semgrep, trivy, grype, gitleaks, ...): imported, never run. A log
 * from a secret scanner holds plaintext, so logs are treated as holding secrets.
 */
export const sarifAdapter: ScannerAdapter = {
  id: 'sarif',
  displayName: 'SARIF import',
  categories: ['secret', 'sca', 'sast', 'container', 'iac'],
  formats: ['sarif'],
  parse: parseSarif,
  holdsPlaintextSecrets: true,
};
