import type { ScannerAdapter } from '../adapter';
import { NPM_AUDIT_EXIT_CODES, npmAuditCommand } from './command';
import { parseNpmAudit } from './parse';

/** npm audit: audits one npm lockfile per invocation against the registry's advisories. */
export const npmAuditAdapter: ScannerAdapter = {
  id: 'npm-audit',
  displayName: 'npm audit',
  categories: ['sca'],
  formats: ['json'],
  parse: parseNpmAudit,
  command: npmAuditCommand,
  exitCodes: NPM_AUDIT_EXIT_CODES,
  reportOn: 'stdout',
};
