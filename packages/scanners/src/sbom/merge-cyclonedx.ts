import { randomUUID } from 'node:crypto';
import { isJsonObject } from '../json-document';

/**
 * One CycloneDX document from several (one per npm project when cyclonedx-npm made them): each
 * document's subject becomes a component that the new subject (the repository) depends on;
 * components are kept once per bom-ref (documents from one tool name the same package alike), and
 * the dependency graph is the union. Documents are the tools' own output, already validated.
 */
export interface MergeSubject {
  name: string;
  version?: string;
}

type Json = Record<string, unknown>;

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function mergeCycloneDx(documents: readonly Json[], subject: MergeSubject, specVersion = '1.6', now = new Date()): Json {
  if (documents.length === 1) return documents[0]!;
  const rootRef = `gatehouse:repository:${subject.name}`;
  const components = new Map<string, unknown>();
  const dependencies = new Map<string, Set<string>>();
  const tools = new Map<string, unknown>();
  const roots: string[] = [];
  const depend = (ref: string, on: readonly string[]) => {
    const set = dependencies.get(ref) ?? new Set<string>();
    for (const d of on) set.add(d);
    dependencies.set(ref, set);
  };

  documents.forEach((doc, index) => {
    const metadata = isJsonObject(doc.metadata) ? doc.metadata : {};
    const projectComponent: Json = isJsonObject(metadata.component) ? { ...metadata.component } : { type: 'application', name: `project-${index + 1}` };
    const projectRef = typeof projectComponent['bom-ref'] === 'string' ? projectComponent['bom-ref'] : `gatehouse:project:${index + 1}`;
    projectComponent['bom-ref'] = projectRef;
    if (!components.has(projectRef)) components.set(projectRef, projectComponent);
    roots.push(projectRef);
    for (const c of asArray(doc.components)) {
      const ref = isJsonObject(c) && typeof c['bom-ref'] === 'string' ? c['bom-ref'] : undefined;
      if (ref === undefined) components.set(`gatehouse:anonymous:${components.size}`, c);
      else if (!components.has(ref)) components.set(ref, c);
    }
    for (const d of asArray(doc.dependencies)) {
      if (isJsonObject(d) && typeof d.ref === 'string') depend(d.ref, asArray(d.dependsOn).filter((x): x is string => typeof x === 'string'));
    }
    const toolList = isJsonObject(metadata.tools) ? asArray(metadata.tools.components) : asArray(metadata.tools);
    for (const t of toolList) if (isJsonObject(t)) tools.set(`${String(t.name)}@${String(t.version)}`, t);
  });
  depend(rootRef, roots);

  return {
    $schema: `http://cyclonedx.org/schema/bom-${specVersion}.schema.json`,
    bomFormat: 'CycloneDX',
    specVersion,
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      tools: { components: [...tools.values()] },
      component: { 'bom-ref': rootRef, type: 'application', name: subject.name, ...(subject.version ? { version: subject.version } : {}) },
    },
    components: [...components.values()],
    dependencies: [...dependencies].map(([ref, on]) => ({ ref, dependsOn: [...on] })),
  };
}
