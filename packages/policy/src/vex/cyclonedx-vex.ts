import { z } from 'zod';
import { isPurl } from './openvex';
import type { VexProduct, VexStatement, VexStatus } from './vex-statement';

/**
 * CycloneDX VEX: `vulnerabilities[]` with an `analysis.state`, in a VEX-only document or inside an
 * SBOM. `affects[].ref` points at a component by bom-ref (or BOM-Link); the document's own subject
 * (`metadata.component`) stands for the whole product. Vulnerabilities without an analysis are
 * scanner output, not statements, and are left out.
 */
const CDX_STATES = ['resolved', 'resolved_with_pedigree', 'exploitable', 'in_triage', 'false_positive', 'not_affected'] as const;
type CdxState = (typeof CDX_STATES)[number];

/** CycloneDX's impact analysis states in VEX terms (the mapping CISA's VEX guidance uses). */
const STATE_TO_STATUS: Record<CdxState, VexStatus> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

const ref = z.string().trim().min(1).max(2_000);
const ComponentSchema = z.object({
  'bom-ref': ref.optional(),
  purl: z.string().max(2_000).optional(),
  get components() {
    return z.array(ComponentSchema).max(100_000).optional();
  },
});
type Component = z.infer<typeof ComponentSchema>;

const VulnerabilitySchema = z.object({
  id: ref,
  references: z.array(z.object({ id: ref })).max(200).optional(),
  analysis: z
    .object({
      state: z.enum(CDX_STATES).optional(),
      justification: z.string().max(200).optional(),
      detail: z.string().max(10_000).optional(),
      firstIssued: z.string().max(100).optional(),
      lastUpdated: z.string().max(100).optional(),
    })
    .optional(),
  affects: z.array(z.object({ ref })).max(100_000).optional(),
});

export const CycloneDxVexDocumentSchema = z.object({
  bomFormat: z.literal('CycloneDX'),
  metadata: z.object({ timestamp: z.string().max(100).optional(), component: ComponentSchema.optional() }).optional(),
  components: z.array(ComponentSchema).max(1_000_000).optional(),
  vulnerabilities: z.array(VulnerabilitySchema).max(1_000_000).optional(),
});
export type CycloneDxVexDocument = z.infer<typeof CycloneDxVexDocumentSchema>;

export function isCycloneDx(document: Record<string, unknown>): boolean {
  return document.bomFormat === 'CycloneDX';
}

export function cycloneDxStatements(document: CycloneDxVexDocument, file: string): VexStatement[] {
  const purlByRef = componentPurls(document.components ?? []);
  const subjectRef = document.metadata?.component?.['bom-ref'];
  const subjectPurl = document.metadata?.component?.purl;
  const statements: VexStatement[] = [];
  (document.vulnerabilities ?? []).forEach((vulnerability, index) => {
    const state = vulnerability.analysis?.state;
    if (state === undefined) return;
    const products = (vulnerability.affects ?? []).map(({ ref: target }) => resolveProduct(target, purlByRef, subjectRef, subjectPurl));
    const statement: VexStatement = {
      format: 'cyclonedx',
      source: `${file}#/vulnerabilities/${index}`,
      vulnerability: vulnerability.id,
      aliases: (vulnerability.references ?? []).map((r) => r.id).filter((id) => id !== vulnerability.id),
      status: STATE_TO_STATUS[state],
      products,
    };
    const analysis = vulnerability.analysis!;
    if (analysis.justification) statement.justification = analysis.justification;
    if (analysis.detail) statement.detail = analysis.detail;
    const timestamp = analysis.lastUpdated ?? analysis.firstIssued ?? document.metadata?.timestamp;
    if (timestamp) statement.timestamp = timestamp;
    statements.push(statement);
  });
  return statements;
}

function resolveProduct(
  target: string,
  purlByRef: ReadonlyMap<string, string | undefined>,
  subjectRef: string | undefined,
  subjectPurl: string | undefined,
): VexProduct {
  const bomRef = bomLinkFragment(target) ?? target;
  if (bomRef === subjectRef) {
    // The document's subject is the product as a whole; only an image subject narrows it (to that image).
    return subjectPurl?.toLowerCase().startsWith('pkg:oci/') ? { purl: subjectPurl, subcomponents: [] } : { id: bomRef, subcomponents: [] };
  }
  if (purlByRef.has(bomRef)) {
    const purl = purlByRef.get(bomRef);
    return purl ? { purl, subcomponents: [] } : { id: bomRef, subcomponents: [], unresolved: true };
  }
  if (isPurl(bomRef)) return { purl: bomRef, subcomponents: [] };
  return { id: bomRef, subcomponents: [], unresolved: true };
}

/** `urn:cdx:<serial>/<version>#<bom-ref>` names a component of (possibly) another BOM by its bom-ref. */
function bomLinkFragment(target: string): string | undefined {
  if (!target.startsWith('urn:cdx:')) return undefined;
  const hash = target.indexOf('#');
  if (hash < 0) return undefined;
  try {
    return decodeURIComponent(target.slice(hash + 1));
  } catch {
    return target.slice(hash + 1);
  }
}

/** bom-ref -> purl over nested components, iteratively (a hostile SBOM may nest deeply). */
function componentPurls(roots: readonly Component[]): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  const stack: Component[] = [...roots];
  while (stack.length > 0) {
    const component = stack.pop()!;
    const bomRef = component['bom-ref'];
    if (bomRef !== undefined) map.set(bomRef, component.purl && isPurl(component.purl) ? component.purl : undefined);
    if (component.components) stack.push(...component.components);
  }
  return map;
}
