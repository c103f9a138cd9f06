import { normalisePypiName, npmPurl, pypiPurl } from '@gatehouse/findings';
import { z } from 'zod';

/** OSV ecosystem names of the packages manifests and SBOMs name. */
export type Ecosystem = string;

/** One installed package, as a lockfile (or an SBOM) pins it. */
export interface PackageRef {
  /** OSV ecosystem: `npm`, `PyPI`, ... */
  ecosystem: Ecosystem;
  /** As the ecosystem spells it (npm: with its scope; PyPI: as written, matched PEP 503-normalised). */
  name: string;
  version: string;
  /** With version; what findings carry. */
  purl: string;
  /** Repository-relative path of the file that pins it. */
  manifest: string;
  /** Declared by the project itself (not only a dependency of a dependency), when the file says. */
  direct?: boolean;
  /** Only needed for development (npm `dev`, Pipfile `develop`, poetry `dev` group), when the file says. */
  dev?: boolean;
  /** npm lockfiles: the `node_modules/...` path of this copy (npm audit names copies by it). */
  path?: string;
}

/** An entry of a manifest that does not become a package, and why. Never silently dropped. */
export interface ManifestSkip {
  /** Where: `line 12`, `packages["node_modules/x"]`, `[[package]] 3`. */
  at: string;
  reason: string;
  name?: string;
  /**
   * The entry could not be read (malformed data), as opposed to a dependency that is simply not
   * from a registry (git, file, workspace). Unreadable entries make the scan incomplete.
   */
  unreadable?: boolean;
}

export interface ManifestParseResult {
  manifest: string;
  kind: ManifestKind;
  ecosystem: Ecosystem;
  packages: PackageRef[];
  /** Entries that are not registry packages (git, file, workspace links) or could not be read. */
  skipped: ManifestSkip[];
  /** Requirements without an exact pin: they cannot be audited exactly and are listed for the summary. */
  unpinned: ManifestSkip[];
  /** Other files this one pulled in (`-r base.txt`), repository-relative. */
  includes?: string[];
}

export const MANIFEST_KINDS = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'requirements.txt',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
  'cyclonedx',
] as const;
export type ManifestKind = (typeof MANIFEST_KINDS)[number];

const name = z.string().min(1).max(1_000).refine((s) => !/[\s\u0000-\u001f]/.test(s), 'has whitespace or control characters');
const version = z.string().min(1).max(300).refine((s) => !/[\s\u0000-\u001f]/.test(s), 'has whitespace or control characters');

/** What every parser's output must satisfy: names and versions become purls, identities and SARIF text. */
export const PackageRefSchema = z.strictObject({
  ecosystem: z.string().min(1).max(100),
  name,
  version,
  purl: z.string().min(1).max(2_000),
  manifest: z.string().min(1).max(4_096),
  direct: z.boolean().optional(),
  dev: z.boolean().optional(),
  path: z.string().max(4_096).optional(),
});

/**
 * Builds a package reference, validated: a lockfile is untrusted input, and an entry whose name or
 * version is not a plausible string is refused (the caller records the reason) instead of reaching a
 * purl or a finding.
 */
export function makePackageRef(fields: Omit<PackageRef, 'purl'> & { purl?: string }): { ok: true; ref: PackageRef } | { ok: false; reason: string } {
  const purl = fields.purl ?? purlOf(fields.ecosystem, fields.name, fields.version);
  const parsed = PackageRefSchema.safeParse({ ...fields, purl });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.map(String).join('.') || 'entry'}: ${issue.message}` };
  }
  const ref: PackageRef = { ecosystem: fields.ecosystem, name: fields.name, version: fields.version, purl, manifest: fields.manifest };
  if (fields.direct !== undefined) ref.direct = fields.direct;
  if (fields.dev !== undefined) ref.dev = fields.dev;
  if (fields.path !== undefined) ref.path = fields.path;
  return { ok: true, ref };
}

/** The purl of a package of a known ecosystem (npm, PyPI); other ecosystems keep the purl they came with. */
export function purlOf(ecosystem: Ecosystem, name: string, version: string): string {
  if (ecosystem === 'npm') return npmPurl(name, version);
  if (ecosystem === 'PyPI') return pypiPurl(name, version);
  return `pkg:generic/${encodeURIComponent(name)}@${encodeURIComponent(version)}`;
}

/** The key two spellings of one package share: PyPI names compare PEP 503-normalised, npm names as they are. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\u0000${ecosystem === 'PyPI' ? normalisePypiName(name) : name}`;
}

export function emptyResult(manifest: string, kind: ManifestKind, ecosystem: Ecosystem): ManifestParseResult {
  return { manifest, kind, ecosystem, packages: [], skipped: [], unpinned: [] };
}

/** Adds a package to a result, or records why it was refused. */
export function addPackage(result: ManifestParseResult, at: string, fields: Omit<PackageRef, 'purl' | 'manifest' | 'ecosystem'>): void {
  const made = makePackageRef({ ...fields, ecosystem: result.ecosystem, manifest: result.manifest });
  if (made.ok) result.packages.push(made.ref);
  else result.skipped.push({ at, reason: made.reason, unreadable: true, name: fields.name.slice(0, 200) });
}
