import { isJsonObject } from '../json-document';
import { purlEcosystem, validPurl, type SbomComponent, type SbomDocument, type SbomSubject } from '../sbom/sbom-document';
import { describeIssues } from '../zod-issues';
import { SyftArtifactSchema, SyftRelationshipSchema, SyftSourceSchema } from './schema';

function subjectOf(raw: unknown): SbomSubject | undefined {
  const parsed = SyftSourceSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  // Old schemas: {type, target: {userInput} | "path"}; newer: {id, name, version, type, metadata}.
  const target = isJsonObject(s.target) ? s.target : undefined;
  const name = s.name || (typeof target?.userInput === 'string' ? target.userInput : undefined) || (typeof s.target === 'string' ? s.target : undefined);
  if (!name) return undefined;
  return { name: name.slice(0, 1_000), ...(s.id ? { ref: s.id } : {}), ...(s.version ? { version: s.version.slice(0, 300) } : {}), ...(s.type ? { type: s.type === 'image' ? 'container' : s.type } : {}) };
}

export function syftSbom(doc: Record<string, unknown> & { artifacts: unknown[] }): SbomDocument {
  const skipped: SbomDocument['skipped'] = [];
  const components: SbomComponent[] = [];
  doc.artifacts.forEach((raw, i) => {
    const parsed = SyftArtifactSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ at: `artifacts[${i}]`, reason: describeIssues(parsed.error) });
      return;
    }
    const a = parsed.data;
    const purl = validPurl(a.purl);
    const ecosystem = purlEcosystem(purl);
    components.push({
      ref: a.id.slice(0, 2_000),
      name: a.name.slice(0, 1_000),
      ...(a.version ? { version: a.version.slice(0, 300) } : {}),
      ...(purl ? { purl } : {}),
      ...(ecosystem ? { ecosystem } : {}),
      ...(a.type ? { type: a.type.slice(0, 100) } : {}),
      locations: (a.locations ?? []).map((l) => l.path.slice(0, 4_096)),
    });
  });

  // "A dependency-of B": B depends on A. Other relationships (contains, evident-by, ownership) are about files.
  const dependencies = new Map<string, string[]>();
  const relationships = Array.isArray(doc.artifactRelationships) ? doc.artifactRelationships : [];
  let graph = false;
  relationships.forEach((raw, i) => {
    const parsed = SyftRelationshipSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ at: `artifactRelationships[${i}]`, reason: describeIssues(parsed.error) });
      return;
    }
    if (parsed.data.type !== 'dependency-of') return;
    graph = true;
    const list = dependencies.get(parsed.data.child) ?? [];
    list.push(parsed.data.parent);
    dependencies.set(parsed.data.child, list);
  });

  const descriptor = isJsonObject(doc.descriptor) ? doc.descriptor : undefined;
  const schema = isJsonObject(doc.schema) ? doc.schema : undefined;
  const subject = subjectOf(doc.source);
  const version = typeof schema?.version === 'string' ? schema.version : undefined;
  return {
    format: 'syft',
    ...(version ? { specVersion: version } : {}),
    ...(subject ? { subject } : {}),
    tools: descriptor && typeof descriptor.name === 'string' ? [[descriptor.name, typeof descriptor.version === 'string' ? descriptor.version : ''].join(' ').trim()] : [],
    components,
    dependencies,
    hasDependencyGraph: graph,
    skipped,
  };
}
