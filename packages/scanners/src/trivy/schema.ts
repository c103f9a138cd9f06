import { z } from 'zod';

/**
 * trivy's JSON report, schema version 2 (trivy ≥ 0.20; `--format json`), whatever the command:
 * image, fs, repo, rootfs, sbom, config. Go writes empty slices as null, so every array may be
 * null. Fields are read loosely: trivy adds keys often and old reports lack new ones.
 */

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();
const str = z.string();

export const CodeLineSchema = z.looseObject({
  Number: z.number().int().optional(),
  Content: str.optional(),
  IsCause: z.boolean().optional(),
  Truncated: z.boolean().optional(),
});
export type TrivyCodeLine = z.infer<typeof CodeLineSchema>;

const CodeSchema = z.looseObject({ Lines: list(CodeLineSchema) }).nullish();

const LayerSchema = z.looseObject({ Digest: str.optional(), DiffID: str.optional() }).nullish();

const CvssEntrySchema = z.looseObject({
  V2Vector: str.optional(),
  V3Vector: str.optional(),
  V40Vector: str.optional(),
});

export const VulnerabilitySchema = z.looseObject({
  VulnerabilityID: str.min(1),
  PkgName: str.min(1),
  PkgID: str.optional(),
  PkgPath: str.optional(),
  PkgIdentifier: z.looseObject({ PURL: str.optional(), UID: str.optional() }).nullish(),
  InstalledVersion: str.optional(),
  FixedVersion: str.optional(),
  Status: str.optional(),
  Layer: LayerSchema,
  SeveritySource: str.optional(),
  Severity: str.optional(),
  VendorSeverity: z.record(str, z.number()).nullish(),
  CVSS: z.record(str, CvssEntrySchema).nullish(),
  Title: str.optional(),
  Description: str.optional(),
  CweIDs: list(str),
  References: list(str),
  PrimaryURL: str.optional(),
});
export type TrivyVulnerability = z.infer<typeof VulnerabilitySchema>;

export const MisconfigurationSchema = z.looseObject({
  ID: str.min(1),
  AVDID: str.optional(),
  Type: str.optional(),
  Title: str.optional(),
  Description: str.optional(),
  Message: str.optional(),
  Namespace: str.optional(),
  Resolution: str.optional(),
  Severity: str.optional(),
  PrimaryURL: str.optional(),
  References: list(str),
  Status: str.optional(),
  Layer: LayerSchema,
  CauseMetadata: z
    .looseObject({
      Resource: str.optional(),
      Provider: str.optional(),
      Service: str.optional(),
      StartLine: z.number().int().optional(),
      EndLine: z.number().int().optional(),
      Code: CodeSchema,
      Occurrences: list(
        z.looseObject({
          Resource: str.optional(),
          Filename: str.optional(),
          Location: z.looseObject({ StartLine: z.number().int().optional(), EndLine: z.number().int().optional() }).nullish(),
        }),
      ),
    })
    .nullish(),
});
export type TrivyMisconfiguration = z.infer<typeof MisconfigurationSchema>;

export const SecretSchema = z.looseObject({
  RuleID: str.min(1),
  Category: str.optional(),
  Severity: str.optional(),
  Title: str.optional(),
  StartLine: z.number().int().optional(),
  EndLine: z.number().int().optional(),
  Code: CodeSchema,
  Match: str.optional(),
  Layer: LayerSchema,
});
export type TrivySecret = z.infer<typeof SecretSchema>;

export const MetadataSchema = z.looseObject({
  OS: z.looseObject({ Family: str.optional(), Name: str.optional(), EOSL: z.boolean().optional() }).nullish(),
  ImageID: str.optional(),
  RepoTags: list(str),
  RepoDigests: list(str),
  Reference: str.optional(),
});
export type TrivyMetadata = z.infer<typeof MetadataSchema>;
