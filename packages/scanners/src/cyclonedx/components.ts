import { describeIssues } from '../zod-issues';
import { isJsonObject } from '../json-document';
import { purlEcosystem, validPurl, type SbomComponent, type SbomDocument, type SbomSubject } from '../sbom/sbom-document';
import { CdxComponentSchema, CdxDependencySchema, CdxToolsSchema, type CdxComponent } from './schema';

/** Nesting deeper than this is refused entry by entry rather than walked (a hostile document cannot exhaust the stack: the walk is iterative anyway). */
const MAX_DEPTH = 64;

/** Properties in which generators record where a component was found (syft, trivy, cdxgen). */
const LOCATION_PROPERTIES = /^(syft:location:\d+:path|aquasecurity:trivy:FilePath|SrcFile)$/;

function locationsOf(component: CdxComponent): string[] {
  return (component.properties ?? []).filter((p) => LOCATION_PROPERTIES.test(p.name) && p.value).map((p) => p.value!.slice(0, 4_096));
}

/** cyclonedx-npm and cdxgen mark packages only needed to develop the project. */
function isDevelopment(component: CdxComponent): boolean {
  return (component.properties ?? []).some((p) => (p.name === 'cdx:npm:package:development' || p.name === 'cdx:pnpm:package:development') && p.value === 'true');
}

function nameOf(component: CdxComponent): string {
  return component.group ? `${component.group}/${component.name}` : component.name;
}

function subjectOf(raw: unknown): SbomSubject | undefined {
  const parsed = CdxComponentSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const purl = validPurl(c.purl);
  return { name: nameOf(c), ...(c['bom-ref'] ? { ref: c['bom-ref'] } : {}), ...(c.version ? { version: c.version } : {}), ...(c.type ? { type: c.type } : {}), ...(purl ? { purl } : {}) };
}

function toolsOf(raw: unknown): string[] {
  const parsed = CdxToolsSchema.safeParse(raw);
  if (!parsed.success) return [];
  const tools = Array.isArray(parsed.data) ? parsed.data : [...(parsed.data.components ?? []), ...(parsed.data.services ?? [])];
  return tools.map((t) => [t.name, t.version].filter(Boolean).join(' ')).filter(Boolean).slice(0, 20);
}

/** Every component of a CycloneDX document, nested ones included, in document order. */
export function cycloneDxSbom(doc: Record<string, unknown> & { specVersion: string }): SbomDocument {
  const skipped: SbomDocument['skipped'] = [];
  const components: SbomComponent[] = [];
  const stack: { raw: unknown; at: string; depth: number }[] = [];
  const top = Array.isArray(doc.components) ? doc.components : [];
  for (let i = top.length - 1; i >= 0; i--) stack.push({ raw: top[i], at: `components[${i}]`, depth: 1 });
  while (stack.length > 0) {
    const { raw, at, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) {
      skipped.push({ at, reason: `nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    const parsed = CdxComponentSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ at, reason: describeIssues(parsed.error) });
      continue;
    }
    const c = parsed.data;
    const purl = validPurl(c.purl);
    const ecosystem = purlEcosystem(purl);
    components.push({
      ref: (c['bom-ref'] || purl || `${at}`).slice(0, 2_000),
      name: nameOf(c).slice(0, 1_000),
      ...(c.version ? { version: c.version.slice(0, 300) } : {}),
      ...(purl ? { purl } : {}),
      ...(ecosystem ? { ecosystem } : {}),
      ...(c.type ? { type: c.type.slice(0, 100) } : {}),
      ...(c.scope ? { scope: c.scope } : {}),
      ...(isDevelopment(c) ? { development: true } : {}),
      locations: locationsOf(c),
    });
    const children = c.components ?? [];
    for (let j = children.length - 1; j >= 0; j--) stack.push({ raw: children[j], at: `${at}.components[${j}]`, depth: depth + 1 });
  }

  const dependencies = new Map<string, string[]>();
  const deps = Array.isArray(doc.dependencies) ? doc.dependencies : [];
  deps.forEach((raw, i) => {
    const parsed = CdxDependencySchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({ at: `dependencies[${i}]`, reason: describeIssues(parsed.error) });
      return;
    }
    const list = dependencies.get(parsed.data.ref) ?? [];
    list.push(...(parsed.data.dependsOn ?? []));
    dependencies.set(parsed.data.ref, list);
  });

  const metadata = isJsonObject(doc.metadata) ? doc.metadata : undefined;
  const subject = metadata ? subjectOf(metadata.component) : undefined;
  return {
    format: 'cyclonedx',
    specVersion: doc.specVersion,
    ...(subject ? { subject } : {}),
    tools: metadata ? toolsOf(metadata.tools) : [],
    components,
    dependencies,
    hasDependencyGraph: Array.isArray(doc.dependencies),
    skipped,
  };
}
