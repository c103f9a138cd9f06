import type { Finding } from '@gatehouse/findings';

export interface FindingFacts {
  /** Open, with an SLA due date before the report's time. */
  overdue: boolean;
  /** One line: `app/x.py:12`, `lodash@4.17.15 (package-lock.json)`, `nginx:1.25 › libssl3@3.0.11`. */
  where: string;
  locationDetails: [string, string][];
  fixSummary: string;
  severityBasis: string;
}

function lines(start: number | undefined, end: number | undefined): string {
  if (start === undefined) return '';
  return end !== undefined && end !== start ? `${start}–${end}` : String(start);
}

function locationFacts(finding: Finding): Pick<FindingFacts, 'where' | 'locationDetails'> {
  const loc = finding.location;
  const details: [string, string][] = [];
  const add = (label: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') details.push([label, String(value)]);
  };
  switch (loc.kind) {
    case 'code': {
      const span = lines(loc.startLine, loc.endLine);
      add('File', loc.path);
      add('Line', span);
      add('Commit', loc.commit);
      return { where: span ? `${loc.path}:${span}` : loc.path, locationDetails: details };
    }
    case 'package': {
      add('Package', loc.name);
      add('Version', loc.version);
      add('Ecosystem', loc.ecosystem);
      add('Manifest', loc.manifest);
      add('Package URL', loc.purl);
      if (loc.installedVersions && loc.installedVersions.length > 1) add('Installed versions', loc.installedVersions.join(', '));
      return { where: `${loc.name}@${loc.version}${loc.manifest ? ` (${loc.manifest})` : ''}`, locationDetails: details };
    }
    case 'image': {
      add('Image', loc.ref);
      add('Digest', loc.digest);
      add('Layer', loc.layer);
      add('Package', loc.name);
      add('Version', loc.version);
      add('Target', loc.target);
      add('Package URL', loc.purl);
      const pkg = loc.name ? ` › ${loc.name}${loc.version ? `@${loc.version}` : ''}` : loc.target ? ` › ${loc.target}` : '';
      return { where: `${loc.ref}${pkg}`, locationDetails: details };
    }
    case 'repository':
      add('Scope', 'the whole repository');
      return { where: 'repository', locationDetails: details };
  }
}

function fixSummary(finding: Finding): string {
  const { fix } = finding;
  if (fix.versions.length > 0) return `Fixed in ${fix.versions.slice(0, 20).join(', ')}${fix.versions.length > 20 ? ` and ${fix.versions.length - 20} more` : ''}`;
  switch (fix.state) {
    case 'fixed':
      return fix.available ? 'A fix is available' : 'Fixed upstream';
    case 'not_fixed':
      return 'No fix available yet';
    case 'wont_fix':
      return 'The maintainer will not fix it';
    default:
      return fix.available ? 'A fix is available' : 'Fix status unknown';
  }
}

function severityBasis(finding: Finding): string {
  const basis = finding.severityBasis;
  switch (basis.kind) {
    case 'cvss':
      return `CVSS ${basis.cvss.version} ${basis.cvss.score.toFixed(1)}${basis.cvss.source ? ` (${basis.cvss.source})` : ''} ${basis.cvss.vector}`;
    case 'vendor':
      return `Vendor label "${basis.label}" (${basis.source})`;
    case 'tool':
      return `Tool label "${basis.label}" (${basis.source})`;
    case 'default':
      return `Default: ${basis.reason}`;
    case 'none':
      return 'No severity given';
  }
}

/** Where a finding is, in one line (what the table shows and sorts by). */
export function locationSummary(finding: Finding): string {
  return locationFacts(finding).where;
}

/** Open with an SLA due date before `now`. */
export function isOverdue(finding: Finding, now: Date): boolean {
  if (finding.status !== 'open' || !finding.slaDueAt) return false;
  const due = Date.parse(finding.slaDueAt);
  return Number.isFinite(due) && due < now.getTime();
}

/** What the report shows about a finding beyond its raw fields. `now` is the report's own time. */
export function findingFacts(finding: Finding, now: Date): FindingFacts {
  return {
    overdue: isOverdue(finding, now),
    ...locationFacts(finding),
    fixSummary: fixSummary(finding),
    severityBasis: severityBasis(finding),
  };
}
