import { isJsonObject } from '../json-document';
import { purlEcosystem, validPurl, type SbomComponent, type SbomDocument, type SbomSubject } from '../sbom/sbom-document';
import { describeIssues } from '../zod-issues';
import { SpdxPackageSchema, SpdxRelationshipSchema } from './schema';

const DOCUMENT = 'SPDXRef-DOCUMENT';

/** Where the generator says it found the package: syft "…: /lib/apk/db/installed", trivy "package found in: Manifest.toml". */
function locationOfSourceInfo(sourceInfo: string | undefined): string[] {
  const match = sourceInfo ? /(?:found in|from [^:]*):\s*(\S.*)$/.exec(sourceInfo) : null;
  return match ? [match[1]!.trim().slice(0, 4_096)] : [];
}

/** Relationship types that make an edge "from depends on to" in the dependency graph; the *_OF ones point the other way. */
function edgeOf(type: string, from: string, to: string): [string, string] | undefined {
  const t = type.toUpperCase();
  if (t === 'DEPENDS_ON' || t === 'CONTAINS') return [from, to];
  if (t.endsWith('DEPENDENCY_OF') || t === 'CONTAINED_BY') return [to, from];
  return undefined;
}

export function spdxSbom(doc: Record<string, unknown> & { spdxVersion: string }): SbomDocument {
  const skipped: SbomDocument['skipped'] = [];
  const components: SbomComponent[] = [];
  const packages = Array.isArray(doc.packages) ? doc.packages : [];
  packages.forEach((raw, i) => {
    const parsed = SpdxPackageSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ at: `packages[${i}]`, reason: describeIssues(parsed.error) });
      return;
    }
    const p = parsed.data;
    const purl = (p.externalRefs ?? []).filter((r) => r.referenceType === 'purl').map((r) => validPurl(r.referenceLocator)).find(Boolean);
    const ecosystem = purlEcosystem(purl);
    components.push({
      ref: p.SPDXID.slice(0, 2_000),
      name: p.name.slice(0, 1_000),
      ...(p.versionInfo ? { version: p.versionInfo.slice(0, 300) } : {}),
      ...(purl ? { purl } : {}),
      ...(ecosystem ? { ecosystem } : {}),
      ...(p.primaryPackagePurpose ? { type: p.primaryPackagePurpose.toLowerCase().slice(0, 100) } : {}),
      locations: locationOfSourceInfo(p.sourceInfo),
    });
  });

  const dependencies = new Map<string, string[]>();
  let describes: string | undefined;
  let graph = false;
  const relationships = Array.isArray(doc.relationships) ? doc.relationships : [];
  relationships.forEach((raw, i) => {
    const parsed = SpdxRelationshipSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ at: `relationships[${i}]`, reason: describeIssues(parsed.error) });
      return;
    }
    const r = parsed.data;
    if (r.spdxElementId === DOCUMENT && r.relationshipType.toUpperCase() === 'DESCRIBES') {
      describes ??= r.relatedSpdxElement;
      return;
    }
    const edge = edgeOf(r.relationshipType, r.spdxElementId, r.relatedSpdxElement);
    if (!edge) return;
    graph = true;
    const list = dependencies.get(edge[0]) ?? [];
    list.push(edge[1]);
    dependencies.set(edge[0], list);
  });
  if (!describes && Array.isArray(doc.documentDescribes) && typeof doc.documentDescribes[0] === 'string') describes = doc.documentDescribes[0];

  const root = describes ? components.find((c) => c.ref === describes) : undefined;
  const subject: SbomSubject | undefined = root
    ? { ref: root.ref, name: root.name, ...(root.version ? { version: root.version } : {}), ...(root.type ? { type: root.type } : {}), ...(root.purl ? { purl: root.purl } : {}) }
    : typeof doc.name === 'string'
      ? { name: doc.name.slice(0, 1_000) }
      : undefined;
  const creationInfo = isJsonObject(doc.creationInfo) ? doc.creationInfo : undefined;
  const creators = Array.isArray(creationInfo?.creators) ? creationInfo.creators.filter((c): c is string => typeof c === 'string') : [];
  return {
    format: 'spdx',
    specVersion: doc.spdxVersion,
    ...(subject ? { subject } : {}),
    tools: creators.filter((c) => c.startsWith('Tool:')).map((c) => c.slice(5).trim().slice(0, 200)).slice(0, 20),
    components,
    dependencies,
    hasDependencyGraph: graph,
    skipped,
  };
}
