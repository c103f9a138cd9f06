import {
  canonicalVulnId,
  makePurl,
  normaliseVulnId,
  npmPurl,
  ParseError,
  pypiPurl,
  rateSeverity,
  toRepoPath,
  vulnIdentifier,
  type DraftWithHints,
  type Identifier,
  type Location,
} from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { smallestFixingVersion, sortVersions } from '../versions/fix-versions';
import { describeIssues } from '../zod-issues';
import { SnykVulnSchema, type SnykVuln } from './schema';

const isProject = (p: unknown): p is Record<string, unknown> & { vulnerabilities: unknown[] } => isJsonObject(p) && Array.isArray(p.vulnerabilities) && ('ok' in p || 'packageManager' in p);

function projectsOf(doc: unknown, file: string): Record<string, unknown>[] {
  const list = Array.isArray(doc) ? doc : [doc];
  if (list.length === 0 || !list.every(isProject)) {
    throw new ParseError('not a snyk JSON report: expected a project object (or, with --all-projects, an array of them) with "vulnerabilities" and "ok"', file);
  }
  return list;
}

/** snyk's packageManager -> OSV ecosystem and purl type. */
function ecosystemOf(manager: string | undefined): { ecosystem: string; purlType: string } {
  const m = (manager ?? '').toLowerCase().split(':')[0]!;
  if (m === 'npm' || m === 'yarn' || m === 'pnpm') return { ecosystem: 'npm', purlType: 'npm' };
  if (['pip', 'poetry', 'pipenv'].includes(m)) return { ecosystem: 'PyPI', purlType: 'pypi' };
  if (['maven', 'gradle', 'sbt'].includes(m)) return { ecosystem: 'Maven', purlType: 'maven' };
  if (['golang', 'gomodules', 'govendor'].includes(m)) return { ecosystem: 'Go', purlType: 'golang' };
  if (m === 'nuget' || m === 'paket') return { ecosystem: 'NuGet', purlType: 'nuget' };
  if (m === 'rubygems') return { ecosystem: 'RubyGems', purlType: 'gem' };
  if (m === 'composer') return { ecosystem: 'Packagist', purlType: 'composer' };
  if (m === 'deb' || m === 'debian' || m === 'ubuntu') return { ecosystem: 'Debian', purlType: 'deb' };
  if (m === 'apk' || m === 'alpine') return { ecosystem: 'Alpine', purlType: 'apk' };
  if (m === 'rpm' || m === 'rhel' || m === 'centos') return { ecosystem: 'Red Hat', purlType: 'rpm' };
  return { ecosystem: m || 'unknown', purlType: 'generic' };
}

function purlOf(purlType: string, name: string, version: string, manager: string | undefined): string {
  if (purlType === 'npm') return npmPurl(name, version);
  if (purlType === 'pypi') return pypiPurl(name, version);
  if (purlType === 'maven' && name.includes(':')) return makePurl('maven', name.slice(name.indexOf(':') + 1), version, name.slice(0, name.indexOf(':')));
  if (purlType === 'deb' || purlType === 'apk' || purlType === 'rpm') {
    // gcc-10/libgcc-s1: source package / binary package; the distro is in the package manager ("debian:11").
    const distro = (manager ?? '').split(':')[0] || purlType;
    return makePurl(purlType, name.split('/').at(-1)!, version, distro);
  }
  return makePurl(purlType, name, version);
}

/** `docker-image|name@tag` (snyk container's first `from` entry) -> `name:tag`. */
function imageRefOf(project: Record<string, unknown>, vuln: SnykVuln | undefined, ctx: ParseContext): string | undefined {
  if (ctx.imageRef) return ctx.imageRef;
  const root = vuln?.from?.[0] ?? '';
  const m = /^docker-image\|(.+)@([^@]+)$/.exec(root);
  if (m) return `${m[1]}:${m[2]}`;
  const name = typeof project.projectName === 'string' ? project.projectName.replace(/^docker-image\|/, '') : undefined;
  return name || undefined;
}

interface ProjectPlace {
  manifest?: string;
  image?: string;
  target?: string;
}

