import { z } from 'zod';
import { ConfigurationError, SEVERITIES, type Category, type EngineStatus, type Finding, type FindingsDocument, type Severity } from '@gatehouse/findings';
import {
  COMPLIANCE_ID_LIST_LIMIT,
  COMPLIANCE_SCHEMA_VERSION,
  ComplianceReportSchema,
  OverrideRecordSchema,
  ScanRecordSchema,
  type ComplianceReport,
  type ControlResult,
  type ControlStatus,
  type ExceptionInForce,
  type OverrideRecord,
  type ScanEvidence,
  type ScanRecord,
} from './compliance-schema';
import { CONTROL_CATALOG, type ControlContext, type ControlDefinition, type FindingFacts } from './control-catalog';
import { CWE_TOP25_2024, cweUrl } from './cwe-top25-2024';
import { isInventoryEngine, knownEngineCategories } from './engine-coverage';
import { OWASP_TOP10_2021 } from './owasp-top10-2021';
import { cwesOfFinding, owaspCategoriesOfFinding } from './weakness-ids';

export interface BuildComplianceOptions {
  /** When each engine ran and how it ended (the engines of `doc` are used for what this omits). */
  scans: readonly ScanRecord[];
  /** SECURITY_OVERRIDE requests of this run and their outcome. */
  overrides?: readonly OverrideRecord[];
  /** The time the report speaks for: SLA and expiry are judged against it. */
  now: Date;
}

/** A capped list of ids with an exact count of what was left out. */
class IdList {
  readonly ids: string[] = [];
  count = 0;
  add(id: string): void {
    this.count += 1;
    if (this.ids.length < COMPLIANCE_ID_LIST_LIMIT) this.ids.push(id);
  }
  toJSON(): { findingIds: string[]; findingIdsOmitted: number } {
    return { findingIds: [...this.ids], findingIdsOmitted: this.count - this.ids.length };
  }
}

const emptySeverityCounts = (): Record<Severity, number> => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

/**
 * The compliance view of one run: findings mapped to OWASP Top 10 (2021) and the 2024 CWE Top 25, and
 * the evidence per PCI DSS v4.0 and SOC 2 control. Pure: time is a parameter. One pass over the
 * findings per control, so 100k findings stay fast.
 */
export function buildComplianceReport(doc: FindingsDocument, options: BuildComplianceOptions): ComplianceReport {
  const scans = parseInput(z.array(ScanRecordSchema), options.scans, 'scans');
  const overrides = parseInput(z.array(OverrideRecordSchema).max(200), options.overrides ?? [], 'overrides');
  const now = options.now;
  if (Number.isNaN(now.getTime())) throw new ConfigurationError('buildComplianceReport: `now` is not a valid date');

  const facts: FindingFacts[] = doc.findings.map((finding) => ({ finding, overdue: isOverdue(finding, now) }));
  const scanEvidence = collectScans(doc, scans);

  const owasp = new Map(OWASP_TOP10_2021.map((c) => [c.id, { open: new IdList(), suppressed: 0, bySeverity: emptySeverityCounts() }]));
  const cweTop = new Map(CWE_TOP25_2024.map((entry) => [entry.cwe, { open: new IdList(), suppressed: 0 }]));
  let owaspUnmappedOpen = 0;
  const totals = { total: 0, open: 0, suppressed: 0, overdue: 0, new: 0, suppressedBy: { exception: 0, baseline: 0, vex: 0, inline: 0 } };

  for (const { finding, overdue } of facts) {
    const open = finding.status === 'open';
    totals.total += 1;
    if (open) totals.open += 1;
    else totals.suppressed += 1;
    if (open && overdue) totals.overdue += 1;
    if (finding.isNew) totals.new += 1;
    if (!open && finding.suppression) totals.suppressedBy[finding.suppression.kind] += 1;

    const cwes = cwesOfFinding(finding);
    const categories = owaspCategoriesOfFinding(finding, cwes);
    if (open && categories.length === 0) owaspUnmappedOpen += 1;
    for (const id of categories) {
      const entry = owasp.get(id)!;
      if (open) {
        entry.open.add(finding.id);
        entry.bySeverity[finding.severity] += 1;
      } else entry.suppressed += 1;
    }
    for (const cwe of cwes) {
      const entry = cweTop.get(cwe);
      if (!entry) continue;
      if (open) entry.open.add(finding.id);
      else entry.suppressed += 1;
    }
  }

  const exceptionsInForce = collectExceptions(doc.findings, now);
  const context: ControlContext = { now, blockingIds: new Set(doc.decision.blockingIds), overrides };
  const controls = CONTROL_CATALOG.map((definition) => evaluateControl(definition, facts, scanEvidence, context, doc));

  const reasons = doc.decision.reasons;
  const report: ComplianceReport = {
    schemaVersion: COMPLIANCE_SCHEMA_VERSION,
    generatedAt: now.toISOString(),
    tool: doc.tool,
    target: doc.target,
    verdict: doc.decision.verdict,
    blocked: doc.decision.verdict === 'block' || doc.decision.blockingIds.length > 0 || reasons.some((r) => r.kind === 'block'),
    incomplete: doc.decision.verdict === 'incomplete' || reasons.some((r) => r.kind === 'incomplete') || scanEvidence.some((s) => s.status === 'incomplete'),
    verdictReasons: reasons.slice(0, 200).map((r) => ({ kind: r.kind, code: r.code, message: r.message })),
    scans: scanEvidence,
    findings: totals,
    owaspTop10: OWASP_TOP10_2021.map((category) => {
      const entry = owasp.get(category.id)!;
      return {
        id: category.id,
        name: category.name,
        url: category.url,
        open: entry.open.count,
        suppressed: entry.suppressed,
        openBySeverity: entry.bySeverity,
        ...entry.open.toJSON(),
      };
    }),
    owaspUnmappedOpen,
    cweTop25: CWE_TOP25_2024.map((top) => {
      const entry = cweTop.get(top.cwe)!;
      return { rank: top.rank, id: `CWE-${top.cwe}`, name: top.name, url: cweUrl(top.cwe), open: entry.open.count, suppressed: entry.suppressed, ...entry.open.toJSON() };
    }),
    controls,
    overrides: [...overrides],
    exceptionsInForce: exceptionsInForce.slice(0, 1_000),
  };
  // The output is checked against its own schema: compliance.json must never be what its schema refuses.
  return ComplianceReportSchema.parse(report);
}

