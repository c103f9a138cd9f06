import { z } from 'zod';
import { CategorySchema } from './category';
import { SeveritySchema } from './severity';

/**
 * Finding schema v1. Every engine's report is normalised into this shape; everything downstream
 * (merge, policy, SARIF, summary, HTML, notifications) reads only this.
 *
 * Strings from scanners are untrusted: lengths are capped here so one hostile entry cannot blow up
 * a comment or a SARIF file; writers still escape them for their medium.
 */

const ISO_DATE_TIME = z.iso.datetime({ offset: true });
const shortText = z.string().max(1_000);
const longText = z.string().max(20_000);

export const CVSS_VERSIONS = ['2.0', '3.0', '3.1', '4.0'] as const;
export const CvssSchema = z.strictObject({
  version: z.enum(CVSS_VERSIONS),
  vector: z.string().max(512),
  score: z.number().min(0).max(10),
  /** Who published the vector: nvd, ghsa, redhat, the scanner's own database, ... */
  source: z.string().max(200).optional(),
});
export type Cvss = z.infer<typeof CvssSchema>;

/**
 * How the severity was decided, best first: a CVSS vector, the vendor's label (an advisory database),
 * the tool's own label, a per-category default (engines that have no severity at all), or nothing.
 */
export const SeverityBasisSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cvss'), cvss: CvssSchema }),
  z.strictObject({ kind: z.literal('vendor'), label: shortText, source: z.string().max(200) }),
  z.strictObject({ kind: z.literal('tool'), label: shortText, source: z.string().max(200) }),
  z.strictObject({ kind: z.literal('default'), reason: shortText }),
  z.strictObject({ kind: z.literal('none') }),
]);
export type SeverityBasis = z.infer<typeof SeverityBasisSchema>;

export const IDENTIFIER_TYPES = ['CVE', 'GHSA', 'OSV', 'PYSEC', 'GO', 'RUSTSEC', 'CWE', 'OWASP', 'RULE', 'OTHER'] as const;
export const IdentifierSchema = z.strictObject({
  type: z.enum(IDENTIFIER_TYPES),
  value: z.string().min(1).max(300),
  url: z.string().max(2_000).optional(),
});
export type Identifier = z.infer<typeof IdentifierSchema>;

/** Repository-relative, forward slashes, no `..` segment. A regex (not a refine) so the JSON Schema carries it too. */
export const REPO_PATH_PATTERN = /^(?!\/)(?![\s\S]*\\)(?!(?:[\s\S]*\/)?\.\.(?:\/|$))[\s\S]+$/;
const repoPath = z.string().min(1).max(4_096).regex(REPO_PATH_PATTERN, 'must be a repository-relative path with forward slashes and no ..');

export const CodeLocationSchema = z.strictObject({
  kind: z.literal('code'),
  path: repoPath,
  /** Absent for file-level findings (e.g. "no HEALTHCHECK in this Dockerfile"). */
  startLine: z.int().min(1).optional(),
  endLine: z.int().min(1).optional(),
  startColumn: z.int().min(1).optional(),
  endColumn: z.int().min(1).optional(),
  /** sha256 of the normalised source line (or its stand-in); what identity uses instead of the line number. */
  contextHash: z.string().max(128).optional(),
  /** For findings in git history (secrets): the commit that introduced it. */
  commit: z.string().max(100).optional(),
});

export const PackageLocationSchema = z.strictObject({
  kind: z.literal('package'),
  purl: z.string().min(1).max(2_000),
  ecosystem: z.string().max(100),
  name: z.string().min(1).max(1_000),
  version: z.string().max(300),
  /** The manifest or lockfile that brought the package in, repository-relative. */
  manifest: repoPath.optional(),
  /** Every installed version seen for this package (merge unites them); not part of identity. */
  installedVersions: z.array(z.string().max(300)).max(1_000).optional(),
});

export const ImageLocationSchema = z.strictObject({
  kind: z.literal('image'),
  ref: z.string().min(1).max(2_000),
  digest: z.string().max(200).optional(),
  layer: z.string().max(200).optional(),
  purl: z.string().max(2_000).optional(),
  name: z.string().max(1_000).optional(),
  version: z.string().max(300).optional(),
  /** Path inside the image (a lockfile, a binary) or trivy's target name. */
  target: z.string().max(4_096).optional(),
  installedVersions: z.array(z.string().max(300)).max(1_000).optional(),
});

