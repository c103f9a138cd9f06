import type { ScannerAdapter } from '../adapter';
import { PIP_AUDIT_EXIT_CODES, pipAuditCommand, pipAuditReportWhenAbsent } from './command';
import { parsePipAudit } from './parse';
import { preparePipAuditRun } from './prepare';

/**
 * pip-audit: audits one Python manifest per invocation against PyPI's advisories (OSV). Its native
 * report is kept as `pip-audit.json`. `reportWhenAbsent` is not part of ScannerAdapter yet (see
 * docs/engines/pip-audit.md): pip-audit writes nothing when it finds nothing.
 */
export const pipAuditAdapter: ScannerAdapter & { reportWhenAbsent: typeof pipAuditReportWhenAbsent; reportName: string } = {
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
  reportName: 'pip-audit.json',
};
