import type { ParseContext, ParseResult } from '../adapter';
import { RatedSeverityCache } from '../rated-severity-cache';
import { describeIssues } from '../zod-issues';
import type { SbomComponent } from '../sbom/sbom-document';
import { cycloneDxSbom } from './components';
import { readCycloneDxDocument } from './document';
import { CdxVulnerabilitySchema } from './schema';
import { vulnerabilityDraft, type AffectedTarget } from './vulnerability';

/**
 * Analysis states that make a vulnerability a VEX statement (the vendor says it does not apply, or
 * is fixed) rather than a finding: the policy honours such statements from the documents its `vex`
 * list names (packages/policy), so they are counted here and never turned into findings.
 */
const STATEMENT_STATES = new Set(['not_affected', 'false_positive', 'resolved', 'resolved_with_pedigree']);

/**
 * Any CycloneDX JSON document: an SBOM (components, no findings), a scanner's report with embedded
 * vulnerabilities (grype -o cyclonedx-json, trivy --format cyclonedx), or a VEX document. Counting
 * unit: one finding per vulnerability per affected component.
 */
export function parseCycloneDx(content: string, ctx: ParseContext): ParseResult {
  const doc = readCycloneDxDocument(content, ctx.file);
  const sbom = cycloneDxSbom(doc);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  const byRef = new Map<string, SbomComponent>();
  for (const c of sbom.components) if (!byRef.has(c.ref)) byRef.set(c.ref, c);
  const resolve = (ref: string): AffectedTarget => {
    const local = ref.includes('#') && ref.startsWith('urn:cdx:') ? ref.slice(ref.indexOf('#') + 1) : ref;
    const component = byRef.get(local);
    if (component) return { component };
    if (sbom.subject && sbom.subject.ref === local) return { subject: sbom.subject };
    return { unresolved: ref.slice(0, 300) };
  };

  const ratings = new RatedSeverityCache();
  let statements = 0;
  let unresolved = 0;
  const vulnerabilities = Array.isArray(doc.vulnerabilities) ? doc.vulnerabilities : [];
  vulnerabilities.forEach((raw, index) => {
    const parsed = CdxVulnerabilitySchema.safeParse(raw);
    if (!parsed.success) {
      out.nativeCount++;
      out.skipped.push({ at: `vulnerabilities[${index}]`, reason: describeIssues(parsed.error) });
      return;
    }
    const v = parsed.data;
    if (v.analysis?.state && STATEMENT_STATES.has(v.analysis.state)) {
      statements++;
      return;
    }
    const affects = v.affects?.length ? v.affects : [undefined];
    for (const affected of affects) {
      const target: AffectedTarget = affected ? resolve(affected.ref) : sbom.subject ? { subject: sbom.subject } : {};
      if (target.unresolved) unresolved++;
      out.nativeCount++;
      out.findings.push(vulnerabilityDraft(v, target, affected, sbom.subject, sbom.tools, ctx, ratings));
    }
  });

  const nested = sbom.components.length;
  out.notes!.push(`CycloneDX ${doc.specVersion}: ${nested} components${sbom.tools.length ? ` written by ${sbom.tools.join(', ')}` : ''}`);
  if (statements > 0) out.notes!.push(`${statements} vulnerabilities carry a VEX analysis (not_affected, false_positive or resolved): statements, not findings; list this document under the policy's vex to apply them`);
  if (unresolved > 0) out.notes!.push(`${unresolved} affected refs name no component of this document; those findings are filed at repository level`);
  if (sbom.skipped.length > 0) out.notes!.push(`${sbom.skipped.length} components or dependencies could not be read (${sbom.skipped.slice(0, 3).map((s) => `${s.at}: ${s.reason}`).join('; ')})`);
  return out;
}
