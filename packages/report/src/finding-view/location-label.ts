import type { Finding } from '@gatehouse/findings';

/**
 * Where a finding is, in words (untrusted text: escape it for the medium). `path:line` for code, the
 * package and its manifest for dependencies, the component and image for container findings.
 */
export function locationLabel(finding: Pick<Finding, 'location'>): string {
  const loc = finding.location;
  switch (loc.kind) {
    case 'code':
      return loc.startLine === undefined ? loc.path : `${loc.path}:${loc.startLine}`;
    case 'package': {
      const pkg = loc.version ? `${loc.name}@${loc.version}` : loc.name;
      return loc.manifest ? `${pkg} (${loc.manifest})` : pkg;
    }
    case 'image': {
      const component = loc.name ? (loc.version ? `${loc.name}@${loc.version}` : loc.name) : (loc.purl ?? loc.target);
      return component ? `${component} in ${loc.ref}` : loc.ref;
    }
    case 'repository':
      return 'repository';
  }
}

/** The installed version of a package or image component, when there is one. */
export function installedVersion(finding: Pick<Finding, 'location'>): string | undefined {
  const loc = finding.location;
  if (loc.kind === 'package' || loc.kind === 'image') return loc.version || undefined;
  return undefined;
}
