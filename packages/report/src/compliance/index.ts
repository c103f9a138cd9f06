export { buildComplianceReport, type BuildComplianceOptions } from './build-compliance-report';
export {
  ComplianceReportSchema,
  ControlResultSchema,
  OverrideRecordSchema,
  ScanRecordSchema,
  COMPLIANCE_SCHEMA_VERSION,
  COMPLIANCE_ID_LIST_LIMIT,
  CONTROL_STATUSES,
  type ComplianceReport,
  type ControlResult,
  type ControlStatus,
  type ExceptionInForce,
  type OverrideRecord,
  type ScanEvidence,
  type ScanRecord,
} from './compliance-schema';
export { complianceJsonSchema } from './json-schema';
export { OWASP_TOP10_2021, type OwaspCategory } from './owasp-top10-2021';
export { CWE_TOP25_2024, type CweTopEntry } from './cwe-top25-2024';