function parseInput<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${name}.${i.path.map(String).join('.')}: ${i.message}`).join('; ');
  throw new ConfigurationError(`buildComplianceReport: invalid ${name}: ${issues}`);
}

function isOverdue(finding: Finding, now: Date): boolean {
  if (finding.status !== 'open' || !finding.slaDueAt) return false;
  const due = Date.parse(finding.slaDueAt);
  return Number.isFinite(due) && due < now.getTime();
}

const STATUS_WEIGHT: Record<EngineStatus, number> = { ran: 0, 'not-run': 1, incomplete: 2 };

/** One entry per engine, from the document's engines and the caller's scan records; the worse status wins. */
function collectScans(doc: FindingsDocument, scans: readonly ScanRecord[]): ScanEvidence[] {
  const reported = new Map<string, Set<Category>>();
  for (const finding of doc.findings) {
    for (const source of finding.sources) {
      const set = reported.get(source.engine) ?? new Set<Category>();
      set.add(finding.category);
      reported.set(source.engine, set);
    }
  }
  const byEngine = new Map<string, ScanEvidence>();
  const merge = (engine: string, status: EngineStatus, extra: { version?: string; ranAt?: string; reason?: string; categories?: readonly Category[] }) => {
    const existing = byEngine.get(engine);
    const categories = extra.categories ?? knownEngineCategories(engine) ?? [...(reported.get(engine) ?? [])];
    if (!existing) {
      byEngine.set(engine, {
        engine,
        status,
        categories: [...categories].sort(),
        inventory: isInventoryEngine(engine),
        ...(extra.version !== undefined && { version: extra.version }),
        ...(extra.ranAt !== undefined && { ranAt: extra.ranAt }),
        ...(extra.reason !== undefined && { reason: extra.reason }),
      });
      return;
    }
    if (STATUS_WEIGHT[status] > STATUS_WEIGHT[existing.status]) {
      existing.status = status;
      if (extra.reason !== undefined) existing.reason = extra.reason;
    }
    existing.version ??= extra.version;
    existing.ranAt ??= extra.ranAt;
    existing.reason ??= extra.reason;
    if (extra.categories) existing.categories = [...new Set([...existing.categories, ...extra.categories])].sort();
  };
  for (const scan of scans) {
    merge(scan.engine, scan.status, {
      ranAt: scan.ranAt,
      ...(scan.version !== undefined && { version: scan.version }),
      ...(scan.reason !== undefined && { reason: scan.reason }),
      ...(scan.categories !== undefined && { categories: scan.categories }),
    });
  }
  for (const engine of doc.engines) {
    merge(engine.id, engine.status, {
      ...(engine.version !== undefined && { version: engine.version }),
      ...(engine.reason !== undefined && { reason: engine.reason }),
    });
  }
  return [...byEngine.values()].sort((a, b) => a.engine.localeCompare(b.engine));
}

/** Suppressed by a policy exception or a VEX statement that has not lapsed at `now`. */
function isExceptionInForce(finding: Finding, now: Date): boolean {
  const suppression = finding.suppression;
  if (finding.status !== 'suppressed' || !suppression) return false;
  if (suppression.kind !== 'exception' && suppression.kind !== 'vex') return false;
  return !suppression.expiresAt || Date.parse(suppression.expiresAt) > now.getTime();
}

function exceptionRef(finding: Finding): string {
  const s = finding.suppression!;
  return (s.ref ?? `${s.kind}: ${s.reason}`).slice(0, 1_000);
}

/** Exceptions and VEX statements suppressing findings at `now`, grouped by what they say. */
function collectExceptions(findings: readonly Finding[], now: Date): ExceptionInForce[] {
  const groups = new Map<string, { entry: Omit<ExceptionInForce, 'findingIds' | 'findingIdsOmitted' | 'findingCount' | 'categories'>; ids: IdList; categories: Set<Category> }>();
  for (const finding of findings) {
    const suppression = finding.suppression;
    if (!suppression || !isExceptionInForce(finding, now)) continue;
    const kind = suppression.kind === 'vex' ? 'vex' : 'exception';
    const key = JSON.stringify([suppression.kind, suppression.ref, suppression.owner, suppression.reason, suppression.expiresAt]);
    let group = groups.get(key);
    if (!group) {
      group = {
        entry: {
          kind,
          reason: suppression.reason,
          ...(suppression.ref !== undefined && { ref: suppression.ref }),
          ...(suppression.owner !== undefined && { owner: suppression.owner }),
          ...(suppression.expiresAt !== undefined && { expiresAt: suppression.expiresAt }),
        },
        ids: new IdList(),
        categories: new Set(),
      };
      groups.set(key, group);
    }
    group.ids.add(finding.id);
    group.categories.add(finding.category);
  }
  return [...groups.values()].map(({ entry, ids, categories }) => ({
    ...entry,
    findingCount: ids.count,
    categories: [...categories].sort(),
    ...ids.toJSON(),
  }));
}

function evaluateControl(
  definition: ControlDefinition,
  facts: readonly FindingFacts[],
  scans: readonly ScanEvidence[],
  context: ControlContext,
  doc: FindingsDocument,
): ControlResult {
  const inventory = 'inventory' in definition.evidence;
  const categories: readonly Category[] = 'categories' in definition.evidence ? definition.evidence.categories : [];
  const inScope = new Set(categories);
  const relevantScans = scans.filter((s) => (inventory ? s.inventory : s.categories.some((c) => inScope.has(c))));

  const bySeverity = emptySeverityCounts();
  const overdue = new IdList();
  const failing = new IdList();
  let openFindings = 0;
  let excepted = 0;
  const exceptionRefs = new Set<string>();
  for (const fact of facts) {
    const { finding } = fact;
    if (!inScope.has(finding.category)) continue;
    if (finding.status !== 'open') {
      if (isExceptionInForce(finding, context.now)) {
        excepted += 1;
        if (exceptionRefs.size < COMPLIANCE_ID_LIST_LIMIT) exceptionRefs.add(exceptionRef(finding));
      }
      continue;
    }
    openFindings += 1;
    bySeverity[finding.severity] += 1;
    if (fact.overdue) overdue.add(finding.id);
    if (definition.failing?.test(fact, context)) failing.add(finding.id);
  }

  const gaps: string[] = [];
  if (definition.failing && failing.count > 0) gaps.push(definition.failing.reason(failing.count));
  gaps.push(...(definition.otherGaps?.(context) ?? []));

  const incompleteScans = relevantScans.filter((s) => s.status === 'incomplete');
  const ranScans = relevantScans.filter((s) => s.status === 'ran');
  const notRun = relevantScans.filter((s) => s.status === 'not-run');
  const notes: string[] = [];
  for (const scan of incompleteScans) notes.push(`${scan.engine} is incomplete${scan.reason ? `: ${scan.reason}` : ''}.`);
  for (const scan of notRun) notes.push(`${scan.engine} did not run${scan.reason ? `: ${scan.reason}` : ''}.`);
  const verdictIncomplete = definition.needsCompleteVerdict === true && doc.decision.verdict === 'incomplete';
  if (verdictIncomplete) notes.push('The gate verdict is incomplete: the change was not fully tested.');

  let status: ControlStatus;
  if (gaps.length > 0) status = 'not-satisfied';
  else if (incompleteScans.length > 0 || verdictIncomplete) status = 'incomplete';
  else if (ranScans.length === 0) {
    status = 'no-evidence';
    notes.push(inventory ? 'No engine of this run produced a software inventory (SBOM).' : `No engine covering ${categories.join(', ')} ran.`);
  } else status = 'satisfied';
  if (status === 'satisfied') notes.push(`Evidenced by ${ranScans.map((s) => s.engine).join(', ')} with verdict ${doc.decision.verdict}.`);

  return {
    key: definition.key,
    framework: definition.framework,
    id: definition.id,
    title: definition.title,
    requirement: definition.requirement,
    scope: definition.scope,
    status,
    statusReasons: [...gaps, ...notes].slice(0, 50),
    evidence: {
      verdict: doc.decision.verdict,
      scans: relevantScans,
      categories: [...categories],
      openFindings,
      openBySeverity: bySeverity,
      overdue: { count: overdue.count, ...overdue.toJSON() },
      failing: { count: failing.count, ...failing.toJSON() },
      exceptionsInForce: { count: excepted, refs: [...exceptionRefs] },
      overrides: [...context.overrides],
    },
  };
}