/** A finding that names no place at all (e.g. a SARIF result without locations). */
export const RepositoryLocationSchema = z.strictObject({ kind: z.literal('repository') });

export const LocationSchema = z.discriminatedUnion('kind', [
  CodeLocationSchema,
  PackageLocationSchema,
  ImageLocationSchema,
  RepositoryLocationSchema,
]);
export type CodeLocation = z.infer<typeof CodeLocationSchema>;
export type PackageLocation = z.infer<typeof PackageLocationSchema>;
export type ImageLocation = z.infer<typeof ImageLocationSchema>;
export type Location = z.infer<typeof LocationSchema>;

export const FIX_STATES = ['fixed', 'not_fixed', 'wont_fix', 'unknown'] as const;
export const FixSchema = z.strictObject({
  available: z.boolean(),
  versions: z.array(z.string().max(300)).max(200),
  state: z.enum(FIX_STATES),
  /** Free text remediation advice (e.g. "upgrade lodash to 4.17.21", "rotate the key"). */
  advice: z.string().max(2_000).optional(),
});
export type Fix = z.infer<typeof FixSchema>;

/** What we keep of a secret: a keyed hash and at most four characters. The plaintext exists nowhere. */
export const SecretSchema = z.strictObject({
  /** HMAC-SHA256 of the value with the repository's salt; absent when the report had already redacted it. */
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  preview: z.string().max(8),
  verified: z.boolean().optional(),
  author: z.string().max(300).optional(),
  committedAt: z.string().max(100).optional(),
});
export type SecretInfo = z.infer<typeof SecretSchema>;

export const SourceSchema = z.strictObject({
  engine: z.string().min(1).max(100),
  engineVersion: z.string().max(100).optional(),
  /** The id this engine gave it: its rule id, advisory id, or fingerprint. */
  nativeId: z.string().max(1_000),
  nativeSeverity: z.string().max(100).optional(),
  /** The engine's own stable fingerprint, when it has one. */
  fingerprint: z.string().max(1_000).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const SUPPRESSION_KINDS = ['exception', 'baseline', 'vex', 'inline'] as const;
export const SuppressionSchema = z.strictObject({
  kind: z.enum(SUPPRESSION_KINDS),
  reason: z.string().max(2_000),
  owner: z.string().max(300).optional(),
  expiresAt: ISO_DATE_TIME.optional(),
  /** Where the suppression came from: policy file and exception id, VEX document, nosec comment. */
  ref: z.string().max(1_000).optional(),
});
export type Suppression = z.infer<typeof SuppressionSchema>;

export const FindingSchema = z.strictObject({
  /** Identity hash. Never includes severity, description, line number or package version. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  category: CategorySchema,
  ruleId: z.string().min(1).max(500),
  /** Context-free: the same for every instance of the rule. */
  title: z.string().max(1_000),
  /** About this instance. */
  message: longText,
  severity: SeveritySchema,
  severityBasis: SeverityBasisSchema,
  confidence: z.enum(['high', 'medium', 'low']).optional(),
  identifiers: z.array(IdentifierSchema).max(200),
  /** Every vulnerability id of the alias group (CVE, GHSA, OSV, PYSEC, ...). */
  aliases: z.array(z.string().max(300)).max(200),
  location: LocationSchema,
  fix: FixSchema,
  secret: SecretSchema.optional(),
  sources: z.array(SourceSchema).min(1).max(50),
  references: z.array(z.string().max(2_000)).max(50).optional(),
  tags: z.array(z.string().max(200)).max(100).optional(),
  status: z.enum(['open', 'suppressed']),
  suppression: SuppressionSchema.optional(),
  /** Not in the baseline of the base branch (new-only mode). */
  isNew: z.boolean().optional(),
  firstSeen: ISO_DATE_TIME.optional(),
  slaDueAt: ISO_DATE_TIME.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** What an adapter produces: a finding before identity and status are assigned by `finalizeFindings`. */
export type FindingDraft = Omit<Finding, 'id' | 'status'> & Partial<Pick<Finding, 'status'>>;
