import { imageRepository, type Finding } from '@gatehouse/findings';
import { truncateText } from '../text/truncate-text';
import { pseudoUri, repoPathToUri } from './artifact-uri';
import { SARIF_TEXT_LIMITS } from './limits';
import type { SarifLocation, SarifLogicalLocation, SarifRegion } from './sarif-log';

/**
 * Where a result points, and whether its `primaryLocationLineHash` can be the hash of a real source
 * line. The choices (docs/sarif.md, "Locations"):
 *
 * - code: the file and region as reported;
 * - package: its manifest or lockfile at line 1 (the package is named in the message and a logical
 *   location), else a pseudo-path `.gatehouse/packages/<ecosystem>/<name>`;
 * - image: the Dockerfile the caller names, at line 1, else `.gatehouse/images/<repository>`, with
 *   the image and component as logical locations;
 * - repository-level: `.gatehouse/repository`.
 */
export interface ResultLocation {
  location: SarifLocation;
  /** For code findings (not secrets) with a line: the line whose content GitHub would hash. */
  hashedLine?: { path: string; line: number };
}

export interface LocationOptions {
  /** Repository-relative Dockerfile that built the scanned image, when known. */
  dockerfile?: string;
}

const LINE_ONE: SarifRegion = { startLine: 1 };

export function resultLocation(finding: Finding, options: LocationOptions): ResultLocation {
  const loc = finding.location;
  switch (loc.kind) {
    case 'code': {
      const uri = repoPathToUri(loc.path);
      if (uri === undefined) return { location: physical(pseudoUri('repository')) };
      if (loc.startLine === undefined) return { location: physical(uri) };
      const location = physical(uri, codeRegion(loc));
      // A secret's line holds the secret: a hash of it must not leave the machine (docs/sarif.md).
      return finding.category === 'secret' ? { location } : { location, hashedLine: { path: loc.path, line: loc.startLine } };
    }
    case 'package': {
      const manifestUri = loc.manifest ? repoPathToUri(loc.manifest) : undefined;
      const uri = manifestUri ?? pseudoUri('packages', loc.ecosystem || 'unknown', loc.name);
      return {
        location: physical(uri, manifestUri ? LINE_ONE : undefined, [
          logical('package', loc.version ? `${loc.name}@${loc.version}` : loc.name, loc.purl),
        ]),
      };
    }
    case 'image': {
      const dockerfileUri = options.dockerfile ? repoPathToUri(options.dockerfile) : undefined;
      const uri = dockerfileUri ?? pseudoUri('images', imageRepository(loc.ref));
      const logicals = [logical('module', loc.ref, loc.digest ? `${loc.ref}@${loc.digest}` : loc.ref)];
      const component = loc.name ?? loc.purl ?? loc.target;
      if (component) logicals.push(logical('package', loc.version ? `${component}@${loc.version}` : component, loc.purl ?? loc.target ?? component));
      return { location: physical(uri, dockerfileUri ? LINE_ONE : undefined, logicals) };
    }
    case 'repository':
      return { location: physical(pseudoUri('repository')) };
  }
}

function physical(uri: string, region?: SarifRegion, logicalLocations?: SarifLogicalLocation[]): SarifLocation {
  const location: SarifLocation = {
    physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) },
  };
  if (logicalLocations?.length) location.logicalLocations = logicalLocations;
  return location;
}

function logical(kind: string, name: string, fullyQualifiedName: string): SarifLogicalLocation {
  return {
    name: truncateText(name, SARIF_TEXT_LIMITS.logicalName),
    fullyQualifiedName: truncateText(fullyQualifiedName, SARIF_TEXT_LIMITS.logicalName),
    kind,
  };
}

/** A region GitHub accepts: lines and columns from 1, an end never before the start. */
function codeRegion(loc: { startLine?: number; endLine?: number; startColumn?: number; endColumn?: number }): SarifRegion {
  const region: SarifRegion = { startLine: loc.startLine! };
  const endLine = loc.endLine !== undefined && loc.endLine >= region.startLine ? loc.endLine : undefined;
  if (endLine !== undefined && endLine !== region.startLine) region.endLine = endLine;
  if (loc.startColumn !== undefined) region.startColumn = loc.startColumn;
  if (loc.endColumn !== undefined) {
    const sameLine = (endLine ?? region.startLine) === region.startLine;
    if (!sameLine || loc.startColumn === undefined || loc.endColumn >= loc.startColumn) region.endColumn = loc.endColumn;
  }
  return region;
}
