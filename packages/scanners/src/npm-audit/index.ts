import type { ScannerAdapter } from '../adapter';
import { dependencyParseContext } from '../manifests/dependency-context';
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
  parseContextFor: (ctx, instance) => (instance ? dependencyParseContext(ctx, instance) : Promise.resolve(ctx)),
  findingsExitNeedsFindings: true,
};
