import { z } from 'zod';

/** The platforms a pinned binary can be published for, named `<os>-<cpu>`. */
export const PLATFORM_IDS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'windows-x64', 'windows-arm64'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex characters');
const exactVersion = z.string().regex(/^\d+\.\d+\.\d+$/, 'versions are pinned exactly (MAJOR.MINOR.PATCH)');
const argv = z.array(z.string().min(1)).max(8);

/**
 * A path inside an archive, as written in the versions file: relative, forward slashes, no `.`/`..`
 * segments. The same rule the extractor applies to archive entries, so the executable we look for can
 * never be outside what we extracted.
 */
const archivePath = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !/^[a-zA-Z]:/.test(p), 'must be a relative path with forward slashes')
  .refine((p) => p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'must not contain empty, "." or ".." segments');

const assetName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.{}+-]+$/, 'an asset is a single file name');

const platformAsset = z
  .object({
    /** File name of the release asset; `{version}` is replaced by the pinned version. */
    asset: assetName,
    archive: z.enum(['tar.gz', 'zip', 'binary']),
    /** Path of the executable inside the archive (for `binary`, the name it is installed under). */
    executable: archivePath,
    /** sha256 of the asset as published; null when no published checksum could be found. */
    sha256: sha256Hex.nullable(),
    /** Required when sha256 is null: why the platform cannot be verified (the installer refuses it). */
    unverifiableReason: z.string().min(1).optional(),
  })
  .strict()
  .refine((a) => a.sha256 !== null || a.unverifiableReason !== undefined, {
    message: 'a platform without a sha256 must say why (unverifiableReason)',
  });

const binaryTool = z
  .object({
    version: exactVersion,
    /** `{version}` and `{asset}` are substituted; must be https. */
    urlTemplate: z
      .string()
      .startsWith('https://', 'release downloads must be https')
      .refine((t) => t.includes('{asset}'), 'the URL template must contain {asset}'),
    /** Arguments that make the tool print its version (`gitleaks version`, `trivy --version`). */
    versionArgs: argv,
    /** Versions known to be malicious or broken; the pinned version must not be one of them. */
    revokedVersions: z.array(exactVersion),
    installHint: z.string().min(1),
    platforms: z.partialRecord(z.enum(PLATFORM_IDS), platformAsset),
  })
  .strict()
  .refine((t) => !t.revokedVersions.includes(t.version), { message: 'the pinned version is listed as revoked' });

const pythonTool = z
  .object({
    package: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    version: exactVersion,
    executable: z.string().regex(/^[\w.-]+$/),
    versionArgs: argv,
    /** `name==version --hash=sha256:…` lines for the whole closure; empty when not yet known. */
    requirementHashes: z.array(z.string().regex(/^[A-Za-z0-9._-]+==[\w.!+-]+( --hash=sha256:[0-9a-f]{64})+$/)),
    /** Required when requirementHashes is empty: why the install is version-pinned only. */
    unhashedReason: z.string().min(1).optional(),
    installHint: z.string().min(1),
  })
  .strict()
  .refine((t) => t.requirementHashes.length > 0 || t.unhashedReason !== undefined, {
    message: 'a Python tool without requirement hashes must say why (unhashedReason)',
  });

const npmIntegrity = z.string().regex(/^sha512-[A-Za-z0-9+/]{86}==$/, 'an npm integrity is a sha512 SRI string');
const npmPackageName = z.string().regex(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/);

const npmTool = z
  .object({
    package: npmPackageName,
    version: exactVersion,
    integrity: npmIntegrity,
    executable: z.string().regex(/^[\w.-]+$/),
    versionArgs: argv,
    /** Packages installed alongside (rule presets, plugins), pinned the same way. */
    companions: z.array(z.object({ package: npmPackageName, version: exactVersion, integrity: npmIntegrity }).strict()).optional(),
    installHint: z.string().min(1),
  })
  .strict();

const database = z
  .object({
    /** How old a cached database may be before it is refreshed. */
    maxAgeHours: z.number().int().positive().max(24 * 7),
    /** Where the scanner fetches it, in the order tried; a mirror from `mirrorEnv` is tried last. */
    sources: z.array(z.string().min(1)).min(1),
    mirrorEnv: z.string().regex(/^GATEHOUSE_[A-Z0-9_]+$/),
  })
  .strict();

export const toolVersionsSchema = z
  .object({
    schemaVersion: z.literal(1),
    binaries: z.record(z.string().regex(/^[a-z0-9-]+$/), binaryTool),
    python: z.record(z.string().regex(/^[a-z0-9-]+$/), pythonTool),
    npm: z.record(z.string().regex(/^[a-z0-9-]+$/), npmTool),
    databases: z.record(z.string().regex(/^[a-z0-9-]+$/), database),
  })
  .strict();

export type ToolVersions = z.infer<typeof toolVersionsSchema>;
export type BinaryToolPin = ToolVersions['binaries'][string];
export type PlatformAssetPin = NonNullable<BinaryToolPin['platforms'][PlatformId]>;
export type PythonToolPin = ToolVersions['python'][string];
export type NpmToolPin = ToolVersions['npm'][string];
export type DatabasePin = ToolVersions['databases'][string];
