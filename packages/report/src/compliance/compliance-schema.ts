import { z } from 'zod';
import { CATEGORIES, CategorySchema, ENGINE_STATUSES, SEVERITIES, TargetSchema, VERDICTS } from '@gatehouse/findings';

/**
 * compliance.json: the evidence of one run, arranged the way an auditor asks for it. It states what
 * this run shows about each control; it is not a certification, and a control this run cannot
 * evidence says so (`no-evidence`) instead of passing.
 */

export const COMPLIANCE_SCHEMA_VERSION = '1.0';
/** Lists of finding ids are capped so 100k findings keep compliance.json small; the counts stay exact. */
export const COMPLIANCE_ID_LIST_LIMIT = 100;

const isoDateTime = z.iso.datetime({ offset: true });
const findingId = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.int().min(0);

const severityCounts = z.strictObject(
  Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<(typeof SEVERITIES)[number], typeof count>,
);

/** What the caller knows about one engine run: when it ran and how it ended. */
export const ScanRecordSchema = z.strictObject({
  engine: z.string().min(1).max(100),
  ranAt: isoDateTime,
  status: z.enum(ENGINE_STATUSES),
  version: z.string().max(100).optional(),
  reason: z.string().max(4_000).optional(),
  /** What the engine looked for, when it is not one of the engines Gatehouse knows. */
  categories: z.array(CategorySchema).max(CATEGORIES.length).optional(),
});
export type ScanRecord = z.infer<typeof ScanRecordSchema>;

/** One SECURITY_OVERRIDE request and what became of it. */
export const OverrideRecordSchema = z.strictObject({
  id: z.string().max(200).optional(),
  outcome: z.enum(['requested', 'approved', 'refused']),
  actor: z.string().min(1).max(100),
  environment: z.string().max(255).optional(),
  reason: z.string().max(2_000),
  ticket: z.string().max(300).optional(),
  /** When it was requested or decided. */
  at: isoDateTime,
  expiresAt: isoDateTime.optional(),
  refusals: z.array(z.string().max(1_000)).max(50).optional(),
  /** Channels told of it, and whether each confirmed delivery. */
  notifications: z
    .array(z.strictObject({ channel: z.string().min(1).max(100), delivered: z.boolean() }))
    .max(50)
    .optional(),
});
export type OverrideRecord = z.infer<typeof OverrideRecordSchema>;

export const ScanEvidenceSchema = z.strictObject({
  engine: z.string().min(1).max(100),
  version: z.string().max(100).optional(),
  status: z.enum(ENGINE_STATUSES),
  /** Absent when the caller had no record of when it ran (an engine that did not run). */
  ranAt: isoDateTime.optional(),
  reason: z.string().max(4_000).optional(),
  categories: z.array(CategorySchema).max(CATEGORIES.length),
  /** Produces a software inventory (SBOM). */
  inventory: z.boolean(),
});
export type ScanEvidence = z.infer<typeof ScanEvidenceSchema>;

const idList = {
  findingIds: z.array(findingId).max(COMPLIANCE_ID_LIST_LIMIT),
  /** How many ids were left out of `findingIds` to keep the file small. */
  findingIdsOmitted: count,
};

export const OwaspCategoryResultSchema = z.strictObject({
  id: z.string().regex(/^A(0[1-9]|10):2021$/),
  name: z.string(),
  url: z.string(),
  open: count,
  suppressed: count,
  openBySeverity: severityCounts,
  ...idList,
});

export const CweTopResultSchema = z.strictObject({
  rank: z.int().min(1).max(25),
  id: z.string().regex(/^CWE-\d+$/),
  name: z.string(),
  url: z.string(),
  open: count,
  suppressed: count,
  ...idList,
});

export const ExceptionInForceSchema = z.strictObject({
  kind: z.enum(['exception', 'vex']),
  ref: z.string().max(1_000).optional(),
  owner: z.string().max(300).optional(),
  reason: z.string().max(2_000),
  expiresAt: isoDateTime.optional(),
  findingCount: count,
  categories: z.array(CategorySchema).max(CATEGORIES.length),
  ...idList,
});
export type ExceptionInForce = z.infer<typeof ExceptionInForceSchema>;

export const CONTROL_STATUSES = ['satisfied', 'not-satisfied', 'incomplete', 'no-evidence'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const ControlResultSchema = z.strictObject({
  /** `pci-dss-4.0:6.3.3`, `soc2:CC7.1`. */
  key: z.string().max(100),
  framework: z.enum(['PCI DSS v4.0', 'SOC 2']),
  id: z.string().max(50),
  title: z.string().max(500),
  /** The requirement in short. */
  requirement: z.string().max(2_000),
  /** What of the requirement this run can evidence, and what it cannot. */
  scope: z.string().max(2_000),
  status: z.enum(CONTROL_STATUSES),
  /** Why the status is what it is, in sentences. */
  statusReasons: z.array(z.string().max(2_000)).max(50),
  evidence: z.strictObject({
    verdict: z.enum(VERDICTS),
    /** The engines that count for this control. */
    scans: z.array(ScanEvidenceSchema),
    categories: z.array(CategorySchema).max(CATEGORIES.length),
    openFindings: count,
    openBySeverity: severityCounts,
    overdue: z.strictObject({ count, ...idList }),
    /** Findings this control treats as unmet (e.g. open critical/high vulnerabilities for 11.3.1). */
    failing: z.strictObject({ count, ...idList }),
    exceptionsInForce: z.strictObject({ count, refs: z.array(z.string().max(1_000)).max(COMPLIANCE_ID_LIST_LIMIT) }),
    overrides: z.array(OverrideRecordSchema).max(200),
  }),
});
export type ControlResult = z.infer<typeof ControlResultSchema>;

export const ComplianceReportSchema = z.strictObject({
  schemaVersion: z.literal(COMPLIANCE_SCHEMA_VERSION),
  generatedAt: isoDateTime,
  tool: z.strictObject({ name: z.literal('gatehouse'), version: z.string().max(100) }),
  target: TargetSchema,
  verdict: z.enum(VERDICTS),
  /** Both can be true: a run can be blocked and incomplete at once. */
  blocked: z.boolean(),
  incomplete: z.boolean(),
  verdictReasons: z
    .array(z.strictObject({ kind: z.enum(['block', 'warn', 'incomplete', 'info']), code: z.string().max(100), message: z.string().max(2_000) }))
    .max(200),
  scans: z.array(ScanEvidenceSchema),
  findings: z.strictObject({
    total: count,
    open: count,
    suppressed: count,
    overdue: count,
    new: count,
    suppressedBy: z.strictObject({ exception: count, baseline: count, vex: count, inline: count }),
  }),
  owaspTop10: z.array(OwaspCategoryResultSchema),
  /** Open findings that map to no OWASP Top 10 (2021) category. */
  owaspUnmappedOpen: count,
  cweTop25: z.array(CweTopResultSchema),
  controls: z.array(ControlResultSchema),
  overrides: z.array(OverrideRecordSchema).max(200),
  exceptionsInForce: z.array(ExceptionInForceSchema).max(1_000),
});
export type ComplianceReport = z.infer<typeof ComplianceReportSchema>;
