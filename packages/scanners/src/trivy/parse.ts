import { ParseError, type Category, type DraftWithHints, type RatedSeverity } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { describeIssues } from '../zod-issues';
import { endOfLifeOsDraft } from '../container-image/os-end-of-life';
import { artifactOf, type TrivyArtifact } from './artifact';
import { misconfigurationToDraft } from './misconfiguration';
import { MisconfigurationSchema, SecretSchema, VulnerabilitySchema } from './schema';
import { secretToDraft } from './secret';
import { vulnerabilityKey, vulnerabilityToDraft } from './vulnerability';

/** trivy's report is an object with `SchemaVersion: 2` and the artifact it scanned; `Results` may be absent. */
function checkSignature(doc: unknown, file: string): Record<string, unknown> {
  if (Array.isArray(doc) && doc.length > 0 && isJsonObject(doc[0]) && 'Target' in doc[0]) {
    throw new ParseError('this is a trivy report in JSON schema 1 (trivy < 0.20), which is not read: run a current trivy', file);
  }
  if (!isJsonObject(doc)) {
    throw new ParseError(`not a trivy JSON report: expected an object with "SchemaVersion" and "ArtifactName", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (Object.hasOwn(doc, 'bomFormat') || Object.hasOwn(doc, 'spdxVersion')) {
    throw new ParseError('this is an SBOM written by trivy, not its JSON report: read it with --from cyclonedx or --from spdx', file);
  }
  if (!Object.hasOwn(doc, 'SchemaVersion')) throw new ParseError('not a trivy JSON report: no "SchemaVersion" (is this another tool\'s report?)', file);
  if (doc.SchemaVersion !== 2) throw new ParseError(`unsupported trivy JSON schema ${JSON.stringify(doc.SchemaVersion)}; only schema 2 is read`, file);
  if (typeof doc.ArtifactName !== 'string' && typeof doc.ArtifactType !== 'string') throw new ParseError('not a trivy JSON report: no "ArtifactName" or "ArtifactType"', file);
  if (doc.Results !== undefined && doc.Results !== null && !Array.isArray(doc.Results)) throw new ParseError('trivy report: "Results" is not an array', file);
  return doc;
}

const OS_TYPES = new Set(['alpine', 'wolfi', 'chainguard', 'debian', 'ubuntu', 'redhat', 'centos', 'rocky', 'alma', 'amazon', 'oracle', 'fedora', 'photon', 'cbl-mariner', 'azurelinux', 'suse', 'opensuse', 'opensuse.leap', 'opensuse.tumbleweed', 'sles', 'echo', 'minimos', 'bottlerocket', 'coreos']);

/**
 * A package result's category: OS packages are container findings; language packages are too
 * when they were found in an image, and sca findings in a repository. (trivy < 0.2x wrote no
 * `Class`: the result type tells OS packages apart.)
 */
function packageCategory(cls: string | undefined, type: string | undefined, artifact: TrivyArtifact): Category {
  const osPackages = cls === 'os-pkgs' || (cls === undefined && type !== undefined && OS_TYPES.has(type));
  return osPackages || artifact.isImage ? 'container' : 'sca';
}

const entriesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * An end-of-life OS gets no more security fixes: a finding of its own, built by the shared
 * `endOfLifeOsDraft` (ADR 1201) so trivy's `Metadata.OS.EOSL` and grype's `distro-eol` alert on one
 * image are one finding.
 */
function endOfLifeFinding(artifact: TrivyArtifact, engineVersion: string | undefined): DraftWithHints | undefined {
  const os = artifact.metadata?.OS;
  if (!os || os.EOSL !== true) return undefined;
  return endOfLifeOsDraft({
    engine: 'trivy',
    ...(engineVersion ? { engineVersion } : {}),
    nativeId: 'Metadata.OS.EOSL',
    family: (os.Family ?? '').slice(0, 200),
    release: (os.Name ?? '').slice(0, 200),
    ...(artifact.isImage && artifact.image ? { image: artifact.image } : {}),
  });
}

export function parseTrivy(content: string, ctx: ParseContext): ParseResult {
  const doc = checkSignature(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  const trivy = isJsonObject(doc.Trivy) ? doc.Trivy : undefined;
  if (trivy && typeof trivy.Version === 'string' && trivy.Version.trim()) out.engineVersion = trivy.Version.trim().slice(0, 100);
  const artifact = artifactOf(doc, ctx);
  const results = entriesOf(doc.Results);
  const seenVulns = new Set<string>();
  const ratings = new Map<string, RatedSeverity>();
  let duplicates = 0;
  let passed = 0;
  let licenses = 0;

  const eol = endOfLifeFinding(artifact, out.engineVersion);
  if (eol) {
    out.nativeCount++;
    out.findings.push(eol);
  }

  results.forEach((raw, r) => {
    const at = `Results[${r}]`;
    const target = isJsonObject(raw) && typeof raw.Target === 'string' ? raw.Target : undefined;
    if (!isJsonObject(raw) || target === undefined) {
      // Without the target, nothing in the result can be placed: each entry is counted and skipped.
      const entries = isJsonObject(raw) ? [...entriesOf(raw.Vulnerabilities), ...entriesOf(raw.Misconfigurations), ...entriesOf(raw.Secrets)] : [raw];
      for (let i = 0; i < Math.max(entries.length, 1); i++) {
        out.nativeCount++;
        out.skipped.push({ at, reason: 'result has no "Target", so its entries cannot be placed' });
      }
      return;
    }
    const cls = typeof raw.Class === 'string' ? raw.Class : undefined;
    const type = typeof raw.Type === 'string' ? raw.Type : undefined;

    const vulnCategory = packageCategory(cls, type, artifact);
    entriesOf(raw.Vulnerabilities).forEach((entry, i) => {
      const parsed = VulnerabilitySchema.safeParse(entry);
      if (!parsed.success) {
        out.nativeCount++;
        out.skipped.push({ at: `${at}.Vulnerabilities[${i}]`, reason: describeIssues(parsed.error) });
        return;
      }
      const key = vulnerabilityKey(parsed.data, target);
      if (seenVulns.has(key)) {
        duplicates++;
        return;
      }
      seenVulns.add(key);
      out.nativeCount++;
      out.findings.push(vulnerabilityToDraft(parsed.data, { artifact, target, category: vulnCategory, ratings, ...(type ? { resultType: type } : {}) }, ctx));
    });

    let failures = 0;
    entriesOf(raw.Misconfigurations).forEach((entry, i) => {
      if (isJsonObject(entry) && typeof entry.Status === 'string' && entry.Status.toUpperCase() === 'PASS') {
        passed++;
        return;
      }
      out.nativeCount++;
      const parsed = MisconfigurationSchema.safeParse(entry);
      if (!parsed.success) {
        out.skipped.push({ at: `${at}.Misconfigurations[${i}]`, reason: describeIssues(parsed.error) });
        return;
      }
      if ((parsed.data.Status ?? 'FAIL').toUpperCase() === 'FAIL') failures++;
      out.findings.push(misconfigurationToDraft(parsed.data, artifact, target, ctx));
    });
    const summary = isJsonObject(raw.MisconfSummary) ? raw.MisconfSummary : undefined;
    if (summary && typeof summary.Failures === 'number' && summary.Failures !== failures) {
      out.notes!.push(`trivy: ${target} MisconfSummary counts ${summary.Failures} failures but the report lists ${failures}`);
    }

    entriesOf(raw.Secrets).forEach((entry, i) => {
      out.nativeCount++;
      const parsed = SecretSchema.safeParse(entry);
      if (!parsed.success) {
        out.skipped.push({ at: `${at}.Secrets[${i}]`, reason: describeIssues(parsed.error) });
        return;
      }
      out.findings.push(secretToDraft(parsed.data, artifact, target, ctx));
    });

    licenses += entriesOf(raw.Licenses).length;
  });

  if (duplicates > 0) out.notes!.push(`trivy listed ${duplicates} vulnerabilities twice for the same package and target (counted once)`);
  if (passed > 0) out.notes!.push(`${passed} trivy checks passed (not findings)`);
  if (licenses > 0) out.notes!.push(`${licenses} trivy license entries were not read: licenses are not a Gatehouse finding category (use the sbom action's license policy)`);
  const excepted = out.findings.filter((f) => f.suppression).length;
  if (excepted > 0) out.notes!.push(`${excepted} trivy misconfigurations are excepted by a check exception (kept as suppressed)`);
  return out;
}