function vulnDraft(v: SnykVuln, place: ProjectPlace): DraftWithHints {
  const { ecosystem, purlType } = ecosystemOf(v.packageManager);
  const name = v.packageName;
  const purl = purlOf(purlType, name, v.version, v.packageManager);
  const location: Location = place.image
    ? { kind: 'image', ref: place.image, purl, name, version: v.version, ...(place.target ? { target: place.target } : {}) }
    : { kind: 'package', purl, ecosystem, name, version: v.version, ...(place.manifest ? { manifest: place.manifest } : {}) };
  if (v.type === 'license') {
    return {
      category: place.image ? 'container' : 'sca',
      ruleId: 'license-violation',
      title: 'License not allowed by the snyk license policy',
      message: `${name} ${v.version} is licensed ${v.license ?? v.title ?? 'under a license'} that the snyk license policy flags (${v.id}).`,
      severity: 'unknown',
      severityBasis: { kind: 'none' },
      identifiers: [{ type: 'OTHER', value: v.id }],
      aliases: [],
      location,
      fix: { available: false, versions: [], state: 'unknown' },
      sources: [{ engine: 'snyk', nativeId: v.id, ...(v.severity ? { nativeSeverity: v.severity } : {}) }],
      tags: ['license'],
    };
  }
  const ids = Object.entries(v.identifiers ?? {})
    .filter(([type]) => ['CVE', 'GHSA'].includes(type.toUpperCase()))
    .flatMap(([, values]) => values)
    .map(normaliseVulnId);
  const cwes = (v.identifiers?.CWE ?? []).filter((c) => /^CWE-\d{1,6}$/.test(c));
  const nvd = v.cvssDetails?.find((d) => (d.assigner ?? '').toUpperCase() === 'NVD')?.cvssV3Vector ?? undefined;
  const rating = rateSeverity({
    vectors: [...(v.CVSSv3 ? [{ vector: v.CVSSv3, source: 'snyk' }] : []), ...(nvd ? [{ vector: nvd, source: 'nvd' }] : [])],
    ...(v.severity ? { vendor: { label: v.severity, source: 'snyk' } } : {}),
  });
  const fixes = sortVersions(ecosystem, v.fixedIn ?? []);
  const smallest = smallestFixingVersion(ecosystem, v.version, fixes) ?? fixes[0];
  const upgrade = (v.upgradePath ?? []).find((s): s is string => typeof s === 'string');
  const identifiers: Identifier[] = [...ids.map(vulnIdentifier), { type: 'OTHER', value: v.id, url: `https://security.snyk.io/vuln/${encodeURIComponent(v.id)}` }, ...cwes.map((c): Identifier => ({ type: 'CWE', value: c }))];
  return {
    category: place.image ? 'container' : 'sca',
    ruleId: canonicalVulnId(ids) ?? v.id,
    title: (v.title ?? v.id).replace(/\s+/g, ' ').slice(0, 300),
    message: `${name} ${v.version}${place.manifest ? ` in ${place.manifest}` : place.image ? ` in image ${place.image}` : ''}: ${v.title ?? v.id} (${[v.id, ...ids].join(', ')})${fixes.length ? `; fixed in ${fixes.join(', ')}` : '; no fixed version'}.`,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    identifiers,
    aliases: [...new Set([...ids])],
    location,
    fix: {
      available: fixes.length > 0,
      versions: fixes.slice(0, 200),
      state: fixes.length ? 'fixed' : 'unknown',
      ...(upgrade ? { advice: `upgrade to ${upgrade}` } : smallest ? { advice: `upgrade ${name} to ${smallest}` } : {}),
    },
    sources: [{ engine: 'snyk', nativeId: v.id, ...(v.severity ? { nativeSeverity: v.severity } : {}) }],
  };
}

/**
 * snyk CLI JSON (parse-only, `gatehouse normalize --from snyk`): a project, an `--all-projects`
 * array of projects, or a container project with its `applications`. snyk lists a vulnerability
 * once per dependency path (`from`); Gatehouse counts one finding per vulnerability per package
 * version per project. Container projects give container findings on the image; license issues are
 * `license-violation` findings; `filtered.ignore` entries (the .snyk policy's ignores) are kept as
 * suppressed findings.
 */
export function parseSnyk(content: string, ctx: ParseContext): ParseResult {
  const projects = projectsOf(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  const readProject = (project: Record<string, unknown>, at: string, image?: string) => {
    const vulns = Array.isArray(project.vulnerabilities) ? project.vulnerabilities : [];
    const ignored = isJsonObject(project.filtered) && Array.isArray(project.filtered.ignore) ? project.filtered.ignore : [];
    const firstVuln = SnykVulnSchema.safeParse(vulns[0]);
    const isContainer = image !== undefined || isJsonObject(project.docker) || (typeof project.projectName === 'string' && project.projectName.startsWith('docker-image|'));
    const place: ProjectPlace = {};
    if (isContainer) {
      const ref = image ?? imageRefOf(project, firstVuln.success ? firstVuln.data : undefined, ctx);
      if (ref) place.image = ref;
      const target = typeof project.displayTargetFile === 'string' ? project.displayTargetFile : undefined;
      if (image && target) place.target = target;
    } else if (typeof project.displayTargetFile === 'string') {
      const resolved = toRepoPath(project.displayTargetFile, ctx.workspace);
      if (resolved.ok) place.manifest = resolved.path;
    }
    const seen = new Set<string>();
    const read = (raw: unknown, where: string, suppressed: boolean) => {
      const vuln = SnykVulnSchema.safeParse(raw);
      const key = vuln.success ? `${vuln.data.id}\u0000${vuln.data.packageName}\u0000${vuln.data.version}` : where;
      if (seen.has(key)) return; // the same vulnerability reached through another dependency path
      seen.add(key);
      out.nativeCount += 1;
      if (!vuln.success) {
        out.skipped.push({ at: where, reason: describeIssues(vuln.error) });
        return;
      }
      const draft = vulnDraft(vuln.data, place);
      if (suppressed) draft.suppression = { kind: 'exception', reason: 'ignored in the .snyk policy (not a Gatehouse exception)', ref: '.snyk' };
      out.findings.push(draft);
    };
    vulns.forEach((raw, i) => read(raw, `${at}.vulnerabilities[${i}]`, false));
    ignored.forEach((raw, i) => read(raw, `${at}.filtered.ignore[${i}]`, true));
    if (Array.isArray(project.applications)) {
      project.applications.forEach((app, i) => {
        if (isJsonObject(app)) readProject(app, `${at}.applications[${i}]`, place.image ?? imageRefOf(project, undefined, ctx) ?? 'unknown-image');
      });
    }
  };
  projects.forEach((project, i) => readProject(project, Array.isArray(projects) && projects.length > 1 ? `[${i}]` : 'project'));
  return out;
}
