import type { ScannerAdapter } from '../adapter';
import { dependencyParseContext } from '../manifests/dependency-context';
import { PIP_AUDIT_EXIT_CODES, pipAuditCommand, pipAuditReportWhenAbsent } from './command';
import { parsePipAudit } from './parse';
import { preparePipAuditRun } from './prepare';

/**
 * pip-audit: audits one Python manifest per invocation against PyPI's advisories (OSV). Its native
 * report is kept as `pip-audit.json`; pip-audit writes nothing when it finds nothing
 * (`reportWhenAbsent`), and exits 1 for its own failures as for findings.
 */
export const pipAuditAdapter: ScannerAdapter & { reportName: string } = {
  id: 'pip-audit',
  displayName: 'pip-audit',
  categories: ['sca'],
  formats: ['json'],
  parse: parsePipAudit,
  prepare: preparePipAuditRun,
  command: pipAuditCommand,
  exitCodes: PIP_AUDIT_EXIT_CODES,
  reportOn: 'file',
  reportWhenAbsent: pipAuditReportWhenAbsent,
  parseContextFor: (ctx, instance) => (instance ? dependencyParseContext(ctx, instance) : Promise.resolve(ctx)),
  findingsExitNeedsFindings: true,
  reportName: 'pip-audit.json',
};
